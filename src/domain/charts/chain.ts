/** One industry chain: by quarter, by institution, by county, its share in 涉农贷款, its growth. */
import type { EChartsOption } from 'echarts';
import type { BuildOptions } from './types';
import type { ChainGrowthData, ChainQuarterlyData, ChainRankData, ChainShareData } from './data';
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
export function rankByBalance<T extends { balance: number | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (b.balance ?? -Infinity) - (a.balance ?? -Infinity));
}

/** Ranked bars (largest on top); shared by the by-institution and by-county charts. */
function rankedOption(title: string, d: ChainRankData, opts: BuildOptions): EChartsOption {
  const rows = rankByBalance(d.rows);
  const unit = chooseAmountUnit(rows.flatMap((r) => [r.balance, r.ytd]), opts.amountUnit);
  const base = baseOption(title, d, opts, `按贷款余额排序`);
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
      barSeries('贷款余额', rows.map((r) => amountItem(r.balance, unit)), { horizontal: true }),
      barSeries('当年累计发放', rows.map((r) => amountItem(r.ytd, unit)), { horizontal: true }),
    ],
  };
}

export function chainInstitutionsOption(d: ChainRankData, opts: BuildOptions = {}): EChartsOption {
  return rankedOption(`${d.chainName}产业链贷款分机构情况`, d, opts);
}

export function chainCountiesOption(d: ChainRankData, opts: BuildOptions = {}): EChartsOption {
  return rankedOption(`${d.chainName}产业链贷款分县情况（首位产业）`, d, opts);
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
