/**
 * One cell, as a bank clerk typed it, turned into the stored value.
 *
 * Numbers (amount 万元, count, rate):
 * - blanks are missing (null), never 0;
 * - full-width digits and punctuation are folded (NFKC), stray spaces dropped;
 * - thousands separators "1,234.5" / "1，234.5" (groups of three only);
 * - amounts may carry a unit suffix 万元/万 (as is), 亿元/亿 (×10,000) or 元 (÷10,000),
 *   converted exactly in decimal and reported as a note;
 * - "(123)" is −123 (the validator then rejects negative balances);
 * - "—", "-", "－" mean 0 only where the form says so (field.dashIsZero);
 * - counts must be whole numbers; a count may carry its own unit ("12户").
 *
 * Rates (fields with unit %, stored as fractions: 0.0345 = 3.45%):
 * - a cell formatted as a percentage in Excel/WPS/LibreOffice arrives as the
 *   fraction (3.45% → 0.0345) and is taken as it is;
 * - text with a percent sign ("3.45%") is divided by 100;
 * - a bare number (a General-formatted cell, CSV, text "3.45") is read by its size:
 *   above 1 it is percentage points (3.45 → 3.45%, because the header says %),
 *   at most 1 it is already a fraction (0.0345 → 3.45%, 0.5 → 50%). A clerk typing
 *   "0.8" for 0.8% gets 80%, which the field's max bound then rejects, so the
 *   ambiguity never passes silently for the bounded rates of the form.
 *   Reading a bare number as percentage points is reported as a note.
 *
 * Dates: Excel serials decoded by calendar arithmetic (never through JS Date,
 * which drifts by 43 s in Asia/Shanghai), or text 2025-10-03 / 2025/10/3 /
 * 2025年10月3日. Stored as the text YYYY-MM-DD.
 */
import type { FieldDef } from '../catalogue/types';
import { decimalToScaled, floatToScaled, type NumericType } from '../amount';
import { excelSerialToDate, formatDate, parseIsoDate } from '../quarter';
import type { RawCell } from './workbook';

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

function problem(code: string, message: string, raw: string | null): CellProblem {
  return { ok: false, code, message, raw };
}

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
  if (!cell || cell.t === 'z') return BLANK;
  const raw = cell.v === undefined ? (cell.f !== undefined ? `=${cell.f}` : null) : String(cell.v);
  if (cell.f !== undefined && cell.v === undefined) {
    return problem(
      'E_FORMULA_NO_VALUE',
      `「${field.label}」是公式（=${cell.f}），但文件中没有保存计算结果。请在 Excel/WPS 中打开后保存，或复制该单元格后「选择性粘贴为数值」再报送。`,
      raw,
    );
  }
  if (cell.t === 'e') {
    const shown = cell.w ?? (typeof cell.v === 'number' ? ERROR_CODES[cell.v] : undefined) ?? String(cell.v ?? '');
    return problem('E_VALUE_ERROR_CELL', `「${field.label}」是错误值「${shown}」，请改为${field.type === 'text' ? '文字' : '数值'}后再报送。`, raw);
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
    // A phone number typed without a leading quote arrives as a number.
    const t = Number.isInteger(cell.v) ? String(cell.v) : (cell.w ?? String(cell.v));
    return ok(null, t, raw);
  }
  const t = String(cell.v ?? '').trim();
  return t === '' ? BLANK : ok(null, t, raw);
}

function parseDate(field: FieldDef, cell: RawCell, raw: string | null, date1904: boolean): CellParse {
  if (typeof cell.v === 'number') {
    const d = excelSerialToDate(cell.v, date1904);
    if (!d) return problem('E_VALUE_NOT_DATE', `「${field.label}」不是有效日期（${raw ?? ''}），请填写如 2025-10-03 的日期。`, raw);
    return ok(null, formatDate(d), raw);
  }
  const t = String(cell.v ?? '').trim();
  if (t === '') return BLANK;
  const d = parseIsoDate(t.replace(/\s+/g, ''));
  if (!d) return problem('E_VALUE_NOT_DATE', `「${field.label}」应填写日期（如 2025-10-03 或 2025年10月3日），实际为「${t}」。`, raw);
  return ok(null, formatDate(d), raw);
}

function parseNumber(field: FieldDef, type: NumericType, cell: RawCell, raw: string | null): CellParse {
  if (typeof cell.v === 'number') return parseNumericCell(field, type, cell, cell.v, raw);
  if (typeof cell.v === 'boolean') return notNumber(field, raw);
  const original = String(cell.v ?? '');
  const s = original.normalize('NFKC').replace(/\s+/gu, '');
  if (s === '') return BLANK;
  if (DASH_RE.test(s)) {
    if (field.dashIsZero) return ok(0, null, raw);
    return problem('E_DASH_NOT_ALLOWED', `「${field.label}」不能用「${original.trim()}」表示零，请填写数值（无发生额填 0）。`, raw);
  }
  return parseNumberText(field, type, s, original.trim(), raw);
}

function notNumber(field: FieldDef, raw: string | null): CellProblem {
  return problem('E_VALUE_NOT_NUMBER', `「${field.label}」应填写数字${field.unit ? `（单位：${field.unit}）` : ''}，实际为「${raw ?? ''}」。`, raw);
}

function parseNumericCell(field: FieldDef, type: NumericType, cell: RawCell, x: number, raw: string | null): CellParse {
  if (!Number.isFinite(x)) return notNumber(field, raw);
  if (type === 'count') {
    if (!Number.isInteger(x)) return problem('E_VALUE_NOT_INTEGER', `「${field.label}」应为整数（单位：${field.unit}），实际为 ${floatText(x)}。`, raw);
    return Number.isSafeInteger(x) ? ok(x, null, raw) : notNumber(field, raw);
  }
  if (type === 'rate' && !(cell.z ?? '').includes('%') && Math.abs(x) > 1) {
    return percentPoints(field, floatText(x), raw);
  }
  const n = floatToScaled(x, type);
  return n === null ? notNumber(field, raw) : ok(n, null, raw);
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
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) {
      return problem('E_VALUE_BAD_SEPARATOR', `「${field.label}」的千分位分隔符位置不对（「${shown}」），请填写如 1,234.56 的数字。`, raw);
    }
    s = s.replace(/,/g, '');
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) {
    if (type !== 'rate' && s.endsWith('%')) {
      return problem('E_VALUE_NOT_NUMBER', `「${field.label}」的单位是${field.unit}，不能填写百分数（「${shown}」）。`, raw);
    }
    return notNumber(field, shown);
  }
  const signed = negative ? `-${s}` : s;
  if (type === 'count') {
    if (/\.\d*[1-9]/.test(s)) return problem('E_VALUE_NOT_INTEGER', `「${field.label}」应为整数（单位：${field.unit}），实际为「${shown}」。`, raw);
    const n = decimalToScaled(signed, 0);
    return n === null ? notNumber(field, shown) : ok(n, null, raw);
  }
  if (type === 'rate') {
    if (!percent && Number(s) > 1) return percentPoints(field, signed, raw);
    const n = decimalToScaled(signed, DECIMALS.rate, percent ? -2 : 0);
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
