/**
 * The import as the window runs it: 检查报表 (a dry run) then 提交导入 (the commit), as calls
 * to the desktop app's services process — the built bundle, its parse workers started with it
 * (services-process.ts) — on the sample set with its arrival dates, then the held files
 * checked again and committed with the window's decisions. Measures each step's wall time,
 * the services process's CPU and peak RSS, and how many files the commit parsed again.
 * For the bench table (tests/bench, the eng engineer's): call measureCheckCommit, or run
 *
 *   npx tsx tests/bench/check-commit-measure.ts [SCALE] [--reuse]
 *
 * which builds the app's services and parse worker, generates the sample set into bench-out/
 * (--reuse: keeps one already there) and prints the figures as JSON.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_OUT, scaleArg, standaloneSample } from './standalone';
import { ServicesProcess, type ServicesUsage } from './services-process';
import { openDatabase, type DB } from '../../src/services/db/database';
import { acksFrom, receivedDatesFrom } from '../../src/cli/commands/import';
import type { FileAck, ImportSummary } from '../../src/api/types';
import { CONFIRMED_TEXT, issueKey } from '../../src/domain/import/issueKey';
import { sampleInstitutions } from '../../src/services/template/syntheticInstitutions';
import { buildApp } from '../helpers/electronBuild';

export interface CheckCommitRequest {
  scale: number;
  sampleDir: string;
  outDir: string;
  /** The folder buildApp(…, 'main') built the services and the parse worker into. */
  appOut: string;
  /** What the analyst does next in the same services process (the pages opened after the import); db: a read-only connection of the window's side. */
  then?: (svc: ServicesProcess, db: DB) => Promise<void>;
}

/** Peak RSS of one step and what made it up at its largest sample (MB; services-shim.cjs). */
export interface StepMemory {
  peakRssMb: number;
  heapMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
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
  reparsed: number;
  /** The services process once started, its parse workers ready, before the import. */
  startedMb: number;
  memory: { check: StepMemory; commit: StepMemory; confirm: StepMemory };
  /** Peak resident set size of the services process over the import (MB, the kernel's figure). */
  peakRssMb: number;
}

const stepMemory = (u: ServicesUsage): StepMemory => ({ peakRssMb: u.peak.rssMb, heapMb: u.peak.heapMb, heapUsedMb: u.peak.heapUsedMb, arrayBuffersMb: u.peak.arrayBuffersMb });

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
  // The sample set's synthetic banks are registered before the app opens (sample --scale does it).
  const setup = openDatabase(dbPath);
  try {
    sampleInstitutions(setup, req.scale);
  } finally {
    setup.close();
  }
  const svc = new ServicesProcess(req.appOut, dbPath);
  try {
    await svc.ready;
    // The app starts its parse workers with the services (each loads SheetJS): an analyst's
    // first import comes seconds later, so the flow starts once they are up.
    await new Promise((r) => setTimeout(r, 2000));
    const started = await svc.usage();
    const manifest = join(req.sampleDir, 'manifest.json');
    const receivedDates = receivedDatesFrom(manifest);
    const args = { paths: [req.sampleDir], receivedDates };
    const t0 = performance.now();
    const check = await svc.must<ImportSummary>('import.files', { ...args, dryRun: true });
    const t1 = performance.now();
    const checked = await svc.usage();
    const explained = acksFrom(manifest);
    const commit = await svc.must<ImportSummary>('import.files', { ...args, dryRun: false, acks: windowDecisions(check, explained) });
    const t2 = performance.now();
    const committed = await svc.usage();
    // The check reads the batch's earlier quarters as the commit will (import/pending.ts), so
    // the commit holds only a file whose decision was left out or that changed on disk since
    // the check: the window then says 「确认后重新检查并提交」, and the analyst checks the held
    // files again, decides on each warning and commits them (none in the sample set).
    const heldPaths = commit.files.filter((f) => f.status === 'held').map((f) => f.path);
    let confirm: CheckCommitMeasured['confirm'] = { files: 0, warnings: 0, seconds: 0, cpuSeconds: 0, accepted: 0, held: 0 };
    if (heldPaths.length > 0) {
      const again = { paths: heldPaths, receivedDates };
      const recheck = await svc.must<ImportSummary>('import.files', { ...again, dryRun: true });
      const acks = windowDecisions(recheck, explained);
      const done = await svc.must<ImportSummary>('import.files', { ...again, dryRun: false, acks });
      const warnings = Object.values(acks).reduce((n, a) => n + Object.keys(a).length, 0);
      confirm = { files: heldPaths.length, warnings, seconds: (performance.now() - t2) / 1000, cpuSeconds: 0, accepted: done.accepted, held: done.held };
    }
    const t3 = performance.now();
    const confirmed = await svc.usage();
    confirm.cpuSeconds = confirmed.cpuSeconds;
    if (req.then) {
      const db = openDatabase(dbPath, { readonly: true });
      try {
        await req.then(svc, db);
      } finally {
        db.close();
      }
    }
    return {
      files: commit.files.length,
      checkSeconds: (t1 - t0) / 1000,
      commitSeconds: (t2 - t1) / 1000,
      totalSeconds: (t3 - t0) / 1000,
      checkCpuSeconds: checked.cpuSeconds,
      commitCpuSeconds: committed.cpuSeconds,
      accepted: commit.accepted,
      held: commit.held,
      rejected: commit.rejected,
      confirm,
      reparsed: commit.files.length - commit.reused,
      startedMb: started.peak.rssMb,
      memory: { check: stepMemory(checked), commit: stepMemory(committed), confirm: stepMemory(confirmed) },
      peakRssMb: confirmed.maxRssMb,
    };
  } finally {
    await svc.stop();
  }
}

if (/check-commit-measure\.ts$/.test(process.argv[1] ?? '')) {
  const scale = scaleArg();
  const sampleDir = await standaloneSample(scale);
  const appOut = join(BENCH_OUT, 'app');
  buildApp(appOut, 'main');
  process.stdout.write(`${JSON.stringify(await measureCheckCommit({ scale, sampleDir, outDir: BENCH_OUT, appOut }), null, 2)}\n`);
}
