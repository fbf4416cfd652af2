/**
 * Bench part: what an analyst waits for — 检查报表 + 提交导入 of the sample set's folder as
 * the window runs them, then the pages opened next (first visit and again), and the services
 * process's peak RSS over all of it (budget: under 600 MB at 10×; an office PC has 4–8 GB).
 * Measured in the app's built services bundle with its parse workers, run under Node as the
 * utility process (services-process.ts), driven from a fresh process (user-flow-measure.ts).
 *
 * Beside it, in a fresh process of its own, the bare SheetJS parse of the same files.
 *
 * Standalone: `npx tsx tests/bench/user-flow.bench.ts [SCALE...] [--reuse]` prints the table
 * for each scale given (default 1).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchRow } from './types';
import type { UserFlowMeasured, UserFlowRequest } from './user-flow-measure';
import type { StepMemory } from './check-commit-measure';
import { buildApp } from '../helpers/electronBuild';
import type { BareParse } from './bare-parse-measure';
import { BENCH_OUT, measureInFreshProcess, scalesArg, standaloneSample } from './standalone';
import { printTable, type Measured } from './table';

/**
 * CPU time is the figure given (wall time in the note): on a machine shared with other work
 * wall time was 5–20× the CPU time, while the CPU a step takes is what a two-core office PC pays.
 */
export function run(ctx: BenchContext): Promise<BenchRow[]> {
  mkdirSync(ctx.outDir, { recursive: true });
  const appOut = join(ctx.outDir, 'app');
  buildApp(appOut, 'main');
  const bare = measureInFreshProcess<BareParse>('bare-parse-measure.ts', { sampleDir: ctx.sampleDir });
  const m = measureInFreshProcess<UserFlowMeasured>('user-flow-measure.ts', { scale: ctx.scale, sampleDir: ctx.sampleDir, outDir: ctx.outDir, appOut } satisfies UserFlowRequest);
  const f = m.importFlow;
  const x = `${ctx.scale}x`;
  const wall = (s: number): string => `墙钟 ${s.toFixed(1)} s`;
  const mem = (s: StepMemory): string => `其中主线程 V8 堆 ${s.heapMb.toFixed(0)} MB（在用 ${s.heapUsedMb.toFixed(0)} MB）、ArrayBuffer ${s.arrayBuffersMb.toFixed(0)} MB（最高点的构成）`;
  const rows: BenchRow[] = [
    { metric: `用户流程：检查报表，CPU（${x}）`, value: f.checkCpuSeconds, unit: 's', note: `${f.files} 个文件，主线程 + 2 个解析子线程；${wall(f.checkSeconds)}` },
    {
      metric: `用户流程：提交导入，CPU（${x}）`,
      value: f.commitCpuSeconds,
      unit: 's',
      note: `重新解析 ${f.reparsed} 个文件（其余沿用检查结果）；接收 ${f.accepted}，待确认 ${f.held}，拒收 ${f.rejected}；${wall(f.commitSeconds)}`,
    },
    {
      metric: `用户流程：确认待确认文件后重新检查并提交，CPU（${x}）`,
      value: f.confirm.cpuSeconds,
      unit: 's',
      note: `${f.confirm.files} 个文件、${f.confirm.warnings} 条警告按窗口的确认与说明提交；接收 ${f.confirm.accepted}，仍待确认 ${f.confirm.held}；${wall(f.confirm.seconds)}`,
    },
    { metric: `用户流程：检查 + 提交 + 确认合计，墙钟（${x}）`, value: f.totalSeconds, unit: 's', note: '分析员等待的总时间' },
    { metric: `用户流程：对照 SheetJS 单纯解析同一批文件，CPU（${x}）`, value: bare.cpuSeconds, unit: 's', note: `XLSX.read，单线程，${bare.files} 个文件（${bare.megabytes.toFixed(1)} MB）；${wall(bare.seconds)}` },
    { metric: `用户流程：服务进程启动后（解析子线程就绪）内存（${x}）`, value: f.startedMb, unit: 'MB', note: '打包后的 services.cjs 与 2 个 parseWorker.cjs，在 Node 中运行' },
    { metric: `用户流程：检查报表期间服务进程内存峰值（${x}）`, value: f.memory.check.peakRssMb, unit: 'MB', note: mem(f.memory.check) },
    { metric: `用户流程：提交导入期间服务进程内存峰值（${x}）`, value: f.memory.commit.peakRssMb, unit: 'MB', note: mem(f.memory.commit) },
    { metric: `用户流程：确认并提交期间服务进程内存峰值（${x}）`, value: f.memory.confirm.peakRssMb, unit: 'MB', note: mem(f.memory.confirm) },
    { metric: `用户流程：导入后服务进程内存峰值（${x}）`, value: f.peakRssMb, unit: 'MB', note: '内核记录的最高值（检查 + 提交 + 确认）' },
  ];
  for (const s of m.steps) {
    rows.push({ metric: `用户流程：打开「${s.page}」，CPU（${x}，首次）`, value: s.first.cpuMs, unit: 'ms', note: `${s.calls} 次调用；墙钟 ${s.first.ms.toFixed(0)} ms` });
    rows.push({ metric: `用户流程：再次打开「${s.page}」，CPU（${x}）`, value: s.again.cpuMs, unit: 'ms', note: `墙钟 ${s.again.ms.toFixed(0)} ms` });
  }
  rows.push({ metric: `用户流程：服务进程内存峰值（${x}，导入 + 各页）`, value: m.peakRssMb, unit: 'MB', note: '预算：10x 时低于 600 MB' });
  return Promise.resolve(rows);
}

const isMain = process.argv[1] !== undefined && /user-flow\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  const all: Measured[] = [];
  for (const scale of scalesArg()) {
    const sampleDir = await standaloneSample(scale);
    all.push({ scale, rows: await run({ scale, sampleDir, dbPath: join(BENCH_OUT, 'unused.sqlite'), outDir: BENCH_OUT }) });
  }
  printTable(all);
}
