import { describe, expect, it } from 'vitest';
import { parseCellValue, type CellParse } from '../../src/domain/import/parseValue';
import type { FieldDef } from '../../src/domain/catalogue/types';
import type { RawCell } from '../../src/domain/import/workbook';

const amount: FieldDef = { key: 'loans_total_bal', label: '各项贷款余额', type: 'amount', unit: '万元', min: 0 };
const dashAmount: FieldDef = { ...amount, key: 'farmer_loans_bal', label: '农户贷款余额', dashIsZero: true };
const count: FieldDef = { key: 'pov_households', label: '户数', type: 'count', unit: '户', dashIsZero: true };
const rate: FieldDef = { key: 'pov_rate', label: '执行利率', type: 'rate', unit: '%', min: 0, max: 0.24 };
const date: FieldDef = { key: 'cover_fill_date', label: '填报日期', type: 'date', unit: '' };
const text: FieldDef = { key: 'cover_phone', label: '联系电话', type: 'text', unit: '' };

const s = (v: string): RawCell => ({ t: 's', v });
const n = (v: number, z?: string): RawCell => (z ? { t: 'n', v, z } : { t: 'n', v });

function num(r: CellParse): number | null {
  if (!r.ok) throw new Error(`expected a value, got ${r.code}: ${r.message}`);
  return r.num;
}
function code(r: CellParse): string {
  if (r.ok) throw new Error(`expected a problem, got ${String(r.num ?? r.text)}`);
  return r.code;
}

describe('amounts as clerks type them (stored ×1,000,000 = 1/1,000,000 万元)', () => {
  it('plain numbers and numeric cells, without float noise', () => {
    expect(num(parseCellValue(amount, n(1234.5)))).toBe(1_234_500_000);
    expect(num(parseCellValue(amount, n(0.1 + 0.2)))).toBe(300_000);
    expect(num(parseCellValue(amount, s('1234.56')))).toBe(1_234_560_000);
  });
  it('thousands separators, ASCII and full-width, and full-width digits', () => {
    expect(num(parseCellValue(amount, s('1,234.5')))).toBe(1_234_500_000);
    expect(num(parseCellValue(amount, s('1，234.5')))).toBe(1_234_500_000);
    expect(num(parseCellValue(amount, s('１２３４．５')))).toBe(1_234_500_000);
    expect(code(parseCellValue(amount, s('12,34.5')))).toBe('E_VALUE_BAD_SEPARATOR');
  });
  it('stray spaces around the number, including the ideographic space; never between digits', () => {
    expect(num(parseCellValue(amount, s(' 1234.5　')))).toBe(1_234_500_000);
    expect(num(parseCellValue(amount, s('　12 亿元 ')))).toBe(120_000_000_000);
    expect(code(parseCellValue(amount, s(' 1 234.5')))).toBe('E_VALUE_NOT_NUMBER');
  });
  it('unit suffixes convert exactly to 万元 and are reported', () => {
    const yi = parseCellValue(amount, s('1.2亿元'));
    expect(num(yi)).toBe(12_000_000_000);
    expect(yi.ok && yi.note).toContain('已换算为 12000 万元');
    const yuan = parseCellValue(amount, s('1,234,567.89元'));
    expect(num(yuan)).toBe(123_456_789);
    expect(yuan.ok && yuan.note).toContain('123.456789 万元');
    const wan = parseCellValue(amount, s('500万元'));
    expect(num(wan)).toBe(500_000_000);
    expect(wan.ok && wan.note).toBeNull();
  });
  it('blanks are missing, never zero', () => {
    expect(num(parseCellValue(amount, undefined))).toBeNull();
    expect(num(parseCellValue(amount, s('   ')))).toBeNull();
    expect(num(parseCellValue(amount, { t: 'z' }))).toBeNull();
  });
  it('dashes are zero only where the form says so', () => {
    for (const d of ['—', '-', '－', '——']) expect(num(parseCellValue(dashAmount, s(d)))).toBe(0);
    expect(num(parseCellValue(count, s('-')))).toBe(0);
    expect(code(parseCellValue(amount, s('—')))).toBe('E_DASH_NOT_ALLOWED');
  });
  it('(123) is negative', () => {
    expect(num(parseCellValue(amount, s('(123)')))).toBe(-123_000_000);
    expect(num(parseCellValue(amount, s('（1,234.5）')))).toBe(-1_234_500_000);
  });
  it('text in a number cell is an error naming the field and the text', () => {
    const r = parseCellValue(amount, s('约五千万'));
    expect(code(r)).toBe('E_VALUE_NOT_NUMBER');
    expect(!r.ok && r.message).toContain('「各项贷款余额」应填写数字');
    expect(!r.ok && r.message).toContain('约五千万');
    expect(code(parseCellValue(amount, s('3.5%')))).toBe('E_VALUE_NOT_NUMBER');
    expect(code(parseCellValue(amount, { t: 'b', v: true }))).toBe('E_VALUE_NOT_NUMBER');
  });
  it('formulas: a cached result is read, a missing one is an error saying how to fix it', () => {
    expect(num(parseCellValue(amount, { t: 'n', v: 300, f: 'B5+B6' }))).toBe(300_000_000);
    const r = parseCellValue(amount, { t: 'e', f: 'B5+B6' });
    expect(code(r)).toBe('E_FORMULA_NO_VALUE');
    expect(!r.ok && r.message).toContain('选择性粘贴为数值');
    const div = parseCellValue(amount, { t: 'e', v: 7 });
    expect(code(div)).toBe('E_VALUE_ERROR_CELL');
    expect(!div.ok && div.message).toContain('#DIV/0!');
  });
});

describe('counts', () => {
  it('whole numbers, with their unit allowed', () => {
    expect(num(parseCellValue(count, n(12)))).toBe(12);
    expect(num(parseCellValue(count, s('1,200户')))).toBe(1200);
    expect(code(parseCellValue(count, s('12.5')))).toBe('E_VALUE_NOT_INTEGER');
    expect(code(parseCellValue(count, n(12.5)))).toBe('E_VALUE_NOT_INTEGER');
  });
});

describe('rates (stored as fractions ×1,000,000)', () => {
  it('a cell formatted as % arrives as the fraction and is kept', () => {
    expect(num(parseCellValue(rate, n(0.0345, '0.00%')))).toBe(34_500);
  });
  it('text with a percent sign', () => {
    expect(num(parseCellValue(rate, s('3.45%')))).toBe(34_500);
    expect(num(parseCellValue(rate, s('３．４５％')))).toBe(34_500);
  });
  it('a bare number above 1 is percentage points, reported as a note', () => {
    const r = parseCellValue(rate, s('3.45'));
    expect(num(r)).toBe(34_500);
    expect(r.ok && r.note).toContain('3.45%');
    expect(num(parseCellValue(rate, n(3.45)))).toBe(34_500);
  });
  it('a bare number at most 1 is already a fraction (and says so, see below)', () => {
    expect(num(parseCellValue(rate, n(0.0345)))).toBe(34_500);
    expect(num(parseCellValue(rate, s('0.5')))).toBe(500_000);
  });
});

describe('dates without time-zone drift', () => {
  it('Excel serials decode to the calendar date', () => {
    const r = parseCellValue(date, n(45933));
    expect(r.ok && r.text).toBe('2025-10-03');
    const r1904 = parseCellValue(date, n(44471), true);
    expect(r1904.ok && r1904.text).toBe('2025-10-03');
  });
  it('dates typed as text', () => {
    for (const t of ['2025-10-03', '2025/10/3', '2025年10月3日', '２０２５－１０－０３']) {
      const r = parseCellValue(date, s(t));
      expect(r.ok && r.text).toBe('2025-10-03');
    }
    expect(code(parseCellValue(date, s('十月三日')))).toBe('E_VALUE_NOT_DATE');
    expect(code(parseCellValue(date, s('2025-02-30')))).toBe('E_VALUE_NOT_DATE');
  });
});

describe('text', () => {
  it('trimmed; a phone number typed as a number stays its digits', () => {
    const r = parseCellValue(text, n(13800000000));
    expect(r.ok && r.text).toBe('13800000000');
    const t = parseCellValue(text, s('  0915-3212345 '));
    expect(t.ok && t.text).toBe('0915-3212345');
  });
});

describe('what a person would not read as that number is refused (issue 10 §6)', () => {
  it('superscripts and circled digits are not folded into digits; full-width ones are', () => {
    expect(code(parseCellValue(amount, s('10²')))).toBe('E_VALUE_NOT_NUMBER');
    expect(code(parseCellValue(amount, s('①②')))).toBe('E_VALUE_NOT_NUMBER');
    expect(code(parseCellValue(count, s('⑫户')))).toBe('E_VALUE_NOT_NUMBER');
    expect(num(parseCellValue(count, s('１２户')))).toBe(12);
  });
  it('a sign inside accounting brackets, a leading 0 group, spaces between digits', () => {
    expect(code(parseCellValue(amount, s('(-5)')))).toBe('E_VALUE_NOT_NUMBER');
    expect(code(parseCellValue(amount, s('（＋5）')))).toBe('E_VALUE_NOT_NUMBER');
    expect(code(parseCellValue(amount, s('0,123')))).toBe('E_VALUE_BAD_SEPARATOR');
    expect(code(parseCellValue(amount, s('100 200')))).toBe('E_VALUE_NOT_NUMBER');
    expect(code(parseCellValue(amount, s('100\u00a0200')))).toBe('E_VALUE_NOT_NUMBER');
    expect(num(parseCellValue(amount, s('1,000,200')))).toBe(1_000_200_000_000);
  });
  it('a cell that holds no finite number is unreadable, never "NaN"', () => {
    const r = parseCellValue(amount, n(Number.NaN));
    expect(code(r)).toBe('E_VALUE_UNREADABLE');
    expect(!r.ok && r.message).not.toContain('NaN');
    expect(code(parseCellValue(text, n(Number.POSITIVE_INFINITY)))).toBe('E_VALUE_UNREADABLE');
    expect(code(parseCellValue(date, n(Number.NaN)))).toBe('E_VALUE_UNREADABLE');
  });
});

describe('number formats that show a number as something else (issue 10 §3)', () => {
  const looks = (v: number, z: string, as: 'date' | 'time' | 'percent', w: string): RawCell => ({ t: 'n', v, z, looks: as, w });
  it('a date or a time in an amount, count or rate cell is refused naming what was shown', () => {
    const d = parseCellValue(amount, looks(45933, 'yyyy/m/d', 'date', '2025/10/3'));
    expect(code(d)).toBe('E_VALUE_DATE_FORMAT');
    expect(!d.ok && d.message).toContain('显示为「2025/10/3」（文件中存为 45933）');
    expect(code(parseCellValue(count, looks(0.5, 'h:mm', 'time', '12:00')))).toBe('E_VALUE_DATE_FORMAT');
    expect(code(parseCellValue(rate, looks(45933, 'yyyy/m/d', 'date', '2025/10/3')))).toBe('E_VALUE_DATE_FORMAT');
  });
  it('a percentage in an amount or count cell is refused; in a rate it is the rate', () => {
    const p = parseCellValue(amount, looks(0.05, '0%', 'percent', '5%'));
    expect(code(p)).toBe('E_VALUE_PERCENT_FORMAT');
    expect(!p.ok && p.message).toContain('显示为「5%」');
    expect(code(parseCellValue(count, looks(0.05, '0%', 'percent', '5%')))).toBe('E_VALUE_PERCENT_FORMAT');
    expect(num(parseCellValue(rate, looks(0.05, '0%', 'percent', '5%')))).toBe(50_000);
  });
  it('a text field keeps a formatted number as it was shown', () => {
    const r = parseCellValue(text, looks(45933, 'yyyy/m/d', 'date', '2025/10/3'));
    expect(r.ok && r.text).toBe('2025/10/3');
  });
});

describe('ambiguous rates say how they were read (issue 10 §7)', () => {
  it('a bare number at most 1 is the fraction, with a note; 0 needs none', () => {
    const r = parseCellValue(rate, s('0.8'));
    expect(num(r)).toBe(800_000);
    expect(r.ok && r.note).toBe('「执行利率」填写的 0.8 没有百分号，按小数理解为 80%；如指 0.8%，请填写「0.8%」。');
    const c = parseCellValue(rate, n(0.0345));
    expect(c.ok && c.note).toContain('按小数理解为 3.45%');
    const zero = parseCellValue(rate, n(0));
    expect(zero.ok && zero.note).toBeNull();
    const pct = parseCellValue(rate, n(0.8, '0.00%'));
    expect(pct.ok && pct.note).toBeNull();
  });
});

describe('impossible dates (issue 10 §8)', () => {
  const dated = (v: number): RawCell => ({ t: 'n', v, z: 'yyyy-mm-dd', looks: 'date' });
  it('serial 60 (1900-02-29), past 9999-12-31, a year of five digits, a number in a cell that is not a date', () => {
    expect(code(parseCellValue(date, dated(60)))).toBe('E_VALUE_NOT_DATE');
    expect(parseCellValue(date, dated(61))).toMatchObject({ ok: true, text: '1900-03-01' });
    expect(parseCellValue(date, dated(2_958_465))).toMatchObject({ ok: true, text: '9999-12-31' });
    expect(code(parseCellValue(date, dated(2_958_466)))).toBe('E_VALUE_NOT_DATE');
    expect(code(parseCellValue(date, s('10000-01-01')))).toBe('E_VALUE_NOT_DATE');
    expect(code(parseCellValue(date, s('²⁰²⁵-10-03')))).toBe('E_VALUE_NOT_DATE');
    const general = parseCellValue(date, n(45933, 'General'));
    expect(code(general)).toBe('E_VALUE_NOT_DATE');
    expect(!general.ok && general.message).toContain('实际为数字 45933');
  });
});

describe('a logical value (TRUE/FALSE) as the spreadsheet shows it', () => {
  it('is text as shown in a text field, and refused naming TRUE in a number or date field', () => {
    const t: RawCell = { t: 'b', v: true };
    expect(parseCellValue(text, t)).toMatchObject({ ok: true, text: 'TRUE', raw: 'TRUE' });
    const a = parseCellValue(amount, { t: 'b', v: false });
    expect(a).toMatchObject({ ok: false, code: 'E_VALUE_NOT_NUMBER' });
    expect(a.ok ? '' : a.message).toContain('实际为「FALSE」');
    const d = parseCellValue(date, t);
    expect(d.ok ? '' : d.message).toContain('逻辑值「TRUE」');
  });
});
