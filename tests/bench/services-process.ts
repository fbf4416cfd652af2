/**
 * The desktop app's services process as the bench measures it: the BUILT utility-process
 * bundle (electron-vite's out/main/services.cjs, with parseWorker.cjs beside it — the code
 * the app's utilityProcess.fork runs, not the TypeScript sources under tsx) started under
 * plain Node with services-shim.cjs standing in for Electron's parentPort, the parse
 * workers started with the services as the app starts them. The bench process plays the
 * window: it sends calls and waits for their results, and asks the shim what the services
 * process used (CPU of all its threads, peak RSS).
 *
 * What differs from the app: the runtime is this Node (20) instead of Electron's, and the
 * better-sqlite3 binary is Node's build, put where the development app finds its Electron
 * copy (electron/utility/native-binding.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromService, ToService } from '../../electron/shared/messages';
import { DEV_BINDING_PARTS } from '../../electron/utility/native-binding';
import type { Result } from '../../src/domain/result';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the services process used since the previous usage() (services-shim.cjs). */
export interface ServicesUsage {
  cpuSeconds: number;
  /** The kernel's peak RSS of the process over its whole life (MB). */
  maxRssMb: number;
  /** The largest RSS the shim's 50 ms sampler saw in this stretch, and what made it up then (MB). */
  peak: { rssMb: number; heapMb: number; heapUsedMb: number; arrayBuffersMb: number };
}

type Reply = FromService | ({ type: 'usage' } & ServicesUsage);

export class ServicesProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>();
  private usageWaiter: ((u: ServicesUsage) => void) | null = null;
  private exited: string | null = null;
  readonly ready: Promise<void>;

  /**
   * appOut: the folder buildApp(…, 'main') built into (it holds main/services.cjs); nodeArgs:
   * more options for the services' Node (a profile: --cpu-prof, --trace-gc).
   */
  constructor(appOut: string, dbPath: string, nodeArgs: string[] = []) {
    const appRoot = join(appOut, 'root');
    const binding = join(appRoot, ...DEV_BINDING_PARTS);
    if (!existsSync(binding)) {
      rmSync(appRoot, { recursive: true, force: true });
      mkdirSync(dirname(binding), { recursive: true });
      symlinkSync(join(REPO, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
    }
    this.child = fork(join(appOut, 'main', 'services.cjs'), [], {
      execArgv: [...nodeArgs, '--require', join(REPO, 'tests', 'bench', 'services-shim.cjs')],
      env: { ...process.env, RFM_DB_PATH: dbPath, RFM_APP_ROOT: appRoot, RFM_RESOURCES: join(REPO, 'resources'), RFM_SQLITE_BINDING: '', TZ: process.env['TZ'] ?? 'Asia/Shanghai' },
      // Electron's parentPort carries structured clones, as 'advanced' does.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.child.on('message', (m: Reply) => {
        if (m.type === 'ready') resolveReady();
        else if (m.type === 'failed') rejectReady(new Error(m.error.message));
        else if (m.type === 'result') {
          this.waiting.get(m.id)?.(m.result);
          this.waiting.delete(m.id);
        } else if (m.type === 'usage') {
          this.usageWaiter?.(m);
          this.usageWaiter = null;
        }
      });
      this.child.on('exit', (code, signal) => {
        this.exited = `services process exited (${code ?? signal ?? '?'})`;
        rejectReady(new Error(this.exited));
        for (const w of this.waiting.values()) w({ ok: false, error: { code: 'E_INTERNAL', message: this.exited } });
        this.waiting.clear();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  call<T>(method: string, args: unknown): Promise<Result<T>> {
    if (this.exited) return Promise.resolve({ ok: false, error: { code: 'E_INTERNAL', message: this.exited } });
    const id = this.nextId++;
    return new Promise((r) => {
      this.waiting.set(id, r as (x: Result<unknown>) => void);
      this.child.send({ type: 'call', id, method, args } satisfies ToService);
    });
  }

  /** A call that must succeed (the bench's flow stops on a failure). */
  async must<T>(method: string, args: unknown): Promise<T> {
    const r = await this.call<T>(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  }

  usage(): Promise<ServicesUsage> {
    return new Promise((r) => {
      this.usageWaiter = r;
      this.child.send({ type: 'usage' });
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill();
    await gone;
  }
}
