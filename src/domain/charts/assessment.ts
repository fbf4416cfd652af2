/** 考核评估: how total scores spread, and grades counted per institution group. */
import type { EChartsOption } from 'echarts';
import type { BuildOptions } from './types';
import { GRADES, type Grade } from '../assessment/types';
import type { GradesByGroupData, ScoreDistributionData } from './data';
import { baseOption } from './style';
import { barSeries, categoryAxis, countItem, valueAxis } from './series';

export const GRADE_COLORS: Record<Grade, string> = { 优秀: '#2f5597', 良好: '#70ad47', 一般: '#bf9000', 勉励: '#c00000' };

/** Score bands of 10 points, e.g. 「80–90分」; the top band includes 100. */
export function scoreBands(totals: readonly number[]): { label: string; from: number; to: number }[] {
  if (totals.length === 0) return [];
  const lo = Math.max(0, Math.floor(Math.min(...totals) / 10) * 10);
  const hi = Math.max(lo + 10, Math.ceil(Math.max(...totals, lo + 1) / 10) * 10);
  const bands: { label: string; from: number; to: number }[] = [];
  for (let from = lo; from < hi; from += 10) bands.push({ label: `${from}–${from + 10}分`, from, to: from + 10 });
  return bands;
}

/** The band a total falls in (the top band also takes its upper bound). */
export function bandIndex(total: number, bands: readonly { from: number; to: number }[]): number {
  const i = bands.findIndex((b) => total >= b.from && total < b.to);
  return i >= 0 ? i : bands.length - 1;
}

export function scoreDistributionOption(d: ScoreDistributionData, opts: BuildOptions = {}): EChartsOption {
  const bands = scoreBands(d.scores.map((s) => s.total));
  const countsFor = (grade: Grade | null): number[] => {
    const counts = bands.map(() => 0);
    for (const s of d.scores) if (s.grade === grade) counts[bandIndex(s.total, bands)]! += 1;
    return counts;
  };
  const ungraded = countsFor(null);
  const series = GRADES.map((g) => barSeries(g, countsFor(g).map(countItem), { stack: 'grade', color: GRADE_COLORS[g] }));
  if (ungraded.some((n) => n > 0)) series.push(barSeries('未定等次', ungraded.map(countItem), { stack: 'grade', color: '#a6a6a6' }));
  return {
    ...baseOption(`${d.year}年度考核评估得分分布`, d, opts, `按总分分段，共${d.scores.length}家机构`),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: categoryAxis(bands.map((b) => b.label)),
    yAxis: valueAxis('机构数（家）', { integer: true }),
    series,
  };
}

export function gradesByGroupOption(d: GradesByGroupData, opts: BuildOptions = {}): EChartsOption {
  return {
    ...baseOption(`${d.year}年度考核评估等次（分组）`, d, opts),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: categoryAxis(d.groups.map((g) => g.group)),
    yAxis: valueAxis('机构数（家）', { integer: true }),
    series: GRADES.map((g) => barSeries(g, d.groups.map((x) => countItem(x.counts[g])), { stack: 'grade', color: GRADE_COLORS[g] })),
  };
}
