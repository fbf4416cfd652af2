/** 金融兴产强县: each county's 完成率 against the year's 时序进度. */
import type { EChartsOption } from 'echarts';
import type { BuildOptions } from './types';
import type { CountyProgressData } from './data';
import { formatNumber, percentOf } from './format';
import { baseOption, CHART_FONT_FAMILY, CHART_PALETTE } from './style';
import { barSeries, categoryAxis, percentItem, valueAxis } from './series';

const BEHIND_COLOR = '#c00000';

export function countyProgressOption(d: CountyProgressData, opts: BuildOptions = {}): EChartsOption {
  const tp = percentOf(d.timeProgress);
  const bars = barSeries(
    '首位产业贷款完成率',
    d.rows.map((r) => ({ ...percentItem(r.completion), ...(r.behind ? { itemStyle: { color: BEHIND_COLOR } } : {}) })),
  );
  return {
    ...baseOption('「金融兴产强县」首位产业贷款完成率与时序进度', d, opts, '红色为落后于时序进度的县'),
    legend: { show: false },
    // Room right of the plot for the time-progress label, clear of the bars' own labels.
    grid: { left: 14, right: 70, top: 82, bottom: 34, containLabel: true },
    xAxis: categoryAxis(
      d.rows.map((r) => r.county),
      { rotate: d.rows.length > 8 ? 30 : 0 },
    ),
    yAxis: valueAxis('完成率（%）', { percent: true }),
    series: [
      {
        ...bars,
        itemStyle: { color: CHART_PALETTE[0] },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#404040', type: 'dashed', width: 1.5 },
          label: { formatter: `时序进度\n${formatNumber(tp, 2)}%`, position: 'end', fontFamily: CHART_FONT_FAMILY, fontSize: 10, lineHeight: 13 },
          data: [{ yAxis: tp }],
        },
      },
    ],
  };
}
