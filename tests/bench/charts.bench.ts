/**
 * Benchmark part for the charts: every chart option of the latest quarter (both regions) as
 * the 图表 page asks for them (`charts.option`: the option and its 数据来源 figures), on the
 * first visit after the database was opened (nothing of it read yet: the analyst's first
 * page after an import) and again; exporting one chart at print resolution; and writing the
 * whole report pack (every chart as PNG + SVG at 300 dpi, the .xlsx, the .docx).
 *
 * Standalone: `npx tsx tests/bench/charts.bench.ts [SCALE] [--reuse]` imports the sample set
 * of bench-out/ into bench-out/charts-x<SCALE>.sqlite (--reuse: keeps both when there) and
 * prints the rows.
 */
import { join } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import type { BenchContext, BenchRow } from './types';
import { openDatabase } from '../../src/services/db/database';
import { buildChart, chartInstances, renderPng, writePack } from '../../src/services/charts';
import { hasReports } from '../../src/services/charts/data';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { openChartPage, timed } from './chart-page';
import { BENCH_OUT, scaleArg, standaloneSample } from './standalone';

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  // The page's calls first, on a connection of their own: nothing read before them.
  const page = openContext(ctx.dbPath);
  let first: Awaited<ReturnType<typeof timed>>;
  let again: Awaited<ReturnType<typeof timed>>;
  try {
    const h = createHandlers(page);
    const latest = (page.db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string | null }).q;
    if (!latest) return [{ metric: '图表：数据库中没有报送数据', value: 0, unit: '张' }];
    const visit = (): Promise<number> => openChartPage((a) => h['charts.option'](a, {}), page.db, latest, ['ankang', 'bishan']);
    first = await timed(visit);
    again = await timed(visit);
  } finally {
    closeContext(page);
  }
  const db = openDatabase(ctx.dbPath);
  try {
    const latest = (db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string | null }).q;
    if (!latest) return [{ metric: '图表：数据库中没有报送数据', value: 0, unit: '张' }];
    const regions = (db.prepare('SELECT code FROM regions ORDER BY rowid').all() as { code: string }[]).map((r) => r.code).filter((r) => hasReports(db, r, latest));
    const instances = regions.flatMap((r) => chartInstances(db, latest, r));

    const t0 = performance.now();
    const built = instances.map((i) => buildChart(db, i.id, i.params));
    const buildMs = performance.now() - t0;

    const one = built[0];
    let pngMs = 0;
    if (one) {
      renderPng(one.option); // warm-up: loads the font into the subsetter once
      const t1 = performance.now();
      renderPng(one.option, { aspect: one.aspect });
      pngMs = performance.now() - t1;
    }

    const out = join(ctx.outDir, `pack-x${ctx.scale}`);
    rmSync(out, { recursive: true, force: true });
    const t2 = performance.now();
    const pack = await writePack(db, { quarter: latest, out });
    const packSeconds = (performance.now() - t2) / 1000;

    const perChart = (ms: number): string => (ms / Math.max(1, first.calls)).toFixed(1);
    return [
      {
        metric: `图表页：全部图表配置与数据来源，CPU（${ctx.scale}x，首次）`,
        value: Math.round(first.cpuMs),
        unit: 'ms',
        note: `打开数据库后首次，${first.calls} 次 charts.option，平均 ${perChart(first.cpuMs)} ms/张；墙钟 ${Math.round(first.ms)} ms`,
      },
      { metric: `图表页：再次打开，CPU（${ctx.scale}x）`, value: Math.round(again.cpuMs), unit: 'ms', note: `平均 ${perChart(again.cpuMs)} ms/张；墙钟 ${Math.round(again.ms)} ms` },
      { metric: `构建全部图表配置（${latest}，${ctx.scale}x）`, value: Math.round(buildMs), unit: 'ms', note: `${built.length} 张图，平均 ${(buildMs / Math.max(1, built.length)).toFixed(1)} ms/张` },
      { metric: '导出一张图表 PNG（15.5 cm，300 dpi）', value: Math.round(pngMs), unit: 'ms', note: 'ECharts SSR → SVG → 字体子集 → resvg' },
      { metric: `生成报告材料包（${latest}，${ctx.scale}x）`, value: Number(packSeconds.toFixed(1)), unit: 's', note: `${pack.charts.length} 张图（PNG + SVG）、数据表 .xlsx、报告 .docx` },
    ];
  } finally {
    db.close();
  }
}

const isMain = process.argv[1] !== undefined && /charts\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  const scale = scaleArg();
  const sampleDir = await standaloneSample(scale);
  const dbPath = join(BENCH_OUT, `charts-x${scale}.sqlite`);
  if (!process.argv.includes('--reuse') || !existsSync(dbPath)) {
    const { importFiles } = await import('../../src/services/import/importFiles');
    const { receivedDatesFrom, acksFrom } = await import('../../src/cli/commands/import');
    const { sampleInstitutions } = await import('../../src/services/template/syntheticInstitutions');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    const db = openDatabase(dbPath);
    try {
      sampleInstitutions(db, scale);
      const manifest = join(sampleDir, 'manifest.json');
      await importFiles(db, { paths: [sampleDir], receivedDates: receivedDatesFrom(manifest), acks: acksFrom(manifest) });
    } finally {
      db.close();
    }
  }
  const rows = await run({ scale, sampleDir, dbPath, outDir: BENCH_OUT });
  for (const r of rows) process.stdout.write(`${r.metric}\t${r.value} ${r.unit}\t${r.note ?? ''}\n`);
}
