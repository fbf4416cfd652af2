import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { listAudit } from '../../src/services/db/audit';
import {
  exportScheme,
  getScheme,
  importScheme,
  listSchemes,
  reportCounts,
  schemeProblems,
  scoreRegionYear,
  setQualitative,
  whatIfWeights,
} from '../../src/services/assessment';
import { insertReport, memoryDb } from '../helpers/reports';
import type { Scheme } from '../../src/domain/assessment/types';

let db: DB;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

/** Year-end and start-of-year figures for a bank: 涉农 grows by agriGrowth, 各项 by totalGrowth. */
function bank(code: string, agri0: number, agriGrowth: number, total0: number, totalGrowth: number): void {
  insertReport(db, { institution: code, quarter: '2024Q4', values: { loans_total_bal: total0, agri_loans_bal: agri0, agri_npl_bal: agri0 * 0.02 } });
  for (const q of ['2025Q1', '2025Q2', '2025Q3'] as const) insertReport(db, { institution: code, quarter: q, values: { loans_total_bal: total0, agri_loans_bal: agri0 } });
  insertReport(db, {
    institution: code,
    quarter: '2025Q4',
    values: { loans_total_bal: total0 * (1 + totalGrowth), agri_loans_bal: agri0 * (1 + agriGrowth), agri_npl_bal: agri0 * (1 + agriGrowth) * 0.02 },
  });
}

const AS_OF = '2026-03-01';

describe('default schemes', () => {
  it('are valid, follow the national frame (定量 75, 定性 25) and are stored as version 1', () => {
    const list = listSchemes(db);
    expect(list.map((s) => s.id).sort()).toEqual(['ankang-default', 'bishan-default']);
    for (const s of list) {
      const { scheme, version } = getScheme(db, s.id);
      expect(version).toBe(1);
      expect(schemeProblems(scheme)).toEqual([]);
      expect(scheme.categories.filter((c) => c.part === 'quantitative').map((c) => c.label)).toEqual(['贷款总量', '贷款结构', '贷款比重', '金融服务', '资产质量']);
      expect(scheme.categories.filter((c) => c.part === 'qualitative').map((c) => c.label)).toEqual(['政策实施', '制度建设', '金融创新', '金融环境', '外部评价']);
    }
    expect(getScheme(db, 'ankang-default').scheme.grading.method).toBe('score');
    expect(getScheme(db, 'bishan-default').scheme.grading.method).toBe('share');
  });

  it('rejects a scheme whose points do not add up, naming the file', () => {
    const s = getScheme(db, 'ankang-default').scheme;
    const bad = { ...s, items: s.items.map((i) => (i.id === 'agri_share' ? { ...i, max: 9 } : i)) };
    expect(() => importScheme(db, JSON.stringify(bad), 'bad.json')).toThrow(/定量指标分值合计 76 分，与设定的 75 分不符/);
    expect(() => importScheme(db, '{oops', 'broken.json')).toThrow(/不是有效的 JSON/);
    // Several problems read as one sentence: separated by 「；」, one 「。」 at the end.
    const worse = { ...bad, items: bad.items.map((i) => (i.id === 'q_policy' ? { ...i, max: 6 } : i)) };
    expect(() => importScheme(db, JSON.stringify(worse), 'worse.json')).toThrow('方案有误，未导入：定量指标分值合计 76 分，与设定的 75 分不符；定性指标分值合计 26 分，与设定的 25 分不符。');
  });
});

describe('scoring a region-year from stored reports', () => {
  beforeEach(() => {
    // ABC: 涉农 +12.3%, 各项 +8.1% ; ICBC: 涉农 +5%, 各项 +8.1% ; CCB: no 涉农 loans at all
    bank('AK-ABC', 60000, 0.123, 100000, 0.081);
    bank('AK-ICBC', 30000, 0.05, 200000, 0.081);
    insertReport(db, { institution: 'AK-CCB', quarter: '2024Q4', values: { loans_total_bal: 50000, agri_loans_bal: 0, agri_npl_bal: 0 } });
    insertReport(db, { institution: 'AK-CCB', quarter: '2025Q4', values: { loans_total_bal: 52000, agri_loans_bal: 0, agri_npl_bal: 0 }, daysLate: 3 });
  });

  it('scores the headline rule with its explanation and counts late and missing reports', () => {
    const r = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF });
    expect(r.schemeId).toBe('ankang-default');
    expect(r.schemeVersion).toBe(1);
    const abc = r.results.find((x) => x.institution === 'AK-ABC')!;
    const head = abc.indicators.find((i) => i.id === 'agri_growth_vs_total')!;
    expect(head.explanation).toBe('涉农贷款比年初增速 12.3% 高于各项贷款比年初增速 8.1%，得 6/6 分');
    expect(head.raw).toBeCloseTo(0.123, 10);
    // 涉农贷款比年初增速 linear 0 → 10%: 12.3% ≥ 10% → 7/7
    expect(abc.indicators.find((i) => i.id === 'agri_growth')?.score).toBe(7);
    const icbc = r.results.find((x) => x.institution === 'AK-ICBC')!;
    expect(icbc.indicators.find((i) => i.id === 'agri_growth_vs_total')?.score).toBe(0);
    // 5% → 7 × 0.05 / 0.1 = 3.5
    expect(icbc.indicators.find((i) => i.id === 'agri_growth')?.score).toBe(3.5);
    // 比年初增量 ratio to the best of 大型银行组: ABC 7,380, ICBC 1,500 → 7 × 1,500 / 7,380 = 1.42
    expect(icbc.indicators.find((i) => i.id === 'agri_increment')?.score).toBe(1.42);
    // a bank with no 涉农 loans: growth 无数据 → 0, explanation says so
    const ccb = r.results.find((x) => x.institution === 'AK-CCB')!;
    expect(ccb.indicators.find((i) => i.id === 'agri_growth_vs_total')?.explanation).toBe('涉农贷款比年初增速无数据，得 0/6 分');
    // CCB: Q1–Q3 missing (2 each), Q4 late (1): 4 − 6 − 1 → 0
    const timely = ccb.indicators.find((i) => i.id === 'report_timeliness')!;
    expect(timely.explanation).toBe('2025年应报 4 期，逾期报送 1 次、未报送 3 次，扣 4 分，得 0/4 分');
    expect(abc.indicators.find((i) => i.id === 'report_timeliness')?.score).toBe(4);
    // an active bank with no reports at all is still listed, with every report missing
    const boc = r.results.find((x) => x.institution === 'AK-BOC')!;
    expect(boc.quantitative).toBe(0);
    for (const x of r.results) expect(x.total).toBeCloseTo(x.quantitative + x.qualitative + x.bonus - x.penalty, 10);
  });

  it('timeliness counts the first accepted file, and only quarters already due', () => {
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q4', values: { loans_total_bal: 1 }, daysLate: 30 }); // a late correction of an on-time report
    expect(reportCounts(db, ['AK-ABC', 'AK-CCB'], 2025, AS_OF).get('AK-ABC')).toEqual({ due: 4, late: 0, missing: 0, backfilled: 0 });
    // On 2025-10-06 only Q1–Q2 were due: Q3's deadline, 10-05, fell in 国庆 and moved to 10-09.
    expect(reportCounts(db, ['AK-CCB'], 2025, '2025-10-06').get('AK-CCB')).toEqual({ due: 2, late: 0, missing: 2, backfilled: 0 });
    expect(reportCounts(db, ['AK-CCB'], 2025, '2025-10-10').get('AK-CCB')).toEqual({ due: 3, late: 0, missing: 3, backfilled: 0 });
  });

  it('qualitative scores are validated, counted and audited', () => {
    expect(() => setQualitative(db, { institution: 'AK-ABC', year: 2025, item: 'q_policy', score: 6, reason: '超分' })).toThrow(/0 到 5 分之间/);
    expect(() => setQualitative(db, { institution: 'AK-ABC', year: 2025, item: 'q_policy', score: 4, reason: ' ' })).toThrow(/必须填写理由/);
    expect(() => setQualitative(db, { institution: 'AK-ABC', year: 2025, item: 'agri_share', score: 4, reason: 'x' })).toThrow(/不是方案/);
    setQualitative(db, { institution: 'AK-ABC', year: 2025, item: 'q_policy', score: 4, reason: '落实再贷款政策到位' });
    setQualitative(db, { institution: 'AK-ABC', year: 2025, item: 'q_policy', score: 4.5, reason: '复核后上调' });
    const r = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF });
    const abc = r.results.find((x) => x.institution === 'AK-ABC')!;
    expect(abc.qualitative).toBe(4.5);
    expect(abc.indicators.find((i) => i.id === 'q_policy')?.explanation).toBe('定性评分（复核后上调），得 4.50/5 分');
    const log = listAudit(db).filter((a) => a.action === 'qualitative.set');
    expect(log).toHaveLength(2);
    expect(log[0]?.detail).toEqual({ before: { score: 4, reason: '落实再贷款政策到位' }, after: { score: 4.5, reason: '复核后上调' } });
  });

  it('reproduces a past year with its recorded scheme version after the scheme changed', () => {
    const first = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF });
    // The analyst moves 3 points from 涉农贷款占比 to the headline rule and imports the scheme: version 2.
    const s = getScheme(db, 'ankang-default').scheme;
    const edited: Scheme = {
      ...s,
      items: s.items.map((i) => (i.id === 'agri_growth_vs_total' ? { ...i, max: 9 } : i.id === 'agri_share' ? { ...i, max: 5 } : i)),
    };
    expect(importScheme(db, JSON.stringify(edited), 'ankang-2026.json').version).toBe(2);
    // Re-importing the same text keeps the version.
    expect(importScheme(db, JSON.stringify(edited), 'ankang-2026.json').version).toBe(2);
    const again = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF });
    expect(again.schemeVersion).toBe(1);
    expect(again.results).toEqual(first.results);
    // A year never scored takes the newest version; an explicit choice re-records 2025.
    expect(scoreRegionYear(db, { region: 'ankang', year: 2026, asOf: AS_OF }).schemeVersion).toBe(2);
    const moved = scoreRegionYear(db, { region: 'ankang', year: 2025, scheme: 'ankang-default@2', asOf: AS_OF });
    expect(moved.results.find((x) => x.institution === 'AK-ABC')?.indicators.find((i) => i.id === 'agri_growth_vs_total')?.max).toBe(9);
    expect(scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF }).schemeVersion).toBe(2);
    expect(exportScheme(db, 'ankang-default', 1).json).toContain('"max": 6');
  });

  it('what-if weights are scored beside the real result and not saved', () => {
    const before = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF });
    const w = whatIfWeights(db, { region: 'ankang', year: 2025, weights: { agri_growth_vs_total: 20 }, asOf: AS_OF });
    const abc = w.changes.find((c) => c.institution === 'AK-ABC')!;
    const abcBefore = before.results.find((x) => x.institution === 'AK-ABC')!;
    // ABC met the rule: +14 points (6 → 20); ICBC did not: unchanged
    expect(abc.baseTotal).toBe(abcBefore.total);
    expect(abc.newTotal).toBeCloseTo(abcBefore.total + 14, 10);
    const icbc = w.changes.find((c) => c.institution === 'AK-ICBC')!;
    expect(icbc.newTotal).toBe(icbc.baseTotal);
    expect(getScheme(db, 'ankang-default').version).toBe(1);
    expect(() => whatIfWeights(db, { region: 'ankang', year: 2025, weights: { nope: 1 } })).toThrow(/没有评分项「nope」/);
  });

  it('a year with no reports at all scores every bank 0 with missing reports, not an error', () => {
    const r = scoreRegionYear(db, { region: 'ankang', year: 2023, asOf: AS_OF, save: false });
    expect(r.results.length).toBeGreaterThan(0);
    for (const x of r.results) {
      expect(x.quantitative).toBe(0);
      expect(x.grade).toBe('勉励');
    }
  });
});

describe('bishan: grades by share within the group', () => {
  it('gives 优秀 to the top 20% of a group', () => {
    bank('BS-ABC', 50000, 0.2, 100000, 0.05);
    bank('BS-PSBC', 50000, 0.1, 100000, 0.05);
    bank('BS-ADBC', 50000, 0.01, 100000, 0.05);
    const r = scoreRegionYear(db, { region: 'bishan', year: 2025, asOf: AS_OF });
    const large = r.results.filter((x) => x.group === 'large');
    expect(large.map((x) => x.institution)).toEqual(['BS-ABC', 'BS-PSBC', 'BS-ADBC']);
    // group of 3: positions 0, 1/3, 2/3 → 优秀 (< .2), 良好 (< .5), 一般 (< .8)
    expect(large.map((x) => x.grade)).toEqual(['优秀', '良好', '一般']);
  });
});
