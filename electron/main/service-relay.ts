/**
 * The main process's side of the services: it starts the utility process
 * (lazily, and again after a crash), learns the handler table's method names
 * from its "ready" message, and relays calls, progress and cancellations by
 * numeric call id. It never interprets a Result: what the services answer is
 * what the renderer gets.
 */
import type { Progress } from '../../src/api/types';
import { appErrorOf, type AppError, type Result } from '../../src/domain/result';
import type { FromService, ToService } from '../shared/messages';

/** A running utility process, seen through the few things the relay needs. */
export interface ServiceProcess {
  postMessage(message: ToService): void;
  onMessage(listener: (message: FromService) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

interface Pending {
  resolve: (result: Result<unknown>) => void;
  onProgress: ((p: Progress) => void) | undefined;
}

interface Running {
  process: ServiceProcess;
  ready: Promise<{ methods: ReadonlySet<string> } | { error: AppError }>;
}

const exitedError = (code: number): AppError => appErrorOf('E_SERVICE_EXITED', { code });

export class ServiceRelay {
  private running: Running | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly start: () => ServiceProcess) {}

  private ensureRunning(): Running {
    if (this.running) return this.running;
    const process = this.start();
    let settle!: (v: { methods: ReadonlySet<string> } | { error: AppError }) => void;
    const ready = new Promise<{ methods: ReadonlySet<string> } | { error: AppError }>((r) => (settle = r));
    const running: Running = { process, ready };
    process.onMessage((m) => {
      switch (m.type) {
        case 'ready':
          settle({ methods: new Set(m.methods) });
          break;
        case 'failed':
          settle({ error: m.error });
          break;
        case 'progress':
          this.pending.get(m.id)?.onProgress?.(m.progress);
          break;
        case 'result': {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve(m.result);
          break;
        }
      }
    });
    process.onExit((code) => {
      if (this.running === running) this.running = null;
      settle({ error: exitedError(code) });
      // Calls in flight can no longer be answered: tell each caller now rather than leave it hanging.
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.resolve({ ok: false, error: exitedError(code) });
      }
    });
    this.running = running;
    return running;
  }

  /** The service table's method names, once the utility process has opened the database (or why it could not). */
  async methods(): Promise<{ methods: ReadonlySet<string> } | { error: AppError }> {
    return this.ensureRunning().ready;
  }

  /** Relays one call; returns its id (for cancel) and the Result to come. */
  call(method: string, args: unknown, onProgress?: (p: Progress) => void): { id: number; result: Promise<Result<unknown>> } {
    const running = this.ensureRunning();
    const id = this.nextId++;
    const result = new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      void running.ready.then((r) => {
        if ('error' in r) {
          this.pending.delete(id);
          resolve({ ok: false, error: r.error });
        } else if (this.pending.has(id)) {
          running.process.postMessage({ type: 'call', id, method, args });
        }
      });
    });
    return { id, result };
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.running?.process.postMessage({ type: 'cancel', id });
  }

  stop(): void {
    this.running?.process.kill();
    this.running = null;
  }
}
