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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
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
    // groups of two or three banks: 璧山 grades by score, not by share of the group
    expect(getScheme(db, 'bishan-default').scheme.grading.method).toBe('score');
    for (const id of ['ankang-default', 'bishan-default']) {
      const { scheme } = getScheme(db, id);
      // 季度报送及时性 is reporting discipline: a 扣分项, not a 金融服务 item
      expect(scheme.items.some((i) => i.rule.type === 'reportDeductions')).toBe(false);
      expect(scheme.penalty.items.find((i) => i.id === 'p_report_late')?.rule).toEqual({ type: 'reportCount', perLate: 1, perMissing: 2 });
      // policy banks form their own group
      expect(scheme.groups[0]).toMatchObject({ id: 'policy', types: ['政策性银行'] });
      expect(scheme.groups.find((g) => g.id === 'large')?.types).not.toContain('政策性银行');
    }
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
    // proportional: 6 × 5% / 8.1% = 3.70
    expect(icbc.indicators.find((i) => i.id === 'agri_growth_vs_total')?.score).toBe(3.7);
    // 5% → 7 × 0.05 / 0.1 = 3.5
    expect(icbc.indicators.find((i) => i.id === 'agri_growth')?.score).toBe(3.5);
    // 比年初增量 ratio to the best of 大型银行组: ABC 7,380, ICBC 1,500 → 7 × 1,500 / 7,380 = 1.42
    expect(icbc.indicators.find((i) => i.id === 'agri_increment')?.score).toBe(1.42);
    // a bank with no 涉农 loans: growth 无数据 → 0, explanation says so
    const ccb = r.results.find((x) => x.institution === 'AK-CCB')!;
    expect(ccb.indicators.find((i) => i.id === 'agri_growth_vs_total')?.explanation).toBe('涉农贷款比年初增速无数据，得 0/6 分');
    // CCB: Q1–Q3 missing (2 each), Q4 late (1): 7 points, a 扣分项 capped at its 4
    const timely = ccb.indicators.find((i) => i.id === 'p_report_late')!;
    expect(timely.part).toBe('penalty');
    expect(timely.explanation).toBe('扣分项：2025年应报 4 期，逾期报送 1 次、未报送 3 次，扣 4 分（上限 4 分）');
    expect(ccb.penalty).toBe(4);
    expect(abc.indicators.find((i) => i.id === 'p_report_late')?.score).toBe(0);
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
    expect(() => setQualitative(db, { institution: 'AK-ABC', year: 2025, item: 'agri_share', score: 4, reason: 'x' })).toThrow(/中没有定性评分项/);
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
    // ABC met the rule: +14 points (6 → 20)
    expect(abc.baseTotal).toBe(abcBefore.total);
    expect(abc.newTotal).toBeCloseTo(abcBefore.total + 14, 10);
    // ICBC did not meet it: proportional, 6 × 5% / 8.1% = 3.70 → 20 × 5% / 8.1% = 12.35, +8.65
    const icbc = w.changes.find((c) => c.institution === 'AK-ICBC')!;
    expect(icbc.newTotal).toBeCloseTo(icbc.baseTotal + 12.35 - 3.7, 10);
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

describe('policy banks scored apart, regulatory tolerance, grades by score', () => {
  it('农发行 no longer sets the best of 大型银行组 for 涉农贷款比年初增量', () => {
    bank('AK-ABC', 60000, 0.123, 100000, 0.081);
    bank('AK-ICBC', 30000, 0.05, 200000, 0.081);
    // 农发行: 涉农 ≈ 各项, +30,000 — four times ABC's 7,380
    bank('AK-ADBC', 100000, 0.3, 101000, 0.3);
    const r = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF });
    const adbc = r.results.find((x) => x.institution === 'AK-ADBC')!;
    expect(adbc).toMatchObject({ group: 'policy', groupLabel: '政策性银行组（单独评价）', groupSize: 1 });
    expect(adbc.indicators.find((i) => i.id === 'agri_increment')?.explanation).toContain('内无其他可比机构');
    // ABC is the best of 大型银行组 again: 7 / 7, ICBC 7 × 1,500 / 7,380 = 1.42 (with 农发行 as best it would be 7 × 7,380 / 30,000 = 1.72)
    const abc = r.results.find((x) => x.institution === 'AK-ABC')!;
    expect(abc.indicators.find((i) => i.id === 'agri_increment')?.score).toBe(7);
    expect(r.results.find((x) => x.institution === 'AK-ICBC')?.indicators.find((i) => i.id === 'agri_increment')?.score).toBe(1.42);
  });

  it('涉农不良率 4% with the bank’s own 不良率 2% is within the 3-point tolerance: full points, not a deduction', () => {
    insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { loans_total_bal: 100000, agri_loans_bal: 50000, agri_npl_bal: 1500, npl_total_bal: 2000 } });
    // 涉农不良率 2,000 / 50,000 = 4% ; 不良率 2,000 / 100,000 = 2% → 4% ≤ 2% + 3 → 6 / 6
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q4', values: { loans_total_bal: 100000, agri_loans_bal: 50000, agri_npl_bal: 2000, npl_total_bal: 2000 } });
    // 涉农不良率 3,000 / 50,000 = 6% ; 不良率 2% → beyond
    insertReport(db, { institution: 'AK-ICBC', quarter: '2025Q4', values: { loans_total_bal: 100000, agri_loans_bal: 50000, agri_npl_bal: 3000, npl_total_bal: 2000 } });
    const r = scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF, save: false });
    const item = (c: string) => r.results.find((x) => x.institution === c)!.indicators.find((i) => i.id === 'agri_npl')!;
    expect(item('AK-ABC')).toMatchObject({ score: 6, max: 6 });
    expect(item('AK-ABC').explanation).toContain('未超过本机构不良贷款率 2.0% 加容忍度 3.0个百分点');
    expect(item('AK-ICBC').score).toBe(0);
  });

  it('璧山 grades by score: three banks in a group are not 优秀/良好/一般 by rank alone', () => {
    bank('BS-ABC', 50000, 0.2, 100000, 0.05);
    bank('BS-PSBC', 50000, 0.1, 100000, 0.05);
    bank('BS-ADBC', 50000, 0.01, 100000, 0.05);
    const r = scoreRegionYear(db, { region: 'bishan', year: 2025, asOf: AS_OF });
    expect(r.gradingMethod).toBe('score');
    expect(r.results.filter((x) => x.group === 'large').map((x) => x.institution)).toEqual(['BS-ABC', 'BS-PSBC']);
    expect(r.results.find((x) => x.institution === 'BS-ADBC')?.group).toBe('policy');
    // without qualitative scores nobody reaches 60 points: all 勉励, whatever their rank
    for (const x of r.results) {
      expect(x.total).toBeLessThan(60);
      expect(x.grade).toBe('勉励');
    }
  });
});

describe('a release that ships changed sample schemes', () => {
  it('stores the new sample as the next version; a year scored with the old one reproduces; an analyst’s own version stays newest', () => {
    // the database as the earlier release left it: the old 安康 sample as version 1, 2024 scored with it
    const old = readFileSync(join(import.meta.dirname, 'fixtures', 'ankang.default.v1.json'), 'utf8');
    const oldScheme = JSON.parse(old) as Scheme;
    // (this release stored its own sample when the database opened: the earlier one had not)
    db.prepare('DELETE FROM assessment_schemes WHERE id = ?').run(oldScheme.id);
    db.prepare(`INSERT INTO assessment_schemes (id, version, region, name, json, sha256, source, created_at, created_by) VALUES (?, 1, 'ankang', ?, ?, ?, 'shipped', '2025-01-01T00:00:00Z', 'system')`).run(
      oldScheme.id,
      oldScheme.name,
      JSON.stringify(oldScheme),
      createHash('sha256').update(JSON.stringify(oldScheme)).digest('hex'),
    );
    for (const y of [2023, 2024]) {
      insertReport(db, { institution: 'AK-ABC', quarter: `${y}Q4`, values: { loans_total_bal: 100000 + y, agri_loans_bal: 60000 + y, agri_npl_bal: 600 } });
      insertReport(db, { institution: 'AK-ADBC', quarter: `${y}Q4`, values: { loans_total_bal: 90000 + 3 * y, agri_loans_bal: 89000 + 3 * y, agri_npl_bal: 100 } });
    }
    // the earlier release recorded 2024 as scored with version 1
    db.prepare(`INSERT INTO assessment_results (region, year, scheme_id, scheme_version, computed_at, result_json) VALUES ('ankang', 2024, 'ankang-default', 1, '2025-03-01T00:00:00Z', '{}')`).run();
    const first = scoreRegionYear(db, { region: 'ankang', year: 2024, asOf: AS_OF });
    expect(first.schemeVersion).toBe(1);
    // the old sample still puts 农发行 in 大型银行组
    expect(first.results.find((x) => x.institution === 'AK-ADBC')?.group).toBe('large');
    // the new release's sample arrives as version 2 (listSchemes / getScheme ensure it)
    expect(listSchemes(db, 'ankang')[0]?.versions).toEqual([1, 2]);
    expect(getScheme(db, 'ankang-default').scheme.groups[0]?.id).toBe('policy');
    // 2024 is scored again with version 1 and gives the same result; 2025, never scored, takes version 2
    const again = scoreRegionYear(db, { region: 'ankang', year: 2024, asOf: AS_OF });
    expect(again.schemeVersion).toBe(1);
    expect(again.results).toEqual(first.results);
    expect(scoreRegionYear(db, { region: 'ankang', year: 2025, asOf: AS_OF, save: false }).schemeVersion).toBe(2);
    // an analyst's own version (3) stays the newest when a later release changes the sample again
    const mine = { ...getScheme(db, 'ankang-default').scheme, name: '安康市考核方案（本地正式）' };
    expect(importScheme(db, JSON.stringify(mine), '本地方案.json').version).toBe(3);
    listSchemes(db);
    expect(getScheme(db, 'ankang-default').version).toBe(3);
  });
});
