/** The seed-000 headline (涉农贷款增速 vs 各项贷款增速) and 不良率, region-wide or per bank. */
import type { EChartsOption } from 'echarts';
import type { BuildOptions } from './types';
import type { LoanGrowthByInstitutionData, LoanGrowthData, NplTrendData } from './data';
import { baseOption, quarterAxisLabel } from './style';
import { barSeries, categoryAxis, lineSeries, needsUprightLabels, percentItem, separateLabels, valueAxis } from './series';

export function loanGrowthOption(d: LoanGrowthData, opts: BuildOptions = {}): EChartsOption {
  const base = baseOption('涉农贷款增速与各项贷款增速', { ...d, regionName: d.subject }, opts, '比年初增速');
  const upright = needsUprightLabels(d.points.length, 2);
  return {
    ...base,
    xAxis: categoryAxis(d.points.map((p) => quarterAxisLabel(p.quarter))),
    yAxis: valueAxis('增速（%）', { percent: true, headroom: upright }),
    series: [
      barSeries('涉农贷款增速', d.points.map((p) => percentItem(p.agri)), upright ? { labelRotate: 90 } : {}),
      barSeries('各项贷款增速', d.points.map((p) => percentItem(p.total)), upright ? { labelRotate: 90 } : {}),
    ],
  };
}

/** Fastest 涉农 growth first: the order of the by-institution bars. */
export function rankByAgri<T extends { agri: number | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (b.agri ?? -Infinity) - (a.agri ?? -Infinity));
}

/** Rows in print order (the services rank them and fold the tail into 「其他」: rankedPairsByInstitution). */
export function loanGrowthByInstitutionOption(d: LoanGrowthByInstitutionData, opts: BuildOptions = {}): EChartsOption {
  const rows = d.rows;
  const others = rows.some((r) => r.name.startsWith('其他（'));
  return {
    ...baseOption('各机构涉农贷款增速与各项贷款增速', d, opts, others ? `比年初增速，按涉农贷款增速排序，前 ${rows.length - 1} 家，其余合并为「其他」` : '比年初增速'),
    grid: { left: 14, right: 56, top: 82, bottom: 50, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: categoryAxis(
      rows.map((r) => r.name),
      { inverse: true },
    ),
    xAxis: valueAxis('增速（%）', { percent: true, horizontal: true }),
    series: [
      barSeries('涉农贷款增速', rows.map((r) => percentItem(r.agri)), { horizontal: true, pair: true }),
      barSeries('各项贷款增速', rows.map((r) => percentItem(r.total)), { horizontal: true, pair: true }),
    ],
  };
}

export function nplTrendOption(d: NplTrendData, opts: BuildOptions = {}): EChartsOption {
  return {
    ...baseOption('不良贷款率走势', { ...d, regionName: d.subject }, opts),
    xAxis: categoryAxis(d.points.map((p) => quarterAxisLabel(p.quarter))),
    yAxis: valueAxis('不良率（%）', { percent: true }),
    series: (() => {
      const [agri, total] = separateLabels(
        d.points.map((p) => percentItem(p.agri)),
        d.points.map((p) => percentItem(p.total)),
      );
      return [lineSeries('涉农贷款不良率', agri), lineSeries('各项贷款不良率', total, { dashed: true })];
    })(),
  };
}
