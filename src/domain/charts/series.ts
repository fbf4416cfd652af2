/**
 * Series and axes with values already in display units and labels already
 * formatted as text, so the option is plain JSON (it crosses IPC and the CLI)
 * and prints exactly what the tables say.
 */
import type { BarSeriesOption, LineSeriesOption, XAXisComponentOption, YAXisComponentOption } from 'echarts';
import type { AmountUnit } from './format';
import { formatNumber, percentOf, wanIn } from './format';
import { CHART_FONT_FAMILY, MUTED_COLOR, TEXT_COLOR } from './style';

export interface LabelledValue {
  value: number | null;
  label?: { formatter: string; show?: boolean; position?: 'top' | 'bottom' };
}

/**
 * Two lines that may cross: at each point the higher value is labelled above
 * and the lower below, so the two labels never print over each other.
 */
export function separateLabels(upper: LabelledValue[], lower: LabelledValue[]): [LabelledValue[], LabelledValue[]] {
  const place = (item: LabelledValue, position: 'top' | 'bottom'): LabelledValue => (item.label ? { ...item, label: { ...item.label, position } } : item);
  const a = upper.map((u, i) => {
    const l = lower[i];
    return l && u.value !== null && l.value !== null && u.value < l.value ? place(u, 'bottom') : place(u, 'top');
  });
  const b = lower.map((l, i) => {
    const u = upper[i];
    return u && u.value !== null && l.value !== null && l.value > u.value ? place(l, 'top') : place(l, 'bottom');
  });
  return [a, b];
}

type AxisOption = XAXisComponentOption & YAXisComponentOption;

/** A white outline keeps value labels legible where they cross a line or grid. */
const LABEL_HALO = { textBorderColor: '#ffffff', textBorderWidth: 2 };
/** Beside a horizontal bar the label sits on white: a thin halo only, so it never paints over the label above. */
const THIN_HALO = { textBorderColor: '#ffffff', textBorderWidth: 1 };

/** Upright value labels once grouped bars get too narrow for level ones. */
export function needsUprightLabels(categories: number, seriesCount: number): boolean {
  return categories * seriesCount > 8;
}

const AXIS_TEXT = { fontFamily: CHART_FONT_FAMILY, fontSize: 11, color: TEXT_COLOR };
const AXIS_NAME_TEXT = { fontFamily: CHART_FONT_FAMILY, fontSize: 11, color: MUTED_COLOR };

/** An amount in 万元 → a data item in the display unit labelled "1,234.56". */
export function amountItem(wan: number | null, unit: AmountUnit): LabelledValue {
  if (wan === null) return { value: null };
  const v = wanIn(unit, wan);
  return { value: v, label: { formatter: formatNumber(v, 2) } };
}

/** A fraction → a data item in percent labelled "12.34%". */
export function percentItem(fraction: number | null): LabelledValue {
  if (fraction === null || !Number.isFinite(fraction)) return { value: null };
  const v = percentOf(fraction);
  return { value: v, label: { formatter: `${formatNumber(v, 2)}%` } };
}

/** A count → a data item labelled with its integer. */
export function countItem(n: number): LabelledValue {
  return { value: n, label: { formatter: n === 0 ? '' : String(n) } };
}

export function valueAxis(name: string, opts: { percent?: boolean; horizontal?: boolean; integer?: boolean; headroom?: boolean } = {}): AxisOption {
  return {
    type: 'value',
    name,
    // Room above the tallest bar for its upright label.
    ...(opts.headroom ? { boundaryGap: ['0%', '22%'] } : {}),
    nameLocation: opts.horizontal ? 'middle' : 'end',
    nameGap: opts.horizontal ? 26 : 10,
    nameTextStyle: { ...AXIS_NAME_TEXT, align: opts.horizontal ? 'center' : 'left' },
    ...(opts.integer ? { minInterval: 1 } : {}),
    axisLabel: { ...AXIS_TEXT, ...(opts.percent ? { formatter: '{value}%' } : {}) },
    splitLine: { lineStyle: { color: '#e0e0e0' } },
  } as AxisOption;
}

export function categoryAxis(labels: string[], opts: { inverse?: boolean; rotate?: number; name?: string } = {}): AxisOption {
  return {
    type: 'category',
    data: labels,
    inverse: opts.inverse ?? false,
    ...(opts.name ? { name: opts.name, nameTextStyle: AXIS_NAME_TEXT } : {}),
    axisTick: { alignWithLabel: true },
    axisLabel: { ...AXIS_TEXT, interval: 0, ...(opts.rotate ? { rotate: opts.rotate } : {}) },
    axisLine: { lineStyle: { color: '#7f7f7f' } },
  } as AxisOption;
}

export function barSeries(
  name: string,
  data: LabelledValue[],
  opts: { horizontal?: boolean; showLabels?: boolean; stack?: string; color?: string; labelRotate?: number; pair?: boolean } = {},
): BarSeriesOption {
  return {
    type: 'bar',
    name,
    data,
    barMaxWidth: 26,
    // Two bars per row: the gap between them as wide as between rows, so every label has the same room.
    ...(opts.pair ? { barGap: '67%', barCategoryGap: '20%' } : {}),
    ...(opts.stack ? { stack: opts.stack } : {}),
    ...(opts.color ? { itemStyle: { color: opts.color } } : {}),
    label: {
      show: opts.showLabels ?? true,
      position: opts.stack ? 'inside' : opts.horizontal ? 'right' : 'top',
      ...(opts.labelRotate ? { rotate: opts.labelRotate, align: 'left', verticalAlign: 'middle', distance: 4 } : {}),
      fontFamily: CHART_FONT_FAMILY,
      fontSize: 9,
      color: opts.stack ? '#ffffff' : TEXT_COLOR,
      ...(opts.stack ? {} : opts.horizontal ? THIN_HALO : LABEL_HALO),
    },
  };
}

export function lineSeries(name: string, data: LabelledValue[], opts: { showLabels?: boolean; yAxisIndex?: number; dashed?: boolean; color?: string } = {}): LineSeriesOption {
  return {
    type: 'line',
    name,
    data,
    connectNulls: false,
    symbol: 'circle',
    symbolSize: 6,
    ...(opts.yAxisIndex ? { yAxisIndex: opts.yAxisIndex } : {}),
    lineStyle: { width: 2, ...(opts.dashed ? { type: 'dashed' as const } : {}), ...(opts.color ? { color: opts.color } : {}) },
    ...(opts.color ? { itemStyle: { color: opts.color } } : {}),
    label: { show: opts.showLabels ?? true, position: 'top', distance: 6, fontFamily: CHART_FONT_FAMILY, fontSize: 9, color: TEXT_COLOR, ...LABEL_HALO },
  };
}
