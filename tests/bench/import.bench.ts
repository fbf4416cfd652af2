/**
 * Bench part for the import: the whole pipeline (byte detection, SheetJS parse
 * in the worker pool, reading by defined name, value parsing, validation, one
 * transaction per file) on the sample set at the bench's scale, into a fresh
 * database, against a bare single-threaded SheetJS parse (XLSX.read) of the
 * same files, so the pipeline's overhead over parsing is visible.
 *
 * Standalone: `npx tsx tests/bench/import.bench.ts [SCALE] [--reuse]` generates the
 * sample set into bench-out/ (--reuse: keeps the one already there) and prints the rows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, BenchRow } from './types';
import type { MeasureRequest, Measured } from './import-measure';
import { BENCH_OUT, measureInFreshProcess, scaleArg, standaloneSample } from './standalone';
import { buildApp } from '../helpers/electronBuild';

/**
 * The parse worker as the desktop app ships it: electron-vite's build of
 * src/services/import/parseWorker.ts (out/main/parseWorker.cjs). Under tsx each
 * worker would first compile its TypeScript (~0.3 s of CPU per worker, and a loader
 * thread each), a cost of the development runner that the app never pays.
 */
export function builtParseWorker(outDir: string): URL {
  const out = join(outDir, 'app');
  buildApp(out, 'main');
  return pathToFileURL(join(out, 'main', 'parseWorker.cjs'));
}

export function run(ctx: BenchContext): Promise<BenchRow[]> {
  mkdirSync(ctx.outDir, { recursive: true });
  const workerUrl = builtParseWorker(ctx.outDir);
  const m = measureInFreshProcess<Measured>('import-measure.ts', { scale: ctx.scale, sampleDir: ctx.sampleDir, outDir: ctx.outDir, workerUrl: workerUrl.href } satisfies MeasureRequest);
  const { app, cli } = m;
  const x = `${ctx.scale}x`;
  return Promise.resolve([
    { metric: `导入示例报表（${x}，全流程）`, value: m.files / app.seconds, unit: 'files/s', note: `${m.files} 个文件（${m.megabytes.toFixed(1)} MB），接收 ${app.accepted}，拒收 ${app.rejected}，${app.seconds.toFixed(2)} s` },
    { metric: `导入示例报表（${x}，全流程）`, value: app.values / app.seconds, unit: 'values/s', note: `${app.values} 个填报值（含空白项），每个文件一个事务` },
    { metric: `SheetJS 单纯解析同一批文件（${x}）`, value: m.bareSeconds, unit: 's', note: `XLSX.read，单线程，${(m.files / m.bareSeconds).toFixed(1)} files/s` },
    {
      metric: `导入全流程耗时 ÷ 单纯解析耗时（${x}，桌面程序）`,
      value: app.seconds / m.bareSeconds,
      unit: '×',
      note: '2 个解析子线程随服务进程启动（打包后的 parseWorker.cjs）；校验、入库在主线程逐个文件进行；与单纯解析在同一新进程中先后测得',
    },
    {
      metric: `导入全流程耗时 ÷ 单纯解析耗时（${x}，命令行）`,
      value: cli.seconds / m.bareSeconds,
      unit: '×',
      note: `本次导入现启动 2 个解析子线程（各需加载 SheetJS），${cli.seconds.toFixed(2)} s，接收 ${cli.accepted}`,
    },
    {
      metric: `导入前的数据库完整性快速检查（${x}）`,
      value: app.quickCheckMs,
      unit: 'ms',
      note: `PRAGMA quick_check，每次正式导入前执行一次；数据库 ${app.databaseMb.toFixed(1)} MB`,
    },
  ]);
}

const isMain = process.argv[1] !== undefined && /import\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  const scale = scaleArg();
  const sampleDir = await standaloneSample(scale);
  const rows = await run({ scale, sampleDir, dbPath: join(BENCH_OUT, 'unused.sqlite'), outDir: BENCH_OUT });
  for (const r of rows) process.stdout.write(`${r.metric}\t${r.value.toFixed(2)} ${r.unit}\t${r.note ?? ''}\n`);
}
