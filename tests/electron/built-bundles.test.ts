/**
 * Builds main, utility and preload with electron-vite (no Electron binary) and
 * runs the BUILT utility-process bundle under Node with a stand-in parentPort:
 * it must find the better-sqlite3 binary through the .native path (as in
 * development), open the database and answer calls from the real handler table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FromService, ToService } from '../../electron/shared/messages';
import { DEV_BINDING_PARTS } from '../../electron/utility/native-binding';
import { REPO, scratchDir } from './support';
import { buildApp } from '../helpers/electronBuild';
import { openDatabase } from '../../src/services/db/database';
import { writeReport } from '../import/fixtures';
import type { ImportSummary } from '../../src/api/types';

const scratch = scratchDir('build');
const out = join(scratch.dir, 'out');

beforeAll(() => {
  buildApp(out, 'main,preload');
}, 120_000);
afterAll(() => scratch.cleanup());

function runService(appRoot: string, dbPath = join(scratch.dir, `db-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`)): { messages: FromService[]; send(m: ToService): void; next(pred: (m: FromService) => boolean): Promise<FromService>; stop(): void } {
  const child = fork(join(out, 'main', 'services.cjs'), [], {
    execArgv: ['--require', join(REPO, 'tests', 'electron', 'parent-port-shim.cjs')],
    env: { ...process.env, RFM_DB_PATH: dbPath, RFM_APP_ROOT: appRoot, RFM_RESOURCES: join(REPO, 'resources'), RFM_SQLITE_BINDING: '' },
    stdio: 'pipe',
  });
  const messages: FromService[] = [];
  const waiters: Array<[(m: FromService) => boolean, (m: FromService) => void]> = [];
  child.on('message', (m) => {
    const msg = m as FromService;
    messages.push(msg);
    for (const w of [...waiters]) {
      if (!w[0](msg)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w[1](msg);
    }
  });
  return {
    messages,
    send: (m) => void child.send(m),
    next: (pred) => {
      const seen = messages.find(pred);
      return seen ? Promise.resolve(seen) : new Promise((r) => waiters.push([pred, r]));
    },
    stop: () => void child.kill(),
  };
}

describe('electron-vite build (main, utility, preload)', () => {
  it('emits CommonJS bundles; the preload is one file needing only electron (sandboxed preloads cannot load modules)', () => {
    for (const f of ['main/index.cjs', 'main/services.cjs', 'preload/index.cjs']) expect(existsSync(join(out, f)), f).toBe(true);
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    const main = readFileSync(join(out, 'main', 'index.cjs'), 'utf8');
    // Main never loads the database itself: that is the utility process's job.
    expect(main).not.toMatch(/require\(["']better-sqlite3["']\)/);
  });

  it('the built utility process serves the real handler table through the .native binding', async () => {
    const appRoot = join(scratch.dir, 'app');
    const binding = join(appRoot, ...DEV_BINDING_PARTS);
    mkdirSync(join(binding, '..'), { recursive: true });
    // Under Node the "Electron" copy is Node's own build: what matters here is that the path is the one used.
    symlinkSync(join(REPO, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
    const dbPath = join(scratch.dir, 'shared.sqlite');
    const svc = runService(appRoot, dbPath);
    try {
      const ready = await svc.next((m) => m.type === 'ready' || m.type === 'failed');
      expect(ready.type).toBe('ready');
      if (ready.type === 'ready') expect(ready.methods).toContain('registry.regions');
      svc.send({ type: 'call', id: 7, method: 'registry.regions', args: {} });
      const r = await svc.next((m) => m.type === 'result' && m.id === 7);
      expect(r.type === 'result' && r.result.ok && (r.result.value as Array<{ code: string }>).map((x) => x.code).sort()).toEqual(['ankang', 'bishan']);
      // A second desktop instance on the same database is refused while the first runs.
      const second = runService(appRoot, dbPath);
      try {
        const m = await second.next((x) => x.type === 'ready' || x.type === 'failed');
        expect(m).toMatchObject({ type: 'failed', error: { code: 'E_DB_IN_USE' } });
      } finally {
        second.stop();
      }
    } finally {
      svc.stop();
    }
  });

  it('the built services import reports with the parse workers built beside them, started with the services', async () => {
    const appRoot = join(scratch.dir, 'app-import');
    const binding = join(appRoot, ...DEV_BINDING_PARTS);
    mkdirSync(join(binding, '..'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
    // An .xlsx and an .xls (the one format that makes the worker load SheetJS's code pages on demand).
    const files = join(scratch.dir, 'reports');
    const writer = openDatabase(join(scratch.dir, 'writer.sqlite'));
    const paths = [
      writeReport(writer, { institution: 'AK-ABC', quarter: '2025Q2' }, join(files, 'abc.xlsx')),
      writeReport(writer, { institution: 'AK-ICBC', quarter: '2025Q2' }, join(files, 'icbc.xls'), 'xls'),
    ];
    writer.close();
    expect(existsSync(join(out, 'main', 'parseWorker.cjs'))).toBe(true);
    const svc = runService(appRoot);
    try {
      const ready = await svc.next((m) => m.type === 'ready' || m.type === 'failed');
      expect(ready.type).toBe('ready');
      svc.send({ type: 'call', id: 9, method: 'import.files', args: { paths, receivedDate: '2025-07-03' } });
      const r = await svc.next((m) => m.type === 'result' && m.id === 9);
      if (r.type !== 'result' || !r.result.ok) throw new Error(`import failed: ${JSON.stringify(r)}`);
      const summary = r.result.value as ImportSummary;
      expect(summary.files.map((f) => [f.format, f.status])).toEqual([
        ['xlsx', 'accepted'],
        ['xls', 'accepted'],
      ]);
      // Parsed by the workers, not in-process as a fallback.
      expect(summary.files.flatMap((f) => f.notes).filter((n) => n.code === 'N_IN_PROCESS')).toEqual([]);
    } finally {
      svc.stop();
    }
  });

  it('really loads the binary at that path (a broken one there fails to open)', async () => {
    const appRoot = join(scratch.dir, 'broken');
    const binding = join(appRoot, ...DEV_BINDING_PARTS);
    mkdirSync(join(binding, '..'), { recursive: true });
    writeFileSync(binding, 'not a shared object');
    const svc = runService(appRoot);
    try {
      const m = await svc.next((x) => x.type === 'ready' || x.type === 'failed');
      expect(m).toMatchObject({ type: 'failed', error: { code: 'E_DB_OPEN' } });
    } finally {
      svc.stop();
    }
  });

  it('says in Chinese what to do when the Electron build of better-sqlite3 is missing', async () => {
    const svc = runService(join(scratch.dir, 'no-native'));
    try {
      const m = await svc.next((x) => x.type === 'ready' || x.type === 'failed');
      expect(m).toMatchObject({ type: 'failed', error: { code: 'E_NATIVE_MISSING' } });
      if (m.type === 'failed') expect(m.error.message).toMatch(/npm run rebuild:electron/);
    } finally {
      svc.stop();
    }
  });
});
