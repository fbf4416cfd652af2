/** All chains of a region: side by side for one quarter, and their balances over time. */
import type { EChartsOption } from 'echarts';
import type { BuildOptions } from './types';
import type { ChainsCompareData, ChainsTrendData } from './data';
import { chooseAmountUnit } from './format';
import { baseOption, CHART_FONT_FAMILY, quarterAxisLabel, TEXT_COLOR } from './style';
import { amountItem, barSeries, categoryAxis, lineSeries, needsUprightLabels, valueAxis } from './series';

export function chainsCompareOption(d: ChainsCompareData, opts: BuildOptions = {}): EChartsOption {
  const unit = chooseAmountUnit(d.rows.flatMap((r) => [r.balance, r.ytd]), opts.amountUnit);
  const upright = needsUprightLabels(d.rows.length, 2);
  return {
    ...baseOption('重点产业链贷款余额与当年累放', d, opts),
    xAxis: categoryAxis(d.rows.map((r) => r.name)),
    yAxis: valueAxis(`金额（${unit}）`, { headroom: upright }),
    series: [
      barSeries('贷款余额', d.rows.map((r) => amountItem(r.balance, unit)), upright ? { labelRotate: 90 } : {}),
      barSeries('当年累计发放', d.rows.map((r) => amountItem(r.ytd, unit)), upright ? { labelRotate: 90 } : {}),
    ],
  };
}

export function chainsTrendOption(d: ChainsTrendData, opts: BuildOptions = {}): EChartsOption {
  const unit = chooseAmountUnit(d.chains.flatMap((c) => c.balances), opts.amountUnit);
  // Values on every point of many lines would overlap: each line carries its last value at its end,
  // and end labels of close lines are pushed apart.
  return {
    ...baseOption('重点产业链贷款余额走势', d, opts),
    grid: { left: 14, right: 44, top: 100, bottom: 34, containLabel: true },
    xAxis: categoryAxis(d.quarters.map(quarterAxisLabel)),
    yAxis: valueAxis(`贷款余额（${unit}）`),
    series: d.chains.map((c) => {
      const points = c.balances.map((b) => ({ value: amountItem(b, unit).value }));
      const lastLabel = amountItem([...c.balances].reverse().find((b) => b !== null) ?? null, unit).label?.formatter ?? '';
      return {
        ...lineSeries(c.name, points, { showLabels: false }),
        endLabel: { show: lastLabel !== '', formatter: lastLabel, fontFamily: CHART_FONT_FAMILY, fontSize: 9, color: TEXT_COLOR, distance: 4 },
        // End labels of lines that finish close together are moved apart vertically.
        labelLayout: { moveOverlap: 'shiftY' as const },
      };
    }),
  };
}
