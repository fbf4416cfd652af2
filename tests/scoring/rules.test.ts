import { describe, expect, it } from 'vitest';
import { applyRule, type RuleContext } from '../../src/domain/assessment/rules';
import { scoreYear } from '../../src/domain/assessment/score';
import { assignGrades, gradeByScore, gradeByShare, gradesByShare } from '../../src/domain/assessment/grade';
import { gradeText, gradingLines, provisionalNote } from '../../src/domain/assessment/describe';
import type { Rule, Scheme, ScoringInput, ScoringInstitution } from '../../src/domain/assessment/types';

function inst(code: string, values: Record<string, number | null>, extra: Partial<ScoringInstitution> = {}): ScoringInstitution {
  return { code, name: `${code}银行`, type: '农商行/农信社', size: '小型', values, reports: { due: 4, late: 0, missing: 0 }, qualitative: {}, ...extra };
}

const INDICATORS: ScoringInput['indicators'] = {
  agri_loans_growth: { label: '涉农贷款增速', kind: 'ratio', unit: '%' },
  loans_total_growth: { label: '各项贷款增速', kind: 'ratio', unit: '%' },
  agri_loans_inc: { label: '涉农贷款比年初增量', kind: 'amount', unit: '万元' },
  agri_npl_ratio: { label: '涉农贷款不良率', kind: 'ratio', unit: '%' },
  npl_ratio: { label: '不良贷款率', kind: 'ratio', unit: '%' },
};

function ctx(institution: ScoringInstitution, group: ScoringInstitution[], regionValues: Record<string, number | null> = {}): RuleContext {
  const input: ScoringInput = {
    region: 'ankang',
    regionName: '安康市',
    year: 2025,
    scheme: {} as Scheme,
    schemeVersion: 1,
    institutions: group,
    regionValues,
    reports: 4,
    examples: [],
    indicators: INDICATORS,
  };
  return { input, institution, group, groupLabel: '地方法人组', year: 2025, itemId: 'item' };
}

describe('scoring rules, hand-worked', () => {
  it('compare: 涉农贷款增速 ≥ 各项贷款增速 gives full points, with the sentence of the issue', () => {
    const a = inst('A', { agri_loans_growth: 0.123, loans_total_growth: 0.081 });
    const rule: Rule = { type: 'compare', indicator: 'agri_loans_growth', op: '>=', against: 'loans_total_growth' };
    const o = applyRule(rule, 5, ctx(a, [a]));
    expect(o.score).toBe(5);
    expect(o.raw).toBe(0.123);
    expect(o.explanation).toBe('涉农贷款增速 12.3% 高于各项贷款增速 8.1%，得 5/5 分');
    const b = inst('B', { agri_loans_growth: 0.05, loans_total_growth: 0.081 });
    const ob = applyRule(rule, 5, ctx(b, [b]));
    expect(ob.score).toBe(0);
    expect(ob.explanation).toBe('涉农贷款增速 5.0% 低于各项贷款增速 8.1%，得 0/5 分');
  });

  it('compare, proportional: 涉农增速 5% against 各项 8% scores 5 × 5 / 8 = 3.13 instead of nothing', () => {
    const rule: Rule = { type: 'compare', indicator: 'agri_loans_growth', op: '>=', against: 'loans_total_growth', proportional: true };
    const b = inst('B', { agri_loans_growth: 0.05, loans_total_growth: 0.08 });
    const o = applyRule(rule, 5, ctx(b, [b]));
    expect(o.score).toBe(3.13);
    expect(o.explanation).toBe('涉农贷款增速 5.0% 低于各项贷款增速 8.0%，按 5.0% ÷ 8.0% 计分，得 3.13/5 分');
    // met: full points; a falling 涉农 or a non-positive 各项 growth gives no proportion
    expect(applyRule(rule, 5, ctx(inst('A', { agri_loans_growth: 0.09, loans_total_growth: 0.08 }), [])).score).toBe(5);
    expect(applyRule(rule, 5, ctx(inst('C', { agri_loans_growth: -0.01, loans_total_growth: 0.08 }), [])).score).toBe(0);
    expect(applyRule(rule, 5, ctx(inst('D', { agri_loans_growth: -0.03, loans_total_growth: -0.02 }), [])).explanation).toContain('各项贷款增速不为正，按比例无从计算');
  });

  it('regulatory tolerance: 涉农不良率 4.5% is within 3 个百分点 of the bank’s own 2%; 5.5% is not', () => {
    const item: Rule = { type: 'tolerance', indicator: 'agri_npl_ratio', against: 'npl_ratio', tolerance: 0.03 };
    const within = applyRule(item, 6, ctx(inst('A', { agri_npl_ratio: 0.045, npl_ratio: 0.02 }), []));
    expect(within.score).toBe(6);
    expect(within.explanation).toBe('涉农贷款不良率 4.5%，未超过本机构不良贷款率 2.0% 加容忍度 3.0个百分点，即 5.0%，得 6/6 分');
    // exactly at the limit is within: 2% + 3 points = 5%
    expect(applyRule(item, 6, ctx(inst('A', { agri_npl_ratio: 0.05, npl_ratio: 0.02 }), [])).score).toBe(6);
    expect(applyRule(item, 6, ctx(inst('B', { agri_npl_ratio: 0.055, npl_ratio: 0.02 }), [])).score).toBe(0);
    // as a 扣分项: nothing deducted within the tolerance, the points past it
    const penalty: Rule = { ...item, when: 'beyond' };
    expect(applyRule(penalty, 3, ctx(inst('A', { agri_npl_ratio: 0.045, npl_ratio: 0.02 }), []))).toMatchObject({ score: 0, explanation: expect.stringContaining('在容忍度内') });
    expect(applyRule(penalty, 3, ctx(inst('B', { agri_npl_ratio: 0.055, npl_ratio: 0.02 }), []))).toMatchObject({ score: 3, explanation: expect.stringContaining('扣 3 分') });
    expect(applyRule(item, 6, ctx(inst('C', { agri_npl_ratio: 0.01, npl_ratio: null }), [])).explanation).toContain('本机构不良贷款率无数据');
  });

  it('linear between floor and target, clamped; lower-is-better when target < floor', () => {
    const rule: Rule = { type: 'linear', indicator: 'agri_loans_growth', floor: 0, target: 0.1 };
    // 7 × (0.06 − 0) / (0.1 − 0) = 4.2
    expect(applyRule(rule, 7, ctx(inst('A', { agri_loans_growth: 0.06 }), [])).score).toBe(4.2);
    expect(applyRule(rule, 7, ctx(inst('A', { agri_loans_growth: 0.15 }), [])).score).toBe(7);
    expect(applyRule(rule, 7, ctx(inst('A', { agri_loans_growth: -0.02 }), [])).score).toBe(0);
    // 不良率: floor 5%, target 1%; 2% → 6 × (0.02 − 0.05) / (0.01 − 0.05) = 6 × 0.75 = 4.5
    const npl: Rule = { type: 'linear', indicator: 'agri_npl_ratio', floor: 0.05, target: 0.01 };
    expect(applyRule(npl, 6, ctx(inst('A', { agri_npl_ratio: 0.02 }), [])).score).toBe(4.5);
  });

  it('ratio to the group best, rank within group with ties, region average, threshold', () => {
    const a = inst('A', { agri_loans_inc: 3000 });
    const b = inst('B', { agri_loans_inc: 1000 });
    const c = inst('C', { agri_loans_inc: 3000 });
    const d = inst('D', { agri_loans_inc: null });
    const g = [a, b, c, d];
    // B: 7 × 1,000 / 3,000 = 2.333… → 2.33
    expect(applyRule({ type: 'ratioToBest', indicator: 'agri_loans_inc' }, 7, ctx(b, g)).score).toBe(2.33);
    expect(applyRule({ type: 'ratioToBest', indicator: 'agri_loans_inc' }, 7, ctx(d, g)).explanation).toBe('涉农贷款比年初增量无数据，得 0/7 分');
    // rank among the 3 with data: A and C tie for 1st → 5 × (3 − 1) / (3 − 1) = 5; B 3rd → 0
    const rank: Rule = { type: 'rank', indicator: 'agri_loans_inc' };
    expect(applyRule(rank, 5, ctx(a, g)).score).toBe(5);
    expect(applyRule(rank, 5, ctx(c, g)).score).toBe(5);
    expect(applyRule(rank, 5, ctx(b, g)).score).toBe(0);
    expect(applyRule(rank, 5, ctx(b, g)).explanation).toContain('第 3 名（共 3 家有数据）');
    // a group of one (a policy bank scored apart) gets full points, and says why
    expect(applyRule(rank, 5, ctx(b, [b])).score).toBe(5);
    expect(applyRule(rank, 5, ctx(b, [b])).explanation).toContain('内无其他可比机构');
    expect(applyRule({ type: 'ratioToBest', indicator: 'agri_loans_inc' }, 7, ctx(b, [b])).score).toBe(7);
    expect(applyRule({ type: 'ratioToBest', indicator: 'agri_loans_inc' }, 7, ctx(inst('E', { agri_loans_inc: -50 }), [inst('E', { agri_loans_inc: -50 })])).score).toBe(0);
    // region average 0.09: 0.10 ≥ 0.09 → 2; 0.08 → 0
    const avg: Rule = { type: 'regionAverage', indicator: 'agri_loans_growth' };
    expect(applyRule(avg, 2, ctx(inst('A', { agri_loans_growth: 0.1 }), [], { agri_loans_growth: 0.09 })).score).toBe(2);
    const below = applyRule(avg, 2, ctx(inst('A', { agri_loans_growth: 0.08 }), [], { agri_loans_growth: 0.09 }));
    expect(below.score).toBe(0);
    expect(below.explanation).toBe('涉农贷款增速 8.0% 低于安康市平均 9.0%，得 0/2 分');
    const th: Rule = { type: 'threshold', indicator: 'agri_npl_ratio', op: '<=', value: 0.03 };
    expect(applyRule(th, 4, ctx(inst('A', { agri_npl_ratio: 0.03 }), [])).score).toBe(4);
    expect(applyRule(th, 4, ctx(inst('A', { agri_npl_ratio: 0.031 }), [])).explanation).toBe('涉农贷款不良率 3.1%，高于 3.0%，未达标，得 0/4 分');
  });

  it('report deductions: 4 − 1 × 1 late − 2 × 1 missing = 1; never below zero; as 扣分项 the deduction capped at max', () => {
    const a = inst('A', {}, { reports: { due: 4, late: 1, missing: 1 } });
    const o = applyRule({ type: 'reportDeductions', perLate: 1, perMissing: 2 }, 4, ctx(a, [a]));
    expect(o.score).toBe(1);
    expect(o.explanation).toBe('2025年应报 4 期，逾期报送 1 次、未报送 1 次，扣 3 分，得 1/4 分');
    const worse = inst('B', {}, { reports: { due: 4, late: 0, missing: 4 } });
    expect(applyRule({ type: 'reportDeductions', perLate: 1, perMissing: 2 }, 4, ctx(worse, [worse])).score).toBe(0);
    // 扣分项: 0.5 × 1 + 1 × 4 = 4.5, capped at 3
    expect(applyRule({ type: 'reportCount', perLate: 0.5, perMissing: 1 }, 3, ctx(worse, [worse])).score).toBe(3);
  });

  it('qualitative: the entered score with its reason, or 0 when none was entered', () => {
    const a = inst('A', {}, { qualitative: { item: { score: 4, reason: '制度健全' } } });
    expect(applyRule({ type: 'qualitative' }, 5, ctx(a, [a]))).toEqual({ raw: 4, score: 4, explanation: '定性评分（制度健全），得 4/5 分' });
    expect(applyRule({ type: 'qualitative' }, 5, ctx(inst('B', {}), [])).score).toBe(0);
  });

  it('grades by score cut-offs and by share within the group', () => {
    const cut = [
      { grade: '优秀' as const, min: 90 },
      { grade: '良好' as const, min: 80 },
      { grade: '一般' as const, min: 60 },
    ];
    expect(gradeByScore(90, cut)).toBe('优秀');
    expect(gradeByScore(89.99, cut)).toBe('良好');
    expect(gradeByScore(59.99, cut)).toBe('勉励');
    const shares = [
      { grade: '优秀' as const, share: 0.2 },
      { grade: '良好' as const, share: 0.3 },
      { grade: '一般' as const, share: 0.3 },
    ];
    // group of 5: positions 0, .2, .4, .6, .8 → 优秀, 良好, 良好, 一般, 勉励
    expect([1, 2, 3, 4, 5].map((r) => gradeByShare(r, 5, shares))).toEqual(['优秀', '良好', '良好', '一般', '勉励']);
    // a tie for 1st in a group of 5 shares 优秀
    expect(gradeByShare(1, 5, shares)).toBe('优秀');
  });

  it('shares on a group of three always give 优秀/良好/一般: below minGroupSize the group is graded by score', () => {
    const shares = [
      { grade: '优秀' as const, share: 0.2 },
      { grade: '良好' as const, share: 0.3 },
      { grade: '一般' as const, share: 0.3 },
    ];
    // three banks at 52, 51 and 50 points: by share 优秀, 良好, 一般 — though all three are below the 一般 line
    expect([1, 2, 3].map((r) => gradeByShare(r, 3, shares))).toEqual(['优秀', '良好', '一般']);
    const grading = { method: 'share' as const, shares, minGroupSize: 5, cutoffs: [{ grade: '优秀' as const, min: 90 }, { grade: '良好' as const, min: 80 }, { grade: '一般' as const, min: 60 }] };
    const results = [52, 51, 50].map((total, i) => ({ total, rank: i + 1, groupSize: 3, grade: '勉励' as const })) as unknown as Parameters<typeof assignGrades>[0];
    assignGrades(results, grading);
    expect(results.map((x) => x.grade)).toEqual(['勉励', '勉励', '勉励']);
    expect(gradesByShare(grading, 3)).toBe(false);
    expect(gradesByShare(grading, 5)).toBe(true);
    expect(gradingLines(grading)[0]).toEqual({ grade: '优秀', rule: '组内排名前 20%（5 家及以上的组）；不足 5 家的组：90 分及以上' });
  });
});

describe('a whole scheme over a small group', () => {
  const scheme: Scheme = {
    id: 't',
    name: '测试方案',
    region: 'ankang',
    basis: '',
    dataQuarter: 4,
    parts: { quantitative: 10, qualitative: 5 },
    categories: [
      { id: 'total', label: '贷款总量', part: 'quantitative' },
      { id: 'policy', label: '政策实施', part: 'qualitative' },
    ],
    items: [
      { id: 'cmp', label: '增速比较', category: 'total', max: 5, rule: { type: 'compare', indicator: 'agri_loans_growth', op: '>=', against: 'loans_total_growth' } },
      { id: 'inc', label: '增量', category: 'total', max: 5, rule: { type: 'ratioToBest', indicator: 'agri_loans_inc' } },
      { id: 'q', label: '政策实施', category: 'policy', max: 5, rule: { type: 'qualitative' } },
    ],
    bonus: { cap: 1, items: [{ id: 'b1', label: '高于平均', max: 2, rule: { type: 'regionAverage', indicator: 'agri_loans_growth' } }] },
    penalty: { cap: 2, items: [{ id: 'p1', label: '逾期', max: 5, rule: { type: 'reportCount', perLate: 1, perMissing: 2 } }] },
    groups: [
      { id: 'large', label: '大型银行组', types: ['国有商业银行'] },
      { id: 'local', label: '地方法人组', types: ['农商行/农信社'] },
      { id: 'empty', label: '村镇银行组', types: ['村镇银行'] },
    ],
    grading: { method: 'score', cutoffs: [{ grade: '优秀', min: 15 }, { grade: '良好', min: 10 }, { grade: '一般', min: 5 }] },
  };
  const base = { agri_loans_growth: 0.12, loans_total_growth: 0.08, agri_loans_inc: 2000 };
  const input: ScoringInput = {
    region: 'ankang',
    regionName: '安康市',
    year: 2025,
    scheme,
    schemeVersion: 3,
    regionValues: { agri_loans_growth: 0.1 },
    reports: 12,
    examples: [],
    indicators: INDICATORS,
    institutions: [
      inst('A', base, { qualitative: { q: { score: 4, reason: '好' } } }),
      inst('B', { ...base, agri_loans_inc: 1000 }, { reports: { due: 4, late: 1, missing: 0 }, qualitative: { q: { score: 5, reason: '很好' } } }),
      inst('C', { ...base }, { qualitative: { q: { score: 4, reason: '好' } } }),
      inst('D', { agri_loans_growth: null, loans_total_growth: 0.05, agri_loans_inc: null }, { type: '国有商业银行', reports: { due: 4, late: 0, missing: 4 } }),
    ],
  };
  const r = scoreYear(input);
  const by = (c: string) => r.results.find((x) => x.institution === c)!;

  it('adds up: total = quantitative + qualitative + bonus − penalty, caps applied', () => {
    // A: cmp 5 + inc 5 × 2000/2000 = 10; qual 4; bonus min(2, cap 1) = 1; penalty 0 → 15
    expect(by('A')).toMatchObject({ quantitative: 10, qualitative: 4, bonus: 1, penalty: 0, total: 15, grade: '优秀' });
    // B: cmp 5 + inc 5 × 1000/2000 = 7.5; qual 5; bonus 1; penalty 1 late × 1 = 1 → 12.5
    expect(by('B')).toMatchObject({ quantitative: 7.5, qualitative: 5, bonus: 1, penalty: 1, total: 12.5, grade: '良好' });
    // D (alone in its group, no data): 0 + 0 + 0 − min(min(4 × 2, item max 5), section cap 2) = −2
    expect(by('D')).toMatchObject({ quantitative: 0, qualitative: 0, bonus: 0, penalty: 2, total: -2, grade: '勉励', group: 'large', rank: 1, groupSize: 1 });
    for (const x of r.results) expect(x.total).toBeCloseTo(x.quantitative + x.qualitative + x.bonus - x.penalty, 10);
    expect(by('D').indicators.find((i) => i.id === 'p1')?.explanation).toContain('扣 5 分（上限 5 分）；扣分合计 5 分，按上限计 2 分');
  });

  it('counts the qualitative scores the ranked banks need: 3 of 4 entered makes every grade 暂定', () => {
    expect(r.qualitative).toEqual({ entered: 3, needed: 4 });
    expect(r.reports).toBe(12);
    expect(provisionalNote(r)).toBe('等次暂定：定性评分已录入 3/4 项，全部录入后等次才是本年度的结果。');
    expect(gradeText(by('A').grade, r)).toBe('优秀（暂定）');
    const complete = scoreYear({ ...input, institutions: input.institutions.map((i) => ({ ...i, qualitative: { q: { score: 3, reason: '录入' } } })) });
    expect(complete.qualitative).toEqual({ entered: 4, needed: 4 });
    expect(provisionalNote(complete)).toBeNull();
    expect(gradeText(complete.results[0]!.grade, complete)).toBe(complete.results[0]!.grade);
  });

  it('ranks within groups with ties (1, 1, 3), and empty groups simply do not appear', () => {
    expect(by('A').rank).toBe(1);
    expect(by('C').rank).toBe(1);
    expect(by('B').rank).toBe(3);
    expect(r.results.some((x) => x.group === 'empty')).toBe(false);
    expect(r.results.map((x) => x.institution)).toEqual(['D', 'A', 'C', 'B']);
    expect(r.schemeVersion).toBe(3);
  });
});
