/**
 * 金融兴产强县 figures explained: a county's 完成率 as its measure defines it — a
 * flow's actual over its target, a balance's increase from 年初 over the increase
 * its target asks for — with the actual (and 年初) explained down to the cells and
 * the target (who set it, when, on what basis); a 合计 from the counties it adds up.
 */
import type { DB } from '../db/database';
import type { ExplainComponent, Explanation } from '../../api/explain-types';
import type { ProgressRow, ProgressTotal } from '../../api/assessment-types';
import { formatAmount, formatPercent, formatPoints } from '../../domain/present/number';
import { fail, failure } from '../../domain/result';
import { labelOfQuarter } from '../../domain/present/periods';
import { formatLocalDateTime } from '../../domain/present/time';
import { getCountyTargets, progressTable } from '../progress';
import { explainIndicator, regionOrFail } from './indicator';

export interface ProgressQuery {
  region: string;
  year: number;
  quarter: number | string;
  county?: string;
  /** Which 合计 (a measure id) when the table has several; the first when omitted. */
  measure?: string;
}

function wan(x: number | null): string {
  return x === null ? '未设' : `${formatAmount(x)} 万元`;
}

/** The formula with the figures, as the measure computes it. */
function formulaOf(x: Pick<ProgressRow | ProgressTotal, 'judge' | 'actual' | 'base' | 'target' | 'completion' | 'gap'>, sum: boolean): string {
  const s = sum ? 'Σ' : '';
  const gap = x.gap === null ? '' : `；进度差 = 完成率 − 时序进度 = ${formatPoints(x.gap, 1)}`;
  switch (x.judge) {
    case 'elapsed':
      return `完成率 = ${s}实际 ${wan(x.actual)} ÷ ${s}年度目标 ${wan(x.target)} = ${formatPercent(x.completion, 1)}${gap}`;
    case 'increment':
      return `完成率 = (${s}期末余额 ${wan(x.actual)} − ${s}年初余额 ${wan(x.base)}) ÷ (${s}目标余额 ${wan(x.target)} − ${s}年初余额 ${wan(x.base)}) = ${formatPercent(x.completion, 1)}${gap}`;
    case 'deadline':
      return `余额占目标 = ${s}期末余额 ${wan(x.actual)} ÷ ${s}目标余额 ${wan(x.target)} = ${formatPercent(x.completion, 1)}（于期末考核${x.gap === null ? '，期中不计进度差' : gap}）`;
  }
}

export function explainProgress(db: DB, q: ProgressQuery): Explanation {
  const region = regionOrFail(db, q.region);
  const table = progressTable(db, { region: region.code, year: q.year, quarter: q.quarter });
  const targets = new Map(getCountyTargets(db, region.code, q.year).map((t) => [t.county, t]));
  const base = { kind: 'progress' as const, indicator: null, quarter: table.quarter, region: region.code, institution: null, included: [], excluded: [], operands: [] };
  const tp = `${formatPercent(table.timeProgress, 1)}（截至${labelOfQuarter(table.quarter)}末，${table.timeMethod === 'quarters' ? '按季度计' : '按天数计'}）`;

  if (!q.county) {
    const total = (q.measure ? table.totals.find((t) => t.indicator === q.measure) : table.totals[0]) ?? null;
    if (!total) throw failure('E_PROGRESS_NO_TOTAL', { region: table.regionName, year: table.year, what: q.measure ? `没有按「${q.measure}」口径设目标的县` : '尚未设任何县的年度目标' });
    const rows = table.rows.filter((r) => r.indicator === total.indicator && r.target !== null);
    const components: ExplainComponent[] = rows.map((r) => ({
      label: r.county,
      display: `实际 ${wan(r.actual)}${r.kind === 'stock' ? `，年初 ${wan(r.base)}` : ''}，目标 ${wan(r.target)}，完成率 ${formatPercent(r.completion, 1)}`,
      value: r.completion,
      ref: { kind: 'progress', region: region.code, year: q.year, quarter: table.quarter, county: r.countyCode },
    }));
    const others = table.rows.filter((r) => !rows.includes(r));
    return {
      ...base,
      member: null,
      title: `${table.regionName} · ${table.year}年 · 金融兴产强县合计完成率（${total.indicatorLabel}）`,
      label: `合计完成率（${total.indicatorLabel}）`,
      value: total.completion,
      display: formatPercent(total.completion, 1),
      unit: '%',
      definition: `${total.indicatorLabel}口径下设有年度目标的县的合计：${total.definition}`,
      formula: formulaOf(total, true),
      comparable: `只加总按${total.indicatorLabel}口径设有年度目标的 ${rows.length} 个县（${total.counties.join('、')}）；${others.length ? `${others.map((r) => `${r.county}（${r.target === null ? '未设目标' : `口径为${r.indicatorLabel}`}）`).join('、')}不计入。` : '没有其他县。'}`,
      facts: [
        { label: '时序进度', value: tp },
        { label: '落后', value: `${total.behindCount} / ${rows.length} 个县` },
        ...table.excluded.map((e) => ({ label: `${e.county}不列入`, value: e.reason })),
      ],
      components,
      inputs: [],
    };
  }

  const row = table.rows.find((r) => r.countyCode === q.county || r.county === q.county);
  if (!row) fail('E_PROGRESS_COUNTY', { county: q.county, region: table.regionName, excluded: table.excluded.map((e) => e.county).join('、') || '无' });
  const actual = explainIndicator(db, { region: region.code, quarter: table.quarter, indicator: row.reads, member: row.countyCode });
  const yearStart = `${table.year - 1}Q4`;
  const start = row.kind === 'stock' ? explainIndicator(db, { region: region.code, quarter: yearStart, indicator: row.reads, member: row.countyCode }) : null;
  const t = targets.get(row.countyCode);
  return {
    ...base,
    member: row.countyCode,
    title: `${row.county} · ${table.year}年 · 金融兴产强县完成率`,
    label: `${row.indicatorLabel}年度目标完成率`,
    value: row.completion,
    display: formatPercent(row.completion, 1),
    unit: '%',
    definition: `${row.county}（${row.class ?? '未分类'}，首位产业：${row.leadingIndustry ?? '未设'}）按${row.indicatorLabel}口径（${row.kind === 'stock' ? '余额，存量' : '发生额，流量'}）考核：${row.definition}`,
    formula: formulaOf(row, false),
    comparable: actual.comparable,
    facts: [
      { label: '年度目标', value: t ? `${wan(t.annualTarget)}（${t.source}；${t.enteredBy}，${formatLocalDateTime(t.enteredAt)}）` : '未设' },
      { label: '时序进度', value: tp },
      { label: '排名', value: row.rank === null ? '无（未设目标）' : `按${row.indicatorLabel}口径的县中第 ${row.rank} 名` },
      { label: '县域分类依据', value: row.classSource ?? '未注明' },
      { label: '首位产业依据', value: row.industrySource ?? '未注明' },
      ...(row.note ? [{ label: '说明', value: row.note }] : []),
      ...(row.threeYear ? [{ label: `三年目标（${row.threeYear.from}—${row.threeYear.to}年）`, value: `实际 ${wan(row.threeYear.actual)}，目标 ${wan(row.threeYear.target)}，完成率 ${formatPercent(row.threeYear.completion, 1)}` }] : []),
    ],
    components: [
      { label: `实际 · ${actual.label}`, display: actual.display, value: actual.value, ref: { kind: 'indicator', region: region.code, quarter: table.quarter, indicator: row.reads, member: row.countyCode } },
      ...(start
        ? [{ label: `年初（${labelOfQuarter(yearStart)}末） · ${start.label}`, display: start.display, value: start.value, ref: { kind: 'indicator' as const, region: region.code, quarter: yearStart, indicator: row.reads, member: row.countyCode } }]
        : []),
    ],
    included: actual.included,
    excluded: actual.excluded,
    inputs: [...actual.inputs, ...(start?.inputs ?? [])],
  };
}
