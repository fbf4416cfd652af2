/**
 * Benchmark part for the charts: building every chart option of the latest
 * quarter (both regions), exporting one chart at print resolution, and writing
 * the whole report pack (every chart as PNG + SVG at 300 dpi, the .xlsx, the .docx).
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { BenchContext, BenchRow } from './types';
import { openDatabase } from '../../src/services/db/database';
import { buildChart, chartInstances, renderPng, writePack } from '../../src/services/charts';
import { hasReports } from '../../src/services/charts/data';

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const db = openDatabase(ctx.dbPath);
  try {
    const latest = (db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string | null }).q;
    if (!latest) return [{ metric: '图表：数据库中没有报送数据', value: 0, unit: '张' }];
    const regions = (db.prepare('SELECT code FROM regions ORDER BY rowid').all() as { code: string }[]).map((r) => r.code).filter((r) => hasReports(db, r, latest));
    const instances = regions.flatMap((r) => chartInstances(db, latest, r));

    const t0 = performance.now();
    const built = instances.map((i) => buildChart(db, i.id, i.params));
    const buildMs = performance.now() - t0;

    const first = built[0];
    let pngMs = 0;
    if (first) {
      renderPng(first.option); // warm-up: loads the font into the subsetter once
      const t1 = performance.now();
      renderPng(first.option, { aspect: first.aspect });
      pngMs = performance.now() - t1;
    }

    const out = join(ctx.outDir, `pack-x${ctx.scale}`);
    rmSync(out, { recursive: true, force: true });
    const t2 = performance.now();
    const pack = await writePack(db, { quarter: latest, out });
    const packSeconds = (performance.now() - t2) / 1000;

    return [
      { metric: `构建全部图表配置（${latest}，${ctx.scale}x）`, value: Math.round(buildMs), unit: 'ms', note: `${built.length} 张图，平均 ${(buildMs / Math.max(1, built.length)).toFixed(1)} ms/张` },
      { metric: '导出一张图表 PNG（15.5 cm，300 dpi）', value: Math.round(pngMs), unit: 'ms', note: 'ECharts SSR → SVG → 字体子集 → resvg' },
      { metric: `生成报告材料包（${latest}，${ctx.scale}x）`, value: Number(packSeconds.toFixed(1)), unit: 's', note: `${pack.charts.length} 张图（PNG + SVG）、数据表 .xlsx、报告 .docx` },
    ];
  } finally {
    db.close();
  }
}
