/** Quarter choices offered in the window's pickers. */
import { addQuarters, fromIndex, parseQuarter, quarterId, quarterIndex, quarterLabel, type CalendarDate, type Quarter } from '../quarter';

export function quarterOfDate(d: CalendarDate): Quarter {
  return { year: d.y, q: (Math.floor((d.m - 1) / 3) + 1) as Quarter['q'] };
}

/** The quarter whose reports are due now: the one that ended last before `today`. */
export function reportingQuarter(today: CalendarDate): Quarter {
  return addQuarters(quarterOfDate(today), -1);
}

/** Quarters from `first` to `last`, newest first, as { id, label } for a select. */
export function quarterOptions(first: Quarter, last: Quarter): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  for (let i = quarterIndex(last); i >= quarterIndex(first); i--) {
    const q = fromIndex(i);
    out.push({ id: quarterId(q), label: quarterLabel(q) });
  }
  return out;
}

/** "2025Q3" → "2025年第三季度"; text that is not a quarter is returned unchanged. */
export function labelOfQuarter(id: string): string {
  const q = parseQuarter(id);
  return q ? quarterLabel(q) : id;
}

/**
 * The quarters a page offers: from 2020Q1 up to the one due by `today` (the services'
 * today), or up to the latest quarter with data when that is later (a report for a
 * quarter not yet due, or a test clock), plus `ahead` quarters after that.
 */
export function pickerQuarters(today: CalendarDate | null, latest: string | null, ahead = 0): { id: string; label: string }[] {
  const due = today ? reportingQuarter(today) : null;
  const withData = latest ? parseQuarter(latest) : null;
  const last = due && withData ? (quarterIndex(withData) > quarterIndex(due) ? withData : due) : (due ?? withData);
  return last ? quarterOptions(FIRST_QUARTER, addQuarters(last, ahead)) : [];
}

/** The first quarter any picker offers. */
export const FIRST_QUARTER: Quarter = { year: 2020, q: 1 };

/** Years a page offers, newest first: from the year of `today` (or of the latest data, if later) back to 2020. */
export function pickerYears(today: CalendarDate | null, latest: string | null): number[] {
  const last = Math.max(today?.y ?? 0, latest ? Number(latest.slice(0, 4)) : 0);
  return last >= FIRST_QUARTER.year ? Array.from({ length: last - FIRST_QUARTER.year + 1 }, (_, i) => last - i) : [];
}
