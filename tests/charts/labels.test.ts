/**
 * Labels never collide at print size: every chart of the catalogue is laid out by
 * ECharts exactly as the export lays it out (same option, same size), and the boxes
 * of its value labels — with their white halo, which is what painted over the comma
 * of 16,588.07 — must not overlap. A region of many banks (35) shows the top ones and
 * 「其他」, summed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import type { DB } from '../../src/services/db/database';
import { memoryDb, insertReport } from '../helpers/reports';
import { fillChartFixture, reportValues, FIXTURE_QUARTERS } from './fixture';
import { buildChart, chartInstances } from '../../src/services/charts';
import { chainByInstitution, chainRef } from '../../src/services/charts/data';
import { resolveSize } from '../../src/services/charts/render';
import { saveInstitution } from '../../src/services/registry/institutions';
import { maxRankedRows } from '../../src/domain/charts/layout';

interface Box {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The value labels as ECharts placed them (zrender's own text boxes), grown by their halo. */
function labelBoxes(option: object, aspect: number): Box[] {
  const s = resolveSize({ aspect });
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: s.layoutWidth, height: s.layoutHeight });
  try {
    chart.setOption({ ...option, animation: false });
    type El = { type: string; style: { text?: string; lineWidth?: number; stroke?: string }; ignore?: boolean; invisible?: boolean; getBoundingRect(): { clone(): { applyTransform(m: unknown): void; x: number; y: number; width: number; height: number } }; getComputedTransform(): unknown; parent?: unknown };
    const zr = chart.getZr() as unknown as { storage: { getDisplayList(update: boolean): El[] } };
    const boxes: Box[] = [];
    for (const el of zr.storage.getDisplayList(true)) {
      if ((el.type !== 'tspan' && el.type !== 'text') || el.ignore || el.invisible) continue;
      const text = el.style.text ?? '';
      // Value labels are figures: 1,234.56 · 12.34% · 35.
      if (!/^-?[\d,]+(\.\d+)?%?$/.test(text)) continue;
      const r = el.getBoundingRect().clone();
      r.applyTransform(el.getComputedTransform());
      const halo = el.style.stroke ? (el.style.lineWidth ?? 0) / 2 : 0;
      boxes.push({ text, x: r.x - halo, y: r.y - halo, w: r.width + 2 * halo, h: r.height + 2 * halo });
    }
    return boxes;
  } finally {
    chart.dispose();
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

let db: DB;
const MANY = 35;

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
  // Bishan with many more banks than the sample: 35 村镇银行 reporting every chain.
  for (let n = 1; n <= MANY; n++) {
    const code = `BS-VB${String(n).padStart(2, '0')}`;
    saveInstitution(db, { code, name: `璧山第${n}村镇银行`, aliases: [], type: '村镇银行', region: 'bishan', county: null, legalPerson: true, size: '小型', sample: false, example: false, active: true });
    FIXTURE_QUARTERS.forEach((q, t) => insertReport(db, { institution: code, quarter: q, values: reportValues(code, 'bishan', 20 + n, t) }));
  }
}, 120_000);

describe('value labels at print size', () => {
  it('no two value labels of any chart overlap, with many banks too', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const region of ['ankang', 'bishan']) {
      for (const inst of chartInstances(db, '2025Q3', region)) {
        const built = buildChart(db, inst.id, inst.params);
        const boxes = labelBoxes(built.option, built.aspect);
        checked += boxes.length;
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i] as Box;
            const b = boxes[j] as Box;
            if (overlaps(a, b)) problems.push(`${region} ${built.title}: 「${a.text}」 and 「${b.text}」`);
          }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });

  it('a chain with more banks than fit shows the first ones and 「其他」 holding the sum of the rest', () => {
    const built = buildChart(db, 'chain.institutions', { quarter: '2025Q3', chain: 'zanthoxylum' });
    const y = built.option.yAxis as { data: string[] };
    const fit = maxRankedRows(2);
    const banks = (db.prepare("SELECT COUNT(*) AS n FROM institutions WHERE region = 'bishan'").get() as { n: number }).n;
    expect(banks).toBeGreaterThan(fit);
    expect(y.data).toHaveLength(fit);
    expect(y.data.at(-1)).toBe(`其他（${banks - fit + 1}家）`);
    const series = built.option.series as { data: { value: number | null }[] }[];
    const shown = (series[0]?.data ?? []).reduce((a, d) => a + (d.value ?? 0), 0);
    const rows = chainByInstitution(db, chainRef(db, 'zanthoxylum'), '2025Q3');
    const total = rows.reduce((a, r) => a + (r.balance ?? 0), 0);
    const unit = (built.option.xAxis as { name: string }).name.includes('亿元') ? 10_000 : 1;
    // The bars, 其他 included, add up to the chain's total (each bar rounded to the cent as printed).
    expect(Math.abs(shown * unit - total)).toBeLessThan(0.006 * fit * unit);
    expect((built.option.title as { subtext: string }[])[0]?.subtext).toContain('其余合并为「其他」');
  });
});
