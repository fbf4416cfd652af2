import { describe, expect, it } from 'vitest';
import { chooseAmountUnit, formatAmount, formatNumber, formatPercent, roundTo, wanIn } from '../../src/domain/charts/format';
import { scoreBands } from '../../src/domain/charts/assessment';
import { sourceLine } from '../../src/domain/charts/style';

describe('chart number formats', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-1234.5)).toBe('-1,234.50');
    expect(formatNumber(0.004)).toBe('0.00');
    expect(formatNumber(999.995)).toBe('1,000.00');
    expect(roundTo(1.005, 2)).toBe(1.01);
  });

  it('switches to 亿元 from 10亿元 (100,000 万元) up, unless told', () => {
    expect(chooseAmountUnit([99_999.99, null])).toBe('万元');
    expect(chooseAmountUnit([100_000])).toBe('亿元');
    expect(chooseAmountUnit([100_000], '万元')).toBe('万元');
    // 123,456.78 万元 = 12.345678 亿元 → 12.35
    expect(wanIn('亿元', 123_456.78)).toBe(12.35);
    expect(formatAmount(123_456.78, '万元')).toBe('123,456.78');
  });

  it('writes percentages with a % sign', () => {
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(-0.005)).toBe('-0.50%');
  });

  it('names the source and the period', () => {
    expect(sourceLine('2025Q3')).toBe('数据来源：各金融机构季度报送，截至2025年第三季度');
  });

  it('cuts score bands of ten points covering every score', () => {
    const bands = scoreBands([58.5, 71, 99.5, 100]);
    expect(bands.map((b) => b.label)).toEqual(['50–60分', '60–70分', '70–80分', '80–90分', '90–100分']);
  });
});

describe('labels of two crossing lines', () => {
  it('put the higher value above and the lower below at every point', async () => {
    const { separateLabels, percentItem } = await import('../../src/domain/charts/series');
    const [a, b] = separateLabels([percentItem(0.05), percentItem(0.09), percentItem(null)], [percentItem(0.08), percentItem(0.06), percentItem(0.07)]);
    expect(a.map((x) => x.label?.position)).toEqual(['bottom', 'top', undefined]);
    expect(b.map((x) => x.label?.position)).toEqual(['top', 'bottom', 'bottom']);
    expect(a[0]?.label?.formatter).toBe('5.00%');
  });
});
