/** What a file name says about its quarter and bank, as clerks name files — and silence where it is not certain. */
import { describe, expect, it } from 'vitest';
import { institutionHint, quarterHint } from '../../src/domain/import/fileNameHints';

const INSTITUTIONS = [
  { code: 'AK-ABC', names: ['中国农业银行安康分行', '农行安康分行', '安康农行', '农行安康分行三农金融事业部'] },
  { code: 'AK-BOC', names: ['中国银行安康分行', '安康中行'] },
  { code: 'AK-S0001', names: ['示例银行安康第1支行'] },
  { code: 'AK-S0012', names: ['示例银行安康第12支行'] },
];

describe('quarter in a file name', () => {
  const cases: [string, { year: number | null; q: number } | null][] = [
    ['2025Q3_农行.xlsx', { year: 2025, q: 3 }],
    ['2025-q3.xls', { year: 2025, q: 3 }],
    ['安康农行2025年三季度报表.xlsx', { year: 2025, q: 3 }],
    ['２０２５年第３季度.xlsx', { year: 2025, q: 3 }],
    ['2025三季度.csv', { year: 2025, q: 3 }],
    ['2025年9月末.xlsx', { year: 2025, q: 3 }],
    ['2025年上半年.xlsx', { year: 2025, q: 2 }],
    ['2025年前三季度.xlsx', { year: 2025, q: 3 }],
    ['第3季度（工行）.xls', { year: null, q: 3 }],
    ['四季度.xlsx', { year: null, q: 4 }],
    ['2025年10月9日报送_三季度.xlsx', { year: null, q: 3 }],
    ['D:\\报送\\2025Q2\\2025Q3农行.xlsx', { year: 2025, q: 3 }],
    // Silent: two quarters, a span, a word that only looks like one, dates, a bare year.
    ['2025Q2改2025Q3.xlsx', null],
    ['二、三季度合并.xlsx', null],
    ['Q1-Q2.xlsx', null],
    ['2024Q4及2025Q1.xlsx', null],
    ['四季青茶业.xlsx', null],
    ['20251009.xlsx', null],
    ['2025年报.xlsx', null],
    ['2025年10月.xlsx', null],
  ];
  for (const [name, want] of cases) {
    it(name, () => {
      const got = quarterHint(name);
      expect(got ? { year: got.year, q: got.q } : null).toEqual(want);
    });
  }
});

describe('bank in a file name', () => {
  it('by name, alias or code; the longest name wins over one inside it', () => {
    expect(institutionHint('示例数据_2025Q3_AK-ABC_中国农业银行安康分行.xlsx', INSTITUTIONS)?.code).toBe('AK-ABC');
    expect(institutionHint('安康农行2025Q3.xlsx', INSTITUTIONS)).toEqual({ code: 'AK-ABC', text: '安康农行' });
    expect(institutionHint('ak-abc 三季度.xlsx', INSTITUTIONS)?.code).toBe('AK-ABC');
    expect(institutionHint('示例银行安康第12支行.xlsx', INSTITUTIONS)?.code).toBe('AK-S0012');
  });

  it('is silent for two banks, none, or a code that is part of a longer one', () => {
    expect(institutionHint('安康农行 安康中行 合并.xlsx', INSTITUTIONS)).toBeNull();
    expect(institutionHint('报表.xlsx', INSTITUTIONS)).toBeNull();
    expect(institutionHint('AK-ABCD.xlsx', INSTITUTIONS)).toBeNull();
  });
});
