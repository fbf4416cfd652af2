/**
 * One cell, as a bank clerk typed it, turned into the stored value.
 *
 * Numbers (amount 万元, count, rate):
 * - blanks are missing (null), never 0;
 * - full-width digits and punctuation are folded (１２３，４５６．７８ → 123,456.78), and
 *   nothing else: NFKC would also turn 10² into 102 and ①② into 12, which nobody
 *   reads as those numbers, so they stay text and are refused;
 * - spaces around the number and its unit are dropped; a space between digits
 *   ("100 200") is refused, not joined;
 * - thousands separators "1,234.5" / "1，234.5" (groups of three only, the first
 *   not 0: "0,123" is a decimal comma, refused);
 * - amounts may carry a unit suffix 万元/万 (as is), 亿元/亿 (×10,000) or 元 (÷10,000),
 *   converted exactly in decimal and reported as a note;
 * - "(123)" is −123 (the validator then rejects negative balances); a sign inside
 *   the brackets ("(-5)") is refused rather than guessed;
 * - "—", "-", "－" mean 0 only where the form says so (field.dashIsZero);
 * - counts must be whole numbers; a count may carry its own unit ("12户").
 *
 * Rates (fields with unit %, stored as fractions: 0.0345 = 3.45%):
 * - a cell formatted as a percentage in Excel/WPS/LibreOffice arrives as the
 *   fraction (3.45% → 0.0345) and is taken as it is;
 * - text with a percent sign ("3.45%") is divided by 100;
 * - a bare number (a General-formatted cell, CSV, text "3.45") is read by its size:
 *   above 1 it is percentage points (3.45 → 3.45%, because the header says %),
 *   at most 1 it is already a fraction (0.0345 → 3.45%, 0.5 → 50%). Either reading
 *   of a bare number is reported as a note that says how it was read, so a clerk's
 *   "0.8" meant as 0.8% and stored as 80% (within a 100% bound) is visible.
 *
 * A number format that shows the number as something else is what the clerk saw:
 * a date (2025/10/3 is stored as 45933), a time (12:30 as 0.52) or, in an amount or
 * count, a percentage (5% as 0.05) is refused naming what was shown.
 *
 * Dates: Excel serials decoded by calendar arithmetic (never through JS Date,
 * which drifts by 43 s in Asia/Shanghai), or text 2025-10-03 / 2025/10/3 /
 * 2025年10月3日. Stored as the text YYYY-MM-DD. Refused: serial 60 (Excel's
 * 1900-02-29, a day that never was), dates past 9999-12-31 (Excel shows #####),
 * and a number in a cell whose format is not a date (the clerk saw 45933, not a
 * date).
 *
 * A cell whose content is not a finite number (a package edited by hand:
 * <v>abc</v> in a numeric cell) is refused as unreadable; its NaN is never shown.
 */
import type { FieldDef } from '../catalogue/types';
import { decimalToScaled, floatToScaled, type NumericType } from '../amount';
import { excelSerialToDate, formatDate, parseIsoDate } from '../quarter';
import type { RawCell } from './workbook';
import { errorMessage, type ErrorCode, type MessageParams, type ParamsArg } from '../errors';

export interface ParsedCell {
  ok: true;
  /** Scaled integer (see amount.ts) for numeric fields, else null. */
  num: number | null;
  /** Text and dates (YYYY-MM-DD), else null. */
  text: string | null;
  /** What the cell held, as text, for provenance; null when blank. */
  raw: string | null;
  /** A conversion the user should see (unit suffix, percentage points). */
  note: string | null;
}

export interface CellProblem {
  ok: false;
  code: string;
  message: string;
  raw: string | null;
}

export type CellParse = ParsedCell | CellProblem;

/** Excel's error codes as stored in the file (SheetJS gives the code when formatted text is off). */
const ERROR_CODES: Record<number, string> = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A', 43: '#GETTING_DATA' };

const BLANK: ParsedCell = { ok: true, num: null, text: null, raw: null, note: null };
const DASH_RE = /^[-－—–―─]{1,2}$/u;
const DECIMALS: Record<NumericType, number> = { amount: 6, rate: 6, count: 0 };

/** Amount suffixes and the power of ten that brings them to 万元. */
const AMOUNT_UNITS: { suffix: string; shift: number; label: string }[] = [
  { suffix: '万元', shift: 0, label: '万元' },
  { suffix: '亿元', shift: 4, label: '亿元' },
  { suffix: '万', shift: 0, label: '万元' },
  { suffix: '亿', shift: 4, label: '亿元' },
  { suffix: '元', shift: -4, label: '元' },
];

/** A cell refused, in its code's words. */
function problem<C extends ErrorCode>(code: C, params: MessageParams<C>, raw: string | null): CellProblem {
  return { ok: false, code, message: errorMessage(code, ...([params] as unknown as ParamsArg<C>)), raw };
}

/** 「（单位：万元）」 after 「应填写数字」, or nothing for a field without a unit. */
const unitClause = (field: FieldDef): string => (field.unit ? `（单位：${field.unit}）` : '');

function ok(num: number | null, text: string | null, raw: string | null, note: string | null = null): ParsedCell {
  return { ok: true, num, text, raw, note };
}

/** A float as the shortest decimal text without float noise (0.1+0.2 → "0.3"). */
function floatText(x: number): string {
  const t = Number(x.toPrecision(15)).toString();
  if (!/e/i.test(t)) return t;
  return x.toFixed(20).replace(/\.?0+$/, '');
}

/** Shows a scaled amount the way the form does: 12000 or 123.456789. */
function showDecimal(text: string): string {
  return text.replace(/^([+-]?)0+(\d)/, '$1$2');
}

export function parseCellValue(field: FieldDef, cell: RawCell | undefined, date1904 = false): CellParse {
  if (!cell) return BLANK;
  const raw = cell.v === undefined ? (cell.f !== undefined ? `=${cell.f}` : null) : typeof cell.v === 'number' && !Number.isFinite(cell.v) ? null : String(cell.v);
  // Before the blank check: openpyxl's formulas arrive as empty stubs that carry the formula.
  if (cell.f !== undefined && cell.v === undefined) {
    return problem('E_FORMULA_NO_VALUE', { field: field.label, formula: cell.f }, raw);
  }
  if (cell.t === 'z') return BLANK;
  if (typeof cell.v === 'number' && !Number.isFinite(cell.v)) return unreadable(field);
  if (typeof cell.v === 'boolean') {
    // Excel and WPS show a logical value as TRUE/FALSE; that is what the clerk saw, not JavaScript's true.
    const shown = cell.w ?? (cell.v ? 'TRUE' : 'FALSE');
    if (field.type === 'text') return ok(null, shown, shown);
    if (field.type === 'date') return problem('E_VALUE_NOT_DATE', { field: field.label, found: `逻辑值「${shown}」` }, shown);
    return notNumber(field, shown);
  }
  if (cell.t === 'e') {
    const shown = cell.w ?? (typeof cell.v === 'number' ? ERROR_CODES[cell.v] : undefined) ?? String(cell.v ?? '');
    return problem('E_VALUE_ERROR_CELL', { field: field.label, text: shown, kind: field.type === 'text' ? '文字' : '数值' }, raw);
  }
  switch (field.type) {
    case 'text':
      return parseText(cell, raw);
    case 'date':
      return parseDate(field, cell, raw, date1904);
    default:
      return parseNumber(field, field.type, cell, raw);
  }
}

function parseText(cell: RawCell, raw: string | null): ParsedCell {
  if (typeof cell.v === 'number') {
    // A phone number typed without a leading quote arrives as a number; a date or a
    // percentage in a text field is kept as it was shown (2025/10/3, not 45933).
    const t = cell.looks && cell.w !== undefined ? cell.w : Number.isInteger(cell.v) ? String(cell.v) : (cell.w ?? String(cell.v));
    return ok(null, t, raw);
  }
  const t = String(cell.v ?? '').trim();
  return t === '' ? BLANK : ok(null, t, raw);
}

/** Excel's last date, 9999-12-31, as a 1900-system serial. */
const MAX_SERIAL = 2_958_465;

function parseDate(field: FieldDef, cell: RawCell, raw: string | null, date1904: boolean): CellParse {
  if (typeof cell.v === 'number') {
    const serial = cell.v;
    if (cell.z !== undefined && cell.looks !== 'date') {
      const what = cell.looks === 'time' ? `时间「${cell.w ?? raw ?? ''}」` : cell.looks === 'percent' ? `百分数「${cell.w ?? raw ?? ''}」` : `数字 ${floatText(serial)}`;
      return problem('E_VALUE_NOT_DATE', { field: field.label, found: `${what}（单元格不是日期格式）` }, raw);
    }
    if (!date1904 && Math.floor(serial + 1e-7) === 60) {
      // Excel (after Lotus 1-2-3) counts a 29 February 1900 that never was.
      return problem('E_VALUE_NOT_DATE', { field: field.label, found: '1900年2月29日，这一天并不存在（Excel 沿用的历法错误）' }, raw);
    }
    const d = serial > (date1904 ? MAX_SERIAL - 1462 : MAX_SERIAL) ? null : excelSerialToDate(serial, date1904);
    if (!d) return problem('E_VALUE_NOT_DATE', { field: field.label, found: `数值 ${floatText(serial)}，不是有效日期` }, raw);
    return ok(null, formatDate(d), raw);
  }
  const t = String(cell.v ?? '').trim();
  if (t === '') return BLANK;
  // Full-width digits fold; superscript or circled ones (which NFKC would fold) do not make a date.
  const folded = foldWidth(t).replace(/\s+/g, '');
  const d = /^[\d\-/.年月日]+$/u.test(folded) ? parseIsoDate(folded) : null;
  if (!d) return problem('E_VALUE_NOT_DATE', { field: field.label, found: `「${t}」` }, raw);
  return ok(null, formatDate(d), raw);
}

function parseNumber(field: FieldDef, type: NumericType, cell: RawCell, raw: string | null): CellParse {
  if (typeof cell.v === 'number') return parseNumericCell(field, type, cell, cell.v, raw);
  const original = String(cell.v ?? '');
  const folded = foldWidth(original).trim();
  if (folded === '') return BLANK;
  if (/[\d.,]\s+[\d.,]/u.test(folded)) {
    return problem('E_VALUE_NOT_NUMBER', { field: field.label, unit: unitClause(field), text: original.trim(), why: '：数字中间有空格，无法确定是一个数还是几个数，请填写如 1234.56 或 1,234.56 的数字' }, raw);
  }
  const s = folded.replace(/\s+/gu, '');
  if (DASH_RE.test(s)) {
    if (field.dashIsZero) return ok(0, null, raw);
    return problem('E_DASH_NOT_ALLOWED', { field: field.label, text: original.trim() }, raw);
  }
  return parseNumberText(field, type, s, original.trim(), raw);
}

/**
 * Full-width forms of ASCII (U+FF01–FF5E: １２３，．％（）－) and the ideographic space,
 * as a Chinese input method types them, folded to ASCII; nothing else (see top).
 */
function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/gu, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

function unreadable(field: FieldDef): CellProblem {
  return problem('E_VALUE_UNREADABLE', { field: field.label }, null);
}

/** What kind of figure a numeric field wants, for messages: 金额（万元）, 整数（户）, 百分数. */
function wanted(field: FieldDef, type: NumericType): string {
  if (type === 'rate') return '百分数';
  if (type === 'count') return `整数${field.unit ? `（${field.unit}）` : ''}`;
  return `金额${field.unit ? `（${field.unit}）` : ''}`;
}

function notNumber(field: FieldDef, raw: string | null): CellProblem {
  return problem('E_VALUE_NOT_NUMBER', { field: field.label, unit: unitClause(field), text: raw ?? '', why: '' }, raw);
}

function parseNumericCell(field: FieldDef, type: NumericType, cell: RawCell, x: number, raw: string | null): CellParse {
  if (!Number.isFinite(x)) return unreadable(field);
  if (cell.looks === 'date' || cell.looks === 'time') {
    const kind = cell.looks === 'date' ? '日期' : '时间';
    return problem('E_VALUE_DATE_FORMAT', { field: field.label, wanted: wanted(field, type), kind, shown: cell.w ?? floatText(x), stored: floatText(x) }, raw);
  }
  const percentFormat = cell.looks === 'percent' || (cell.looks === undefined && (cell.z ?? '').includes('%'));
  if (percentFormat && type !== 'rate') {
    return problem('E_VALUE_PERCENT_FORMAT', { field: field.label, wanted: wanted(field, type), shown: cell.w ?? floatText(x), stored: floatText(x) }, raw);
  }
  if (type === 'count') {
    if (!Number.isInteger(x)) return problem('E_VALUE_NOT_INTEGER', { field: field.label, unit: field.unit ?? '', value: floatText(x) }, raw);
    return Number.isSafeInteger(x) ? ok(x, null, raw) : notNumber(field, raw);
  }
  if (type === 'rate' && !percentFormat) return bareRate(field, floatText(x), raw);
  const n = floatToScaled(x, type);
  return n === null ? notNumber(field, raw) : ok(n, null, raw);
}

/**
 * A rate written without a percent sign or format. Above 1 it can only be percentage
 * points; at most 1 it is read as the fraction. Both readings are said in a note,
 * because 0.8 may have meant 0.8%.
 */
function bareRate(field: FieldDef, decimal: string, raw: string | null): CellParse {
  const value = Number(decimal);
  if (Math.abs(value) > 1) return percentPoints(field, decimal, raw);
  const n = decimalToScaled(decimal, DECIMALS.rate, 0);
  if (n === null) return notNumber(field, raw);
  if (n === 0) return ok(0, null, raw);
  const pct = showDecimal(showScaled(n * 100, 6));
  return ok(n, null, raw, `「${field.label}」填写的 ${showDecimal(decimal)} 没有百分号，按小数理解为 ${pct}%；如指 ${showDecimal(decimal)}%，请填写「${showDecimal(decimal)}%」。`);
}

function percentPoints(field: FieldDef, decimal: string, raw: string | null): CellParse {
  const n = decimalToScaled(decimal, DECIMALS.rate, -2);
  if (n === null) return notNumber(field, raw);
  return ok(n, null, raw, `「${field.label}」填写的 ${showDecimal(decimal)} 按百分数理解为 ${showDecimal(decimal)}%。`);
}

function parseNumberText(field: FieldDef, type: NumericType, s0: string, shown: string, raw: string | null): CellParse {
  let s = s0;
  let negative = false;
  const paren = /^\((.+)\)$/u.exec(s);
  if (paren) {
    negative = true;
    s = paren[1] ?? '';
    // (123) is the accountant's −123; a sign inside as well leaves nobody sure which was meant.
    if (/^[-+]/.test(s)) return problem('E_VALUE_NOT_NUMBER', { field: field.label, unit: unitClause(field), text: shown, why: '：括号内又带正负号，无法确定是正数还是负数，请直接填写数字（负数如 -5）' }, raw);
  }
  let shift = 0;
  let unitNote: string | null = null;
  let percent = false;
  if (type === 'amount') {
    const unit = AMOUNT_UNITS.find((u) => s.endsWith(u.suffix));
    if (unit) {
      s = s.slice(0, -unit.suffix.length);
      shift = unit.shift;
      if (unit.shift !== 0) unitNote = unit.label;
    }
  } else if (type === 'rate') {
    if (s.endsWith('%')) {
      s = s.slice(0, -1);
      percent = true;
    }
  } else if (field.unit && s.endsWith(field.unit)) {
    s = s.slice(0, -field.unit.length);
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) negative = !negative;
    s = s.slice(1);
  }
  if (s.includes(',')) {
    if (!/^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/.test(s)) {
      return problem('E_VALUE_BAD_SEPARATOR', { field: field.label, text: shown }, raw);
    }
    s = s.replace(/,/g, '');
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) {
    if (type !== 'rate' && s.endsWith('%')) {
      return problem('E_VALUE_NOT_NUMBER', { field: field.label, unit: unitClause(field), text: shown, why: '：不能填写百分数' }, raw);
    }
    return notNumber(field, shown);
  }
  const signed = negative ? `-${s}` : s;
  if (type === 'count') {
    if (/\.\d*[1-9]/.test(s)) return problem('E_VALUE_NOT_INTEGER', { field: field.label, unit: field.unit ?? '', value: `「${shown}」` }, raw);
    const n = decimalToScaled(signed, 0);
    return n === null ? notNumber(field, shown) : ok(n, null, raw);
  }
  if (type === 'rate') {
    if (!percent) return bareRate(field, signed, raw);
    const n = decimalToScaled(signed, DECIMALS.rate, -2);
    return n === null ? notNumber(field, shown) : ok(n, null, raw);
  }
  const n = decimalToScaled(signed, DECIMALS.amount, shift);
  if (n === null) return notNumber(field, shown);
  const note = unitNote ? `「${field.label}」填写的「${shown}」以${unitNote}为单位，已换算为 ${showScaled(n)} 万元。` : null;
  return ok(n, null, raw, note);
}

/** A scaled amount (1/1,000,000 万元) shown exactly in 万元. */
export function showScaled(n: number, decimals = 6): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  const scale = 10 ** decimals;
  const whole = Math.floor(abs / scale);
  const frac = String(abs % scale).padStart(decimals, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
