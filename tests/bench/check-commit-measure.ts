/**
 * The import as the window runs it: 检查报表 (a dry run) then 提交导入 (the commit), through
 * the handler table of one long-lived services context with its parse workers started up
 * front (the desktop app's services process), on the sample set with its arrival dates.
 * Measures each step, how many files the commit parsed again, and the process's peak RSS.
 * For the bench table (tests/bench, the eng engineer's): call measureCheckCommit, or run
 *
 *   npx tsx tests/bench/check-commit-measure.ts [SCALE] [--reuse]
 *
 * which builds the shipped parse worker, generates the sample set into bench-out/ (--reuse:
 * keeps one already there) and prints the figures as JSON.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_OUT, scaleArg, standaloneSample } from './standalone';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { acksFrom, receivedDatesFrom } from '../../src/cli/commands/import';
import type { FileAck, ImportSummary } from '../../src/api/types';
import { CONFIRMED_TEXT, issueKey } from '../../src/domain/import/issueKey';
import { ParsePool } from '../../src/services/import/parsePool';
import { sampleInstitutions } from '../../src/services/template/syntheticInstitutions';

export interface CheckCommitRequest {
  scale: number;
  sampleDir: string;
  outDir: string;
  /** The built parse worker (file URL), as the app ships it. */
  workerUrl: string;
  /** What the analyst does next in the same services process (the pages opened after the import); before peakRssMb is read. */
  then?: (h: ReturnType<typeof createHandlers>, ctx: ReturnType<typeof openContext>) => Promise<void>;
}

export interface CheckCommitMeasured {
  files: number;
  checkSeconds: number;
  commitSeconds: number;
  /** check + commit + confirming the held files: what the analyst waits for. */
  totalSeconds: number;
  /**
   * CPU seconds of this process (main thread and parse workers) per step: steadier than
   * wall time on a machine shared with other work, and what a two-core office PC pays.
   */
  checkCpuSeconds: number;
  commitCpuSeconds: number;
  accepted: number;
  held: number;
  rejected: number;
  /**
   * The held files checked again and committed with the analyst's decisions (as the window
   * passes them): how many, the warnings decided, the time it took, and the outcome.
   */
  confirm: { files: number; warnings: number; seconds: number; cpuSeconds: number; accepted: number; held: number };
  /** Files the commit parsed again (0 when the checked result was kept for every file). */
  reparsed: number | null;
  /** What the check kept for the commit: files and the estimated MB (import/checked.ts), and the heap growth seen over the check. */
  kept: { files: number; estimatedMb: number; heapGrowthMb: number };
  /** Peak resident set size of this process over the whole run (MB). */
  peakRssMb: number;
}

/**
 * What the window sends with 提交导入 after the analyst has gone through the check: for each
 * checked file, a decision on every warning that needs one — the tick for a 'confirm', the
 * 说明 the sample set's manifest gives for an 'explain' (what its clerks would write) — keyed by
 * the file's SHA-256 as the window keys them (src/ui/stores/imports.ts runCommit).
 */
function windowDecisions(check: ImportSummary, explained: Record<string, FileAck>): Record<string, FileAck> {
  const out: Record<string, FileAck> = {};
  for (const f of check.files) {
    if (!f.sha256) continue;
    const mine: FileAck = {};
    for (const w of f.warnings) {
      if (!w.ack) continue;
      const key = issueKey(w);
      const text = w.ack === 'confirm' ? CONFIRMED_TEXT : explained[f.file]?.[key];
      if (text) mine[key] = text;
    }
    if (Object.keys(mine).length > 0) out[f.sha256] = mine;
  }
  return out;
}

export async function measureCheckCommit(req: CheckCommitRequest): Promise<CheckCommitMeasured> {
  mkdirSync(req.outDir, { recursive: true });
  const dbPath = join(req.outDir, `check-commit-x${req.scale}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const ctx = openContext(dbPath);
  const pool = new ParsePool({ workerUrl: new URL(req.workerUrl) });
  ctx.parsePool = pool;
  try {
    await pool.warm();
    sampleInstitutions(ctx.db, req.scale);
    const h = createHandlers(ctx);
    const manifest = join(req.sampleDir, 'manifest.json');
    const receivedDates = receivedDatesFrom(manifest);
    const args = { paths: [req.sampleDir], receivedDates };
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const c0 = cpu();
    const t0 = performance.now();
    const check = await h['import.files']({ ...args, dryRun: true }, {});
    const t1 = performance.now();
    const c1 = cpu();
    if (!check.ok) throw new Error(check.error.message);
    global.gc?.();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
    const kept = { files: ctx.checked?.stats.files ?? 0, estimatedMb: (ctx.checked?.stats.bytes ?? 0) / 1048576, heapGrowthMb };
    const explained = acksFrom(manifest);
    const commit = await h['import.files']({ ...args, dryRun: false, acks: windowDecisions(check.value, explained) }, {});
    const t2 = performance.now();
    const c2 = cpu();
    if (!commit.ok) throw new Error(commit.error.message);
    // The check reads the batch's earlier quarters as the commit will (import/pending.ts), so
    // the commit holds only a file whose decision was left out or that changed on disk since
    // the check: the window then says 「确认后重新检查并提交」, and the analyst checks the held
    // files again, decides on each warning and commits them (none in the sample set).
    const heldPaths = commit.value.files.filter((f) => f.status === 'held').map((f) => f.path);
    let confirm: CheckCommitMeasured['confirm'] = { files: 0, warnings: 0, seconds: 0, cpuSeconds: 0, accepted: 0, held: 0 };
    if (heldPaths.length > 0) {
      const again = { paths: heldPaths, receivedDates };
      const recheck = await h['import.files']({ ...again, dryRun: true }, {});
      if (!recheck.ok) throw new Error(recheck.error.message);
      const acks = windowDecisions(recheck.value, explained);
      const done = await h['import.files']({ ...again, dryRun: false, acks }, {});
      if (!done.ok) throw new Error(done.error.message);
      const warnings = Object.values(acks).reduce((n, a) => n + Object.keys(a).length, 0);
      confirm = { files: heldPaths.length, warnings, seconds: (performance.now() - t2) / 1000, cpuSeconds: cpu() - c2, accepted: done.value.accepted, held: done.value.held };
    }
    const t3 = performance.now();
    await req.then?.(h, ctx);
    return {
      files: commit.value.files.length,
      checkSeconds: (t1 - t0) / 1000,
      commitSeconds: (t2 - t1) / 1000,
      totalSeconds: (t3 - t0) / 1000,
      checkCpuSeconds: c1 - c0,
      commitCpuSeconds: c2 - c1,
      accepted: commit.value.accepted,
      held: commit.value.held,
      rejected: commit.value.rejected,
      confirm,
      reparsed: commit.value.files.length - commit.value.reused,
      kept,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await pool.close();
    closeContext(ctx);
  }
}

if (/check-commit-measure\.ts$/.test(process.argv[1] ?? '')) {
  const scale = scaleArg();
  const sampleDir = await standaloneSample(scale);
  const { buildApp } = await import('../helpers/electronBuild');
  buildApp(join(BENCH_OUT, 'app'), 'main');
  const workerUrl = pathToFileURL(join(BENCH_OUT, 'app', 'main', 'parseWorker.cjs')).href;
  process.stdout.write(`${JSON.stringify(await measureCheckCommit({ scale, sampleDir, outDir: BENCH_OUT, workerUrl }), null, 2)}\n`);
}
