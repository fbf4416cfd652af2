import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RULE_TYPE_LABELS,
  dataQuarterLabel,
  describeRule,
  formatRuleValue,
  gradingLines,
  groupMembership,
  schemeFileName,
  schemeSourceLabel,
  schemeVersionOptions,
  AUTO_SCHEME,
  type IndicatorLookup,
  type IndicatorMeta,
} from '../../src/domain/assessment/describe';
import { gradeByScore, gradeByShare } from '../../src/domain/assessment/grade';
import type { Scheme } from '../../src/domain/assessment/types';
import { formatLocalDateTime } from '../../src/domain/present/time';

const META: Record<string, IndicatorMeta> = {
  agri_loans_growth: { label: '涉农贷款比年初增速', kind: 'ratio', unit: '%' },
  loans_total_growth: { label: '各项贷款比年初增速', kind: 'ratio', unit: '%' },
  agri_loans_inc: { label: '涉农贷款比年初增量', kind: 'amount', unit: '万元' },
  agri_npl_ratio: { label: '涉农贷款不良率', kind: 'ratio', unit: '%' },
  agri_npl_ratio_change: { label: '涉农不良率比年初变化', kind: 'ratioDiff', unit: '个百分点' },
  credit_villages: { label: '信用村数', kind: 'count', unit: '个' },
  chain_share: { label: '重点产业链贷款占比', kind: 'ratio', unit: '%', dimension: 'chain' },
};
const lookup: IndicatorLookup = (id) => META[id];

describe('scheme rules in words', () => {
  it('formats settings in the indicator’s unit: rates as %, rate differences as 个百分点, amounts with the unit', () => {
    expect(formatRuleValue(0.1, META['agri_loans_growth'])).toBe('10%');
    expect(formatRuleValue(0.155, META['agri_loans_growth'])).toBe('15.5%');
    expect(formatRuleValue(0.01, META['agri_npl_ratio_change'])).toBe('1 个百分点');
    expect(formatRuleValue(12345.5, META['agri_loans_inc'])).toBe('12,345.5 万元');
    expect(formatRuleValue(0, META['credit_villages'])).toBe('0 个');
    expect(formatRuleValue(3, undefined)).toBe('3');
  });

  it('names every rule type in Chinese', () => {
    expect(RULE_TYPE_LABELS.linear).toBe('区间线性计分');
    expect(RULE_TYPE_LABELS.ratioToBest).toBe('与组内最优值之比');
    expect(RULE_TYPE_LABELS.qualitative).toBe('定性评分');
    for (const label of Object.values(RULE_TYPE_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('linear: floor and target in words, and the lower-is-better reading when the target is below the floor', () => {
    expect(describeRule({ type: 'linear', indicator: 'agri_loans_growth', floor: 0, target: 0.1 }, lookup)).toBe(
      '涉农贷款比年初增速 0% 及以下不得分，10% 及以上得满分，其间按比例计分',
    );
    expect(describeRule({ type: 'linear', indicator: 'agri_npl_ratio', floor: 0.05, target: 0.01 }, lookup)).toBe(
      '涉农贷款不良率 1% 及以下得满分，5% 及以上不得分，其间按比例计分（越低越好）',
    );
    expect(describeRule({ type: 'linear', indicator: 'agri_loans_growth', floor: 0.1, target: 0.1 }, lookup)).toBe('涉农贷款比年初增速达到 10% 时得满分，否则不得分');
  });

  it('comparisons, thresholds, group rules and report deductions, worded for items, 加分项 and 扣分项', () => {
    expect(describeRule({ type: 'compare', indicator: 'agri_loans_growth', op: '>=', against: 'loans_total_growth' }, lookup)).toBe(
      '涉农贷款比年初增速不低于各项贷款比年初增速时得满分，否则不得分',
    );
    expect(describeRule({ type: 'threshold', indicator: 'agri_loans_inc', op: '<', value: 0 }, lookup, 'penalty')).toBe('涉农贷款比年初增量低于 0 万元时扣满分值，否则不扣分');
    expect(describeRule({ type: 'threshold', indicator: 'agri_npl_ratio_change', op: '>', value: 0.01 }, lookup, 'penalty')).toBe(
      '涉农不良率比年初变化高于 1 个百分点时扣满分值，否则不扣分',
    );
    expect(describeRule({ type: 'regionAverage', indicator: 'agri_loans_growth' }, lookup, 'bonus')).toBe('涉农贷款比年初增速不低于全地区水平时加满分值，否则不加分');
    expect(describeRule({ type: 'regionAverage', indicator: 'agri_loans_growth' }, lookup, 'bonus', 2)).toBe('涉农贷款比年初增速不低于全地区水平时加 2 分，否则不加分');
    expect(describeRule({ type: 'threshold', indicator: 'agri_loans_inc', op: '<', value: 0 }, lookup, 'penalty', 1.5)).toBe('涉农贷款比年初增量低于 0 万元时扣 1.50 分，否则不扣分');
    expect(describeRule({ type: 'ratioToBest', indicator: 'chain_share', member: '*' }, lookup)).toBe(
      '按本机构重点产业链贷款占比（全部产业链）与组内最高者之比计分，组内最高者得满分',
    );
    expect(describeRule({ type: 'ratioToBest', indicator: 'agri_npl_ratio', lowerIsBetter: true }, lookup)).toBe('按组内最低的涉农贷款不良率与本机构之比计分，组内最低者得满分');
    expect(describeRule({ type: 'rank', indicator: 'agri_loans_inc' }, lookup)).toBe('按涉农贷款比年初增量在组内由高到低排名计分，第 1 名得满分，末名不得分，其间等差');
    expect(describeRule({ type: 'reportDeductions', perLate: 1, perMissing: 2 }, lookup)).toBe(
      '从满分起扣：每逾期报送 1 次扣 1 分，每未报送 1 次扣 2 分，扣完为止',
    );
    expect(describeRule({ type: 'reportCount', perLate: 0.5, perMissing: 1 }, lookup, 'penalty')).toBe('每逾期报送 1 次扣 0.50 分，每未报送 1 次扣 1 分，以分值为限');
    expect(describeRule({ type: 'qualitative' }, lookup)).toBe('由分析人员逐年逐机构评分，并写明理由');
    // An indicator the catalogue does not know is shown by its id, not hidden.
    expect(describeRule({ type: 'threshold', indicator: 'unknown_x', op: '>=', value: 2 }, lookup)).toBe('unknown_x不低于 2 时得满分，否则不得分');
  });
});

describe('grade lines', () => {
  it('by score: each band between its cut-off and the one above, as gradeByScore assigns them', () => {
    const cutoffs = [
      { grade: '良好' as const, min: 80 },
      { grade: '优秀' as const, min: 90 },
      { grade: '一般' as const, min: 60 },
    ];
    expect(gradingLines({ method: 'score', cutoffs })).toEqual([
      { grade: '优秀', rule: '90 分及以上' },
      { grade: '良好', rule: '80 分及以上、不足 90 分' },
      { grade: '一般', rule: '60 分及以上、不足 80 分' },
      { grade: '勉励', rule: '不足 60 分' },
    ]);
    // The lines agree with the scoring at each edge: 90 → 优秀, 89.99 → 良好, 59.99 → 勉励.
    expect([90, 89.99, 80, 60, 59.99].map((t) => gradeByScore(t, cutoffs))).toEqual(['优秀', '良好', '良好', '一般', '勉励']);
  });

  it('by share: cumulative shares within the group, whoever is left is 勉励', () => {
    const shares = [
      { grade: '优秀' as const, share: 0.2 },
      { grade: '良好' as const, share: 0.3 },
      { grade: '一般' as const, share: 0.3 },
    ];
    expect(gradingLines({ method: 'share', shares })).toEqual([
      { grade: '优秀', rule: '组内排名前 20%' },
      { grade: '良好', rule: '其后 30%（累计前 50%）' },
      { grade: '一般', rule: '其后 30%（累计前 80%）' },
      { grade: '勉励', rule: '其余机构' },
    ]);
    // Group of 10: ranks 1–2 优秀, 3–5 良好, 6–8 一般, 9–10 勉励.
    expect(Array.from({ length: 10 }, (_, i) => gradeByShare(i + 1, 10, shares))).toEqual(['优秀', '优秀', '良好', '良好', '良好', '一般', '一般', '一般', '勉励', '勉励']);
    expect(gradingLines({ method: 'share', shares: [{ grade: '优秀', share: 0.5 }, { grade: '勉励', share: 0.2 }] })[1]).toEqual({ grade: '勉励', rule: '其后 20%（累计前 70%）及其余机构' });
  });
});

describe('groups, sources, file names and times', () => {
  it('says who falls in a group, in the order the scoring checks', () => {
    expect(groupMembership({ id: 'g', label: '地方组', institutions: ['AK-ABC'], types: ['城商行', '村镇银行'], sizes: ['小型'] })).toBe(
      '指定机构：AK-ABC；机构类型：城商行、村镇银行；规模：小型',
    );
    expect(groupMembership({ id: 'e', label: '空组' })).toBe('未设条件（不会自动归入机构）');
  });

  it('reads where a version came from and which quarter stands for the year', () => {
    expect(schemeSourceLabel('shipped')).toBe('软件自带（示例）');
    expect(schemeSourceLabel('import:安康方案_2026.json')).toBe('导入：安康方案_2026.json');
    expect(dataQuarterLabel(4)).toBe('各年第四季度末数据');
    expect(dataQuarterLabel(2)).toBe('各年第二季度末数据');
  });

  it('offers a file name Windows accepts', () => {
    expect(schemeFileName('安康市考核方案（默认）', 3)).toBe('安康市考核方案（默认）_第3版.json');
    expect(schemeFileName('方案 A/B: "试行"', 1)).toBe('方案 A_B_ _试行__第1版.json');
    expect(schemeFileName('  ', 2)).toBe('考核方案_第2版.json');
  });

  it('shows a stored UTC moment in local time to the minute (TZ=Asia/Shanghai in tests)', () => {
    expect(formatLocalDateTime('2026-11-22T04:31:20.000Z')).toBe('2026-11-22 12:31');
    expect(formatLocalDateTime('2025-12-31T16:05:00.000Z')).toBe('2026-01-01 00:05');
    expect(formatLocalDateTime('不是日期')).toBe('不是日期');
  });
});

describe('the versions 考核评估 offers', () => {
  it('the automatic choice first, then every version of every scheme newest first, as references the services accept', () => {
    const options = schemeVersionOptions([
      { id: 'ankang-default', name: '安康方案', version: 3, versions: [1, 2, 3] },
      { id: 'ankang-2026', name: '安康2026试行', version: 1, versions: [1] },
    ]);
    expect(options).toEqual([
      { value: AUTO_SCHEME, label: '自动（已保存的年度用原版本）' },
      { value: 'ankang-default@3', label: '安康方案（第3版，最新）' },
      { value: 'ankang-default@2', label: '安康方案（第2版）' },
      { value: 'ankang-default@1', label: '安康方案（第1版）' },
      { value: 'ankang-2026@1', label: '安康2026试行（第1版，最新）' },
    ]);
    expect(AUTO_SCHEME).toBe('');
  });
});

describe('the shipped schemes read in full', () => {
  it('every item, 加分项 and 扣分项 of both defaults gets a rule sentence with no raw ids or operators', () => {
    for (const file of ['ankang.default.json', 'bishan.default.json']) {
      const scheme = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/schemes', file), 'utf8')) as Scheme;
      const catalogue = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/indicators/indicators.json'), 'utf8')) as { indicators: (IndicatorMeta & { id: string })[] };
      const byId = new Map(catalogue.indicators.map((i) => [i.id, i]));
      const all = [
        ...scheme.items.map((i) => describeRule(i.rule, (id) => byId.get(id))),
        ...scheme.bonus.items.map((i) => describeRule(i.rule, (id) => byId.get(id), 'bonus')),
        ...scheme.penalty.items.map((i) => describeRule(i.rule, (id) => byId.get(id), 'penalty')),
      ];
      for (const sentence of all) expect(sentence).not.toMatch(/[a-z_]{3,}|>=|<=|[<>]/);
    }
  });
});
