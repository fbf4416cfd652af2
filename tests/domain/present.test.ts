import { describe, expect, it } from 'vitest';
import { formatAmount, formatAmountAuto, formatCount, formatFixed, formatPercent, formatPoints, formatValue, NO_DATA } from '../../src/domain/present/number';
import { compareCells, filterRows, nextSort, sortRows, visibleRange } from '../../src/domain/present/table';

describe('number formatting', () => {
  it('groups thousands and keeps two decimals for amounts', () => {
    expect(formatAmount(1234567.891)).toBe('1,234,567.89');
    expect(formatAmount(999.995)).toBe('1,000.00');
    expect(formatAmount(-1234.5)).toBe('-1,234.50');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatFixed(-0.004)).toBe('0.00');
    expect(formatCount(12345)).toBe('12,345');
  });
  it('shows fractions as percentages and differences as points', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(0.1234, 1)).toBe('12.3%');
    expect(formatPercent(-0.005)).toBe('-0.50%');
    expect(formatPoints(0.042)).toBe('+4.20 个百分点');
    expect(formatPoints(-0.0125, 1)).toBe('-1.3 个百分点');
    expect(formatPoints(0)).toBe('0.00 个百分点');
  });
  it('never shows a fake zero for missing data', () => {
    expect(formatAmount(null)).toBe(NO_DATA);
    expect(formatPercent(undefined)).toBe(NO_DATA);
    expect(formatPercent(Number.NaN)).toBe(NO_DATA);
    expect(formatValue(null, 'amount')).toBe(NO_DATA);
    expect(formatValue(null, 'text')).toBe('');
  });
  it('switches 万元 to 亿元 for large balances', () => {
    expect(formatAmountAuto(123456)).toEqual({ text: '12.35', unit: '亿元' });
    expect(formatAmountAuto(99999.5)).toEqual({ text: '99,999.50', unit: '万元' });
  });
});

describe('table sorting and filtering', () => {
  const rows = [
    { name: '紫阳农商行', v: 3 },
    { name: '安康农行', v: null },
    { name: '汉滨农商行', v: 10 },
    { name: '白河村镇银行', v: -2 },
  ];
  it('sorts numbers numerically with empty cells last in both directions', () => {
    const asc = sortRows(rows, { key: 'v', dir: 'asc' }, (r) => r.v);
    expect(asc.map((r) => r.v)).toEqual([-2, 3, 10, null]);
    const desc = sortRows(rows, { key: 'v', dir: 'desc' }, (r) => r.v);
    expect(desc.map((r) => r.v)).toEqual([10, 3, -2, null]);
  });
  it('sorts Chinese text in pinyin order', () => {
    const byName = sortRows(rows, { key: 'name', dir: 'asc' }, (r) => r.name).map((r) => r.name);
    expect(byName).toEqual(['安康农行', '白河村镇银行', '汉滨农商行', '紫阳农商行']);
    expect(compareCells('第2季度', '第10季度')).toBeLessThan(0);
  });
  it('cycles a header through ascending, descending and unsorted', () => {
    const a = nextSort(null, 'v');
    expect(a).toEqual({ key: 'v', dir: 'asc' });
    const b = nextSort(a, 'v');
    expect(b).toEqual({ key: 'v', dir: 'desc' });
    expect(nextSort(b, 'v')).toBeNull();
    expect(nextSort(b, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
  it('filters on every term, ignoring width and case', () => {
    expect(filterRows(rows, '农商', (r) => [r.name]).map((r) => r.name)).toEqual(['紫阳农商行', '汉滨农商行']);
    expect(filterRows(rows, '汉滨　农商', (r) => [r.name]).length).toBe(1);
    expect(filterRows([{ c: 'AK-ABC' }], 'ａｋ-abc', (r) => [r.c]).length).toBe(1);
    expect(filterRows(rows, '  ', (r) => [r.name]).length).toBe(4);
  });
  it('draws only the rows in view, with a margin', () => {
    expect(visibleRange(0, 320, 32, 10_000, 8)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(32 * 5000, 320, 32, 10_000, 8)).toEqual({ start: 4992, end: 5018 });
    expect(visibleRange(32 * 9999, 320, 32, 10_000, 8)).toEqual({ start: 9991, end: 10_000 });
    expect(visibleRange(0, 320, 32, 0)).toEqual({ start: 0, end: 0 });
  });
});
