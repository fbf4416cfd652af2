/**
 * The look every chart shares, in the window and in print: white background,
 * the bundled CJK font named explicitly (so resvg and every PC draw the same
 * glyphs), a title with region and period, and the source line at the foot.
 */
import type { EChartsOption } from 'echarts';
import { parseQuarter, quarterLabel } from '../quarter';
import type { BuildOptions, ChartFrame } from './types';

/** Family name of resources/fonts/NotoSansCJKsc-Regular.otf. */
export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';

/** Sober, print-safe colours that stay distinct in greyscale order. */
export const CHART_PALETTE = ['#2f5597', '#c55a11', '#70ad47', '#7f6000', '#7030a0', '#2e9bc6', '#bf9000', '#a5002c', '#44546a'];

export const TEXT_COLOR = '#222222';
export const MUTED_COLOR = '#595959';

export function periodLabel(quarter: string): string {
  const q = parseQuarter(quarter);
  return q ? quarterLabel(q) : quarter;
}

/** 「数据来源：各金融机构季度报送，截至2025年第三季度」 */
export function sourceLine(quarter: string): string {
  return `数据来源：各金融机构季度报送，截至${periodLabel(quarter)}`;
}

/** Axis label for a quarter on two lines: 2025年 / 三季度. */
export function quarterAxisLabel(quarter: string): string {
  const q = parseQuarter(quarter);
  if (!q) return quarter;
  return `${q.year}年\n${['一', '二', '三', '四'][q.q - 1]}季度`;
}

/** Common frame: title block, source line, font, background, grid. */
export function baseOption(title: string, frame: ChartFrame, opts: BuildOptions, extraSubtitle?: string): EChartsOption {
  const subtitle = [frame.regionName, periodLabel(frame.quarter), extraSubtitle].filter((s) => s).join('　');
  return {
    backgroundColor: '#ffffff',
    animation: opts.animation ?? false,
    color: CHART_PALETTE,
    textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 12, color: TEXT_COLOR },
    title: [
      {
        text: title,
        subtext: subtitle,
        left: 'center',
        top: 6,
        itemGap: 4,
        textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 15, fontWeight: 'normal', color: TEXT_COLOR },
        subtextStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 11, color: MUTED_COLOR },
      },
      {
        text: sourceLine(frame.quarter),
        left: 10,
        bottom: 6,
        textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 10, fontWeight: 'normal', color: MUTED_COLOR },
      },
    ],
    legend: { top: 50, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 11, color: TEXT_COLOR } },
    grid: { left: 14, right: 22, top: 82, bottom: 34, containLabel: true },
    tooltip: { trigger: 'axis', textStyle: { fontFamily: CHART_FONT_FAMILY } },
  };
}
