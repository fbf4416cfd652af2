/**
 * 金融兴产强县 figures explained: a county's 完成率 from its actual (an indicator
 * over the county's member, explained down to the cells) and its target (who set
 * it, when, on what basis); the region's total row from its counties.
 */
import type { DB } from '../db/database';
import type { ExplainComponent, Explanation } from '../../api/explain-types';
import { formatAmount, formatPercent, formatPoints } from '../../domain/present/number';
import { fail } from '../../domain/result';
import { labelOfQuarter } from '../../domain/present/periods';
import { getCountyTargets, progressTable } from '../progress';
import { explainIndicator, regionOrFail } from './indicator';

export interface ProgressQuery {
  region: string;
  year: number;
  quarter: number | string;
  county?: string;
}

function wan(x: number | null): string {
  return x === null ? '未设' : `${formatAmount(x)} 万元`;
}

export function explainProgress(db: DB, q: ProgressQuery): Explanation {
  const region = regionOrFail(db, q.region);
  const table = progressTable(db, { region: region.code, year: q.year, quarter: q.quarter });
  const targets = new Map(getCountyTargets(db, region.code, q.year).map((t) => [t.county, t]));
  const base = { kind: 'progress' as const, indicator: null, quarter: table.quarter, region: region.code, institution: null, included: [], excluded: [], operands: [] };
  const tp = `${formatPercent(table.timeProgress, 1)}（截至${labelOfQuarter(table.quarter)}末，本年已过时间的占比）`;

  if (!q.county) {
    const components: ExplainComponent[] = table.rows.map((r) => ({
      label: r.county,
      display: `实际 ${wan(r.actual)}，目标 ${wan(r.target)}，完成率 ${formatPercent(r.completion, 1)}`,
      value: r.completion,
      ref: { kind: 'progress', region: region.code, year: q.year, quarter: table.quarter, county: r.countyCode },
    }));
    return {
      ...base,
      member: null,
      title: `${table.regionName} · ${table.year}年 · 金融兴产强县合计完成率`,
      label: '合计完成率',
      value: table.total.completion,
      display: formatPercent(table.total.completion, 1),
      unit: '%',
      definition: '全地区首位产业贷款的年度目标完成率：已设年度目标的县，实际合计除以目标合计。',
      formula: `合计完成率 = Σ实际（已设目标的县） ÷ Σ年度目标 ${wan(table.total.target)}；进度差 = 完成率 − 时序进度 = ${formatPoints(table.total.gap, 1)}`,
      comparable: `只比较已设年度目标的县：共 ${table.rows.length} 个县，${table.rows.filter((r) => r.target !== null).length} 个已设目标。`,
      facts: [
        { label: '时序进度', value: tp },
        { label: '实际合计（全部县）', value: wan(table.total.actual) },
        { label: '落后', value: `${table.total.behindCount} / ${table.total.counties} 个县` },
      ],
      components,
      inputs: [],
    };
  }

  const row = table.rows.find((r) => r.countyCode === q.county || r.county === q.county);
  if (!row) fail('E_COUNTY_UNKNOWN', `县（市、区）「${q.county}」不在${table.regionName}的进度表中。`);
  const actual = explainIndicator(db, { region: region.code, quarter: table.quarter, indicator: row.indicator, member: row.countyCode });
  const t = targets.get(row.countyCode);
  return {
    ...base,
    member: row.countyCode,
    title: `${row.county} · ${table.year}年 · 金融兴产强县完成率`,
    label: `${row.indicatorLabel}年度目标完成率`,
    value: row.completion,
    display: formatPercent(row.completion, 1),
    unit: '%',
    definition: `${row.county}（${row.class ?? '未分类'}，首位产业：${row.leadingIndustry ?? '未设'}）${row.indicatorLabel}的年度目标完成率，与时序进度比较，低于时序进度为落后。`,
    formula: `完成率 = 实际 ${wan(row.actual)} ÷ 年度目标 ${wan(row.target)} = ${formatPercent(row.completion, 1)}；进度差 = 完成率 − 时序进度 = ${formatPoints(row.gap, 1)}`,
    comparable: actual.comparable,
    facts: [
      { label: '年度目标', value: t ? `${wan(t.annualTarget)}（${t.source}；${t.enteredBy}，${t.enteredAt}）` : '未设' },
      { label: '时序进度', value: tp },
      { label: '排名', value: row.rank === null ? '无（未设目标）' : `第 ${row.rank} 名` },
      ...(row.threeYear ? [{ label: `三年目标（${row.threeYear.from}—${row.threeYear.to}年）`, value: `实际 ${wan(row.threeYear.actual)}，目标 ${wan(row.threeYear.target)}，完成率 ${formatPercent(row.threeYear.completion, 1)}` }] : []),
    ],
    components: [
      { label: `实际 · ${actual.label}`, display: actual.display, value: actual.value, ref: { kind: 'indicator', region: region.code, quarter: table.quarter, indicator: row.indicator, member: row.countyCode } },
    ],
    included: actual.included,
    excluded: actual.excluded,
    inputs: actual.inputs,
  };
}
