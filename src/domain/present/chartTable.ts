/**
 * The data table under a chart, read from the chart's own ECharts option so the
 * table shows exactly the figures drawn: one row per category (quarter, bank,
 * county…), one column per series, the value as its label prints it.
 */
import { formatFixed } from './number';

export interface ChartTable {
  header: string[];
  rows: { key: string; cells: (string | number | null)[]; texts: string[] }[];
}

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined || x === null ? [] : [x];
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '';
}

/** A value as drawn: a number, or { value, label: { formatter: '1,234.00' } }; arrays (x, y) take the last. */
function valueOf(point: unknown): { num: number | null; text: string | null } {
  if (typeof point === 'number') return { num: Number.isFinite(point) ? point : null, text: null };
  if (Array.isArray(point)) return valueOf(point[point.length - 1]);
  if (isObj(point)) {
    const v = valueOf(point['value']);
    const label = isObj(point['label']) ? point['label']['formatter'] : undefined;
    return { num: v.num, text: typeof label === 'string' ? label : v.text };
  }
  return { num: null, text: null };
}

/** Category labels may carry line breaks for the axis (2025年\n三季度): the table joins them. */
function categoryText(c: unknown): string {
  const s = isObj(c) ? str(c['value']) : str(c);
  return s.replace(/\n/g, '');
}

export function chartTable(option: unknown): ChartTable | null {
  if (!isObj(option)) return null;
  const axes = [...list(option['xAxis']).map((a) => ({ a, dim: 'x' })), ...list(option['yAxis']).map((a) => ({ a, dim: 'y' }))];
  const cat = axes.find(({ a }) => isObj(a) && a['type'] === 'category' && Array.isArray(a['data']));
  const valueAxes = { x: list(option['xAxis']), y: list(option['yAxis']) };
  const series = list(option['series']).filter(isObj);
  if (series.length === 0) return null;

  // Pie-like series (no category axis): one row per data item.
  if (!cat) {
    const s = series[0] as Obj;
    const data = list(s['data']);
    if (data.length === 0) return null;
    return {
      header: ['项目', str(s['name']) || '数值'],
      rows: data.map((d, i) => {
        const v = valueOf(d);
        const name = isObj(d) ? str(d['name']) : String(i + 1);
        return { key: `${i}:${name}`, cells: [name, v.num], texts: [name, v.text ?? formatFixed(v.num, 2)] };
      }),
    };
  }

  const catAxis = cat.a as Obj;
  const categories = list(catAxis['data']).map(categoryText);
  const otherDim = cat.dim === 'x' ? 'y' : 'x';
  const unitOf = (s: Obj): string => {
    const idx = Number(s[`${otherDim}AxisIndex`] ?? 0);
    const axis = valueAxes[otherDim][idx];
    const name = isObj(axis) ? str(axis['name']) : '';
    const m = /[（(]([^）)]+)[）)]\s*$/.exec(name);
    return m ? m[1] ?? '' : '';
  };
  const header = [str(catAxis['name']) || '项目', ...series.map((s) => {
    const unit = unitOf(s);
    return unit ? `${str(s['name'])}（${unit}）` : str(s['name']);
  })];
  const rows = categories.map((c, i) => {
    const values = series.map((s) => valueOf(list(s['data'])[i]));
    return {
      key: `${i}:${c}`,
      cells: [c, ...values.map((v) => v.num)],
      texts: [c, ...values.map((v) => v.text ?? formatFixed(v.num, 2))],
    };
  });
  return { header, rows };
}

/** The lines a chart prints around its plot (region and period under the title, the source at the foot), for its table. */
export function chartFrameText(option: unknown): { subtitle: string; source: string } {
  const titles = isObj(option) ? list(option['title']).filter(isObj) : [];
  const subtitle = str(titles[0]?.['subtext']);
  const source = titles.map((t) => str(t['text'])).find((t) => t.startsWith('数据来源：')) ?? '';
  return { subtitle, source: source.replace(/^数据来源：/, '') };
}
