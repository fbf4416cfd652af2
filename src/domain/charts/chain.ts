/** One industry chain: by quarter, by institution, by county, its share in 涉农贷款, its growth. */
import type { EChartsOption } from 'echarts';
import type { BuildOptions } from './types';
import type { ChainGrowthData, ChainQuarterlyData, ChainRankData, ChainShareData, NamedAmounts } from './data';
import { maxRankedRows } from './layout';
import { chooseAmountUnit } from './format';
import { baseOption, quarterAxisLabel } from './style';
import { amountItem, barSeries, categoryAxis, lineSeries, needsUprightLabels, percentItem, separateLabels, valueAxis } from './series';

export function chainQuarterlyOption(d: ChainQuarterlyData, opts: BuildOptions = {}): EChartsOption {
  const unit = chooseAmountUnit(d.points.flatMap((p) => [p.balance, p.ytd]), opts.amountUnit);
  const upright = needsUprightLabels(d.points.length, 2);
  return {
    ...baseOption(`${d.chainName}产业链贷款余额与当年累放`, d, opts),
    xAxis: categoryAxis(d.points.map((p) => quarterAxisLabel(p.quarter))),
    yAxis: valueAxis(`金额（${unit}）`, { headroom: upright }),
    series: [
      barSeries('贷款余额', d.points.map((p) => amountItem(p.balance, unit)), upright ? { labelRotate: 90 } : {}),
      barSeries('当年累计发放', d.points.map((p) => amountItem(p.ytd, unit)), upright ? { labelRotate: 90 } : {}),
    ],
  };
}

/** Largest balance first: the order of the ranked bars (the figures behind each bar follow it too). */
function rankByBalance<T extends { balance: number | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (b.balance ?? -Infinity) - (a.balance ?? -Infinity));
}

/**
 * The rows a ranked chart prints: largest first; when there are more than fit at print
 * size with legible labels, the first ones and one 「其他（n家）」 row holding the sum of
 * the rest (no code: a click on it explains nothing single). Sums stay 无数据 only
 * where every summed value is.
 */
export function rankedWithOthers(rows: readonly NamedAmounts[], unitWord = '家', maxAspect?: number): NamedAmounts[] {
  const ranked = rankByBalance(rows);
  const fit = maxRankedRows(2, maxAspect);
  if (ranked.length <= fit) return ranked;
  const head = ranked.slice(0, fit - 1);
  const tail = ranked.slice(fit - 1);
  const sum = (k: 'balance' | 'ytd'): number | null => (tail.every((r) => r[k] === null) ? null : tail.reduce((a, r) => a + (r[k] ?? 0), 0));
  return [...head, { name: `其他（${tail.length}${unitWord}）`, balance: sum('balance'), ytd: sum('ytd') }];
}

/** Ranked bars (largest on top); shared by the by-institution and by-county charts. */
function rankedOption(title: string, d: ChainRankData, opts: BuildOptions, unitWord: string): EChartsOption {
  const rows = rankedWithOthers(d.rows, unitWord, opts.maxAspect);
  const others = rows.length < d.rows.length;
  const unit = chooseAmountUnit(rows.flatMap((r) => [r.balance, r.ytd]), opts.amountUnit);
  const base = baseOption(title, d, opts, others ? `按贷款余额排序，前 ${rows.length - 1} ${unitWord}，其余合并为「其他」` : `按贷款余额排序`);
  return {
    ...base,
    grid: { left: 14, right: 56, top: 82, bottom: 50, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: categoryAxis(
      rows.map((r) => r.name),
      { inverse: true },
    ),
    xAxis: valueAxis(`金额（${unit}）`, { horizontal: true }),
    series: [
      barSeries('贷款余额', rows.map((r) => amountItem(r.balance, unit)), { horizontal: true, pair: true }),
      barSeries('当年累计发放', rows.map((r) => amountItem(r.ytd, unit)), { horizontal: true, pair: true }),
    ],
  };
}

export function chainInstitutionsOption(d: ChainRankData, opts: BuildOptions = {}): EChartsOption {
  return rankedOption(`${d.chainName}产业链贷款分机构情况`, d, opts, '家');
}

export function chainCountiesOption(d: ChainRankData, opts: BuildOptions = {}): EChartsOption {
  return rankedOption(`${d.chainName}产业链贷款分县情况（首位产业）`, d, opts, '个');
}

export function chainShareOption(d: ChainShareData, opts: BuildOptions = {}): EChartsOption {
  return {
    ...baseOption(`${d.chainName}产业链贷款占涉农贷款比重`, d, opts),
    legend: { show: false },
    xAxis: categoryAxis(d.points.map((p) => quarterAxisLabel(p.quarter))),
    yAxis: valueAxis('占比（%）', { percent: true }),
    series: [lineSeries('占涉农贷款比重', d.points.map((p) => percentItem(p.value)))],
  };
}

export function chainGrowthOption(d: ChainGrowthData, opts: BuildOptions = {}): EChartsOption {
  return {
    ...baseOption(`${d.chainName}产业链贷款余额增速`, d, opts),
    xAxis: categoryAxis(d.points.map((p) => quarterAxisLabel(p.quarter))),
    yAxis: valueAxis('增速（%）', { percent: true }),
    series: (() => {
      const [ytd, yoy] = separateLabels(
        d.points.map((p) => percentItem(p.sinceYearStart)),
        d.points.map((p) => percentItem(p.yearOnYear)),
      );
      return [lineSeries('比年初增速', ytd), lineSeries('同比增速', yoy, { dashed: true })];
    })(),
  };
}
