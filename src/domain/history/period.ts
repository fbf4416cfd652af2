/**
 * 报告期 as analysts write it in their own summaries: 2024Q3, 2024年第三季度, 2024年三季度,
 * 2024年9月末, 2024年末, a quarter-end date (2024-09-30, or an Excel date cell), 2024年上半年.
 * A date that is not a quarter end, or text naming no single quarter, is no 报告期.
 */
import { excelSerialToDate, parseIsoDate, parseQuarter, type CalendarDate, type Quarter } from '../quarter';
import { quarterHint } from '../import/fileNameHints';
import type { RawCell } from '../import/workbook';

function quarterOfEndDate(d: CalendarDate): Quarter | null {
  const ends: Record<number, number> = { 3: 31, 6: 30, 9: 30, 12: 31 };
  if (ends[d.m] !== d.d) return null;
  return { year: d.y, q: (d.m / 3) as Quarter['q'] };
}

export function quarterFromText(text: string): Quarter | null {
  const t = text.normalize('NFKC').trim();
  if (!t) return null;
  const direct = parseQuarter(t);
  if (direct) return direct;
  const date = parseIsoDate(t.replace(/\s+/g, ''));
  if (date) return quarterOfEndDate(date);
  const hint = quarterHint(t);
  return hint && hint.year !== null ? { year: hint.year, q: hint.q } : null;
}

/** A 报告期 cell: its text, or an Excel date serial (a number formatted as a date). */
export function quarterFromCell(cell: RawCell | undefined, date1904 = false): Quarter | null {
  if (!cell || cell.v === undefined) return null;
  if (typeof cell.v === 'number') {
    // A bare year-like number (2024) is no date; an Excel date is a serial in the tens of thousands.
    if (cell.v < 20000) return null;
    const d = excelSerialToDate(cell.v, date1904);
    return d ? quarterOfEndDate(d) : null;
  }
  return quarterFromText(String(cell.v));
}
