/**
 * A small pool (up to 2) of parse workers. Files are parsed in parallel while
 * the importer commits them one by one in order.
 *
 * Starting the worker: a built app ships parseWorker.cjs (electron-vite entry)
 * or parseWorker.js next to this module and starts it directly. Under tsx (npm run cli) and vitest the worker is the .ts
 * file, and `execArgv: ['--import', 'tsx']` does NOT work: tsx 4 registers its
 * loader only on the main thread, so the worker fails with "Unknown file
 * extension .ts". Instead a tiny bootstrap calls tsx's `register()` inside the
 * worker and then imports the .ts file (checked under both).
 *
 * Only when no worker can start at all (e.g. a bundle without the worker file)
 * does the pool fall back to parsing in-process; `mode` and `fallbackReason`
 * say so, and the import summary reports it.
 *
 * Why not piscina (issue 15, measured 2026-12-01 on this 2-core machine, piscina 5.3.2
 * with minThreads = maxThreads = 2 running the same compiled parser, the 1x sample set of
 * 342 files, runs alternated, median of 3): kept pool 11.61 s ours vs 10.59 s piscina
 * (runs 9.85/11.61/20.29 vs 9.99/10.59/24.04), one-shot 13.17 s vs 13.43 s — no
 * difference beyond the machine's noise. Piscina would still need what this pool does
 * by itself: a per-file time limit that stops the worker, AppErrors passed through
 * (piscina re-throws a plain Error), the in-process fallback, and idle workers that do
 * not keep a CLI run alive.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import type { WorkbookSnapshot } from '../../domain/import/workbook';
import { type AppError, AppFailure, failure } from '../../domain/result';
import { parseSnapshot, type ParseJob } from './snapshot';
import { unpackSnapshot } from './packed';
import { debugDetail } from '../db/storageErrors';

export interface ParsePoolOptions {
  /** Number of workers; default min(2, cores). */
  size?: number;
  /** A parse running longer than this is stopped and its file rejected. */
  timeoutMs?: number;
  /** Force in-process parsing (benchmarks of the bare pipeline). */
  inProcess?: boolean;
  /** Start this worker file instead of the one beside this module (packagers that move it). */
  workerUrl?: URL;
}

/** A parsed file: the snapshot, and the packed bytes it came in when a worker parsed it (packed.ts). */
export interface Parsed {
  snapshot: WorkbookSnapshot;
  packed: Uint8Array | null;
}

interface Pending {
  id: number;
  job: ParseJob;
  resolve: (p: Parsed) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** Jobs posted to this worker, oldest (the one being parsed) first. */
  inFlight: Pending[];
  timer: NodeJS.Timeout | null;
}

/**
 * Jobs posted to one worker at a time: the next file waits in the worker's own
 * message queue, so the worker starts it the moment it finishes the current one
 * instead of waiting for the main thread (busy checking and committing) to hand it over.
 */
const PER_WORKER = 2;

type Reply = { ready: true } | { id: number; ok: true; packed: Uint8Array } | { id: number; ok: false; message: string; error?: AppError };

const DEFAULT_TIMEOUT_MS = 120_000;

function startWorker(override: URL | undefined): Worker {
  const here = import.meta.url;
  // A young generation of 16 MB instead of V8's 48: SheetJS's garbage dies young either way, and
  // each worker's heap peaked at 74–79 MB instead of 45–54 over 400 reports for the same CPU
  // (measured 2026-12-01; 12 MB cost 14% more CPU in scavenges).
  const opts = { resourceLimits: { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 16 } };
  if (override) return new Worker(override, opts);
  if (here.endsWith('.ts')) {
    const req = createRequire(here);
    // tsx's ESM API entry (its package "exports" map offers require() the .cjs twin).
    const api = pathToFileURL(req.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const file = new URL('./parseWorker.ts', here).href;
    const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); });`;
    return new Worker(boot, { ...opts, eval: true });
  }
  // Built: the worker is an entry of its own beside this bundle (electron.vite.config.ts: parseWorker.cjs).
  return new Worker(new URL(here.endsWith('.cjs') ? './parseWorker.cjs' : './parseWorker.js', here), opts);
}

/** A file the parser could not read; the parser's own (English) reason is for a developer only. */
function unreadable(detail: string): AppFailure {
  debugDetail('E_PARSE', detail);
  return failure('E_PARSE', {});
}

async function parseInProcess(job: ParseJob): Promise<Parsed> {
  return { snapshot: await parseSnapshot(job), packed: null };
}

export class ParsePool {
  mode: 'worker' | 'in-process';
  fallbackReason: string | null = null;
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly workerUrl: URL | undefined;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** Workers started over the pool's life (a kept pool starts them once). */
  spawned = 0;
  private startFailures = 0;
  private closed = false;

  constructor(opts: ParsePoolOptions = {}) {
    this.size = Math.max(1, Math.min(opts.size ?? 2, availableParallelism()));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.mode = opts.inProcess ? 'in-process' : 'worker';
    this.workerUrl = opts.workerUrl;
  }

  get workers(): number {
    return this.mode === 'worker' ? this.size : 0;
  }

  /** How many parses can usefully be under way at once (the importer schedules this far ahead). */
  get capacity(): number {
    return this.workers * PER_WORKER;
  }

  parse(job: ParseJob): Promise<Parsed> {
    if (this.closed) return Promise.reject(new Error('parse pool closed'));
    if (this.mode === 'in-process') return parseInProcess(job);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts every worker now (each loads SheetJS, ~0.2 s of CPU), so that a pool kept for
   * the life of the services (the desktop app's, see ServiceContext.parsePool) is ready
   * before the analyst's first import. Resolves when they are ready or have failed to start
   * (then imports fall back to parsing in-process, as they would anyway).
   */
  async warm(): Promise<void> {
    if (this.closed || this.mode === 'in-process') return;
    while (this.slots.length < this.size) this.spawn();
    await Promise.allSettled(this.slots.map((s) => s.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(this.workerUrl);
    this.spawned++;
    let started = false;
    const slot: Slot = {
      worker,
      inFlight: [],
      timer: null,
      ready: new Promise<void>((resolve, reject) => {
        worker.once('error', (e: Error) => {
          if (!started) reject(e);
        });
        worker.on('message', (m: Reply) => {
          if ('ready' in m) {
            started = true;
            resolve();
          } else this.finish(slot, m);
        });
      }),
    };
    worker.on('error', (e: Error) => {
      if (started) this.crash(slot, e.message);
    });
    worker.on('exit', (code) => {
      if (started && slot.inFlight.length > 0) this.crash(slot, `exit code ${code}`);
    });
    this.slots.push(slot);
    slot.ready.then(
      () => {
        this.pump();
        // An idle worker does not keep the process alive (a kept pool must not hold a run open);
        // one still starting does, so that awaiting warm() or a parse cannot end the process.
        if (slot.inFlight.length === 0) worker.unref();
      },
      (e: unknown) => this.startFailed(slot, e),
    );
    return slot;
  }

  private startFailed(slot: Slot, e: unknown): void {
    this.remove(slot);
    this.startFailures++;
    if (this.mode === 'in-process' || (this.slots.length > 0 && this.startFailures < this.size)) return;
    // No worker could start: parse in-process from now on, and say why.
    this.mode = 'in-process';
    this.fallbackReason = e instanceof Error ? e.message : String(e);
    this.drainInProcess();
  }

  private drainInProcess(): void {
    for (const p of this.queue.splice(0)) parseInProcess(p.job).then(p.resolve, p.reject);
  }

  private remove(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  /** Stops a worker; the jobs queued behind the one it was parsing go back to the pool's queue. */
  private retire(slot: Slot): Pending | undefined {
    const [job, ...waiting] = slot.inFlight;
    slot.inFlight = [];
    this.remove(slot);
    void slot.worker.terminate();
    this.queue.unshift(...waiting);
    return job;
  }

  private crash(slot: Slot, why: string): void {
    const job = this.retire(slot);
    // The worker's own reason (an exit code, an English error) is for a developer only.
    debugDetail('E_PARSE_CRASH', why);
    job?.reject(failure('E_PARSE_CRASH', {}));
    this.pump();
  }

  private finish(slot: Slot, m: Exclude<Reply, { ready: true }>): void {
    const job = slot.inFlight[0];
    if (!job || job.id !== m.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.inFlight.shift();
    // The worker has moved on to the next posted job: its time limit starts now. Idle, it
    // no longer keeps the process alive.
    if (slot.inFlight.length > 0) this.startTimer(slot);
    else slot.worker.unref();
    if (m.ok) this.deliver(job, m.packed);
    else if (m.error) job.reject(AppFailure.of(m.error));
    else job.reject(unreadable(m.message));
    this.pump();
  }

  /** A worker's packed snapshot, unpacked for the caller (who may keep the packed bytes: checked.ts). */
  private deliver(job: Pending, packed: Uint8Array): void {
    let snapshot: WorkbookSnapshot;
    try {
      snapshot = unpackSnapshot(packed);
    } catch (e) {
      job.reject(unreadable(e instanceof Error ? e.message : String(e)));
      return;
    }
    job.resolve({ snapshot, packed });
  }

  private pump(): void {
    if (this.closed || this.mode === 'in-process') return;
    while (this.queue.length > 0) {
      // An idle worker first, then a new one, then a second job for a busy one.
      let slot = this.slots.find((s) => s.inFlight.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      slot ??= this.slots.find((s) => s.inFlight.length < PER_WORKER);
      if (!slot) return;
      const s = slot;
      const job = this.queue.shift();
      if (!job) return;
      s.inFlight.push(job);
      s.worker.ref();
      s.ready.then(
        () => {
          if (!s.inFlight.includes(job)) return;
          if (s.inFlight[0] === job) this.startTimer(s);
          // Transfer a private copy of the bytes: no copy on the way, the caller keeps its own.
          const bytes = job.job.bytes.slice();
          s.worker.postMessage({ id: job.id, job: { ...job.job, bytes } }, [bytes.buffer]);
        },
        () => {
          // The worker never started (startFailed has run): retry elsewhere or in-process.
          s.inFlight = s.inFlight.filter((p) => p !== job);
          this.queue.unshift(job);
          if (this.mode === 'in-process') this.drainInProcess();
          else this.pump();
        },
      );
    }
  }

  private startTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.timeout(slot), this.timeoutMs);
  }

  private timeout(slot: Slot): void {
    const job = this.retire(slot);
    job?.reject(failure('E_PARSE_TIMEOUT', { seconds: Math.round(this.timeoutMs / 1000) }));
    this.pump();
  }
}
