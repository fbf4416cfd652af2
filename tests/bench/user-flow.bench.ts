/**
 * Bench part: what an analyst waits for — 检查报表 + 提交导入 of the sample set's folder as
 * the window runs them, then the pages opened next (first visit and again), and the services
 * process's peak RSS over all of it (budget: under 600 MB at 10×; an office PC has 4–8 GB).
 * Measured in a fresh process (tests/bench/user-flow-measure.ts) with the shipped parse worker.
 *
 * Standalone: `npx tsx tests/bench/user-flow.bench.ts [SCALE] [--reuse]`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchRow } from './types';
import type { UserFlowMeasured, UserFlowRequest } from './user-flow-measure';
import { builtParseWorker } from './import.bench';
import { BENCH_OUT, measureInFreshProcess, scaleArg, standaloneSample } from './standalone';

export function run(ctx: BenchContext): Promise<BenchRow[]> {
  mkdirSync(ctx.outDir, { recursive: true });
  const workerUrl = builtParseWorker(ctx.outDir).href;
  const m = measureInFreshProcess<UserFlowMeasured>('user-flow-measure.ts', { scale: ctx.scale, sampleDir: ctx.sampleDir, outDir: ctx.outDir, workerUrl } satisfies UserFlowRequest, ['--expose-gc']);
  const f = m.importFlow;
  const x = `${ctx.scale}x`;
  const rows: BenchRow[] = [
    { metric: `用户流程：检查报表（${x}）`, value: f.checkSeconds, unit: 's', note: `${f.files} 个文件；CPU ${f.checkCpuSeconds.toFixed(1)} s（主线程 + 解析子线程）` },
    {
      metric: `用户流程：提交导入（${x}）`,
      value: f.commitSeconds,
      unit: 's',
      note: `重新解析 ${f.reparsed ?? '?'} 个文件（沿用检查结果 ${f.kept.files} 个，约 ${f.kept.estimatedMb.toFixed(0)} MB）；接收 ${f.accepted}，待确认 ${f.held}，拒收 ${f.rejected}；CPU ${f.commitCpuSeconds.toFixed(1)} s`,
    },
    { metric: `用户流程：检查 + 提交合计（${x}）`, value: f.totalSeconds, unit: 's', note: '分析员等待的总时间' },
    { metric: `用户流程：导入后服务进程内存峰值（${x}）`, value: f.peakRssMb, unit: 'MB', note: `检查结果保留期间堆增长 ${f.kept.heapGrowthMb.toFixed(0)} MB` },
  ];
  for (const s of m.steps) {
    rows.push({ metric: `用户流程：打开「${s.page}」（${x}，首次）`, value: s.first.ms, unit: 'ms', note: `${s.calls} 次调用，CPU ${s.first.cpuMs.toFixed(0)} ms` });
    rows.push({ metric: `用户流程：再次打开「${s.page}」（${x}）`, value: s.again.ms, unit: 'ms', note: `CPU ${s.again.cpuMs.toFixed(0)} ms` });
  }
  rows.push({ metric: `用户流程：服务进程内存峰值（${x}，导入 + 各页）`, value: m.peakRssMb, unit: 'MB', note: '预算：10x 时低于 600 MB' });
  return Promise.resolve(rows);
}

const isMain = process.argv[1] !== undefined && /user-flow\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  const scale = scaleArg();
  const sampleDir = await standaloneSample(scale);
  const rows = await run({ scale, sampleDir, dbPath: join(BENCH_OUT, 'unused.sqlite'), outDir: BENCH_OUT });
  for (const r of rows) process.stdout.write(`${r.metric}\t${r.value.toFixed(2)} ${r.unit}\t${r.note ?? ''}\n`);
}
