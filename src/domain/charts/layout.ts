/** Print proportions: a ranked bar chart grows taller with its rows so labels never collide. */
import type { EChartsOption } from 'echarts';

export const DEFAULT_ASPECT = 0.62;
/** Layout width (CSS px) of a 15.5 cm chart; the aspect is computed against it. */
const LAYOUT_WIDTH = 586;
/** Title, legend, axis and source line take this much height whatever the rows. */
const CHROME_HEIGHT = 150;
/**
 * Height one bar needs for itself and its value label: a 9 px label with its 1 px
 * halo is about 13 px tall, and the comma of 16,588.07 hangs below the digits; at
 * 15 px a neighbour's halo never paints over it (16,588.07 reading 16.588.07).
 */
export const BAR_SLOT = 15;
export const MAX_ASPECT = 1.4;

/**
 * How many rows a ranked chart of `bars` series can print without squeezing its
 * labels: beyond that the tail is summed into one 「其他」 row (rankedWithOthers).
 */
export function maxRankedRows(bars: number, maxAspect = MAX_ASPECT): number {
  return Math.max(2, Math.floor((Math.min(MAX_ASPECT, maxAspect) * LAYOUT_WIDTH - CHROME_HEIGHT) / (Math.max(1, bars) * BAR_SLOT)));
}

/** Height / width for printing this option. */
export function preferredAspect(option: EChartsOption, maxAspect = MAX_ASPECT): number {
  const y = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
  if (!y || y.type !== 'category' || !Array.isArray(y.data)) return DEFAULT_ASPECT;
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const bars = series.filter((s) => s.type === 'bar').length;
  const needed = CHROME_HEIGHT + y.data.length * Math.max(1, bars) * BAR_SLOT;
  return Math.min(MAX_ASPECT, maxAspect, Math.max(DEFAULT_ASPECT, needed / LAYOUT_WIDTH));
}
