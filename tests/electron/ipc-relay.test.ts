/**
 * The IPC path of the desktop shell, end to end without Electron: the handler
 * behind ipcMain.handle → validation → the relay → a stand-in utility process
 * running the REAL handler table over a real SQLite file, and back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { HandlerTable } from '../../src/api/contract';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { wrap } from '../../src/services/api/wrap';
import { ServiceRelay } from '../../electron/main/service-relay';
import { createCallHandler, type ShellHandlers } from '../../electron/main/ipc-calls';
import { createShellHandlers, type NativeDialogs } from '../../electron/main/shell-dialogs';
import { isAppPage } from '../../electron/main/app-origin';
import { MAX_ARGS_BYTES } from '../../electron/main/validate';
import { argumentProblem } from '../../src/api/schemas';
import { fakeInvokeEvent, inProcessService, NO_PRINTER, scratchDir } from './support';

const CHINESE = /[\u4e00-\u9fff]/;

let ctx: ServiceContext;
let handlers: HandlerTable;
const scratch = scratchDir('ipc');

/** The real table plus one slow, cancellable method that reports progress (the import helper's calls behave so). */
function tableWithSlowCall(): HandlerTable {
  const slow = wrap<'app.info'>(async (_args, call) => {
    for (let i = 1; i <= 1000; i++) {
      call.onProgress?.({ stage: '测试', done: i, total: 1000 });
      await new Promise((r) => setTimeout(r, 5));
      if (call.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    }
    throw new Error('the slow call was not cancelled');
  });
  return { ...handlers, 'test.slow': slow } as unknown as HandlerTable;
}

const noDialogs: ShellHandlers = createShellHandlers({
  open: async () => ({ canceled: true, filePaths: [] }),
  save: async () => ({ canceled: true }),
  showItemInFolder: () => undefined,
  ...NO_PRINTER,
  defaultDir: () => '/home/analyst/Documents',
});

function setup(table: () => HandlerTable = () => handlers, shell: ShellHandlers = noDialogs) {
  const started: ReturnType<typeof inProcessService>[] = [];
  const relay = new ServiceRelay(() => {
    const s = inProcessService(table);
    started.push(s);
    return s;
  });
  // test.slow is this file's own method, outside the contract's schema table.
  const checkArgs = (method: string, args: unknown) => (method === 'test.slow' ? null : argumentProblem(method, args));
  const handle = createCallHandler({ relay, shell, isTrustedSender: (url) => isAppPage(url, null), argumentProblem: checkArgs });
  return { relay, handle, started };
}

beforeAll(() => {
  ctx = openContext(join(scratch.dir, 'rfm.sqlite'));
  handlers = createHandlers(ctx);
});
afterAll(() => {
  closeContext(ctx);
  scratch.cleanup();
});

describe('IPC relay over the real handler table', () => {
  it('returns the handler table’s Results unchanged', async () => {
    const { handle } = setup();
    for (const [method, args] of [
      ['registry.regions', {}],
      ['registry.institutions', { region: 'ankang' }],
      ['app.info', {}],
      ['catalogue.fields', { region: 'bishan' }],
      ['registry.institutions', { region: '不存在的地区' }],
    ] as const) {
      const direct = await (handlers[method] as (a: unknown, c: object) => Promise<unknown>)(args, {});
      const relayed = await handle(fakeInvokeEvent(), { kind: 'call', callId: `t-${method.replace('.', '_')}`, method, args });
      expect(relayed).toEqual(direct);
    }
    const regions = await handle(fakeInvokeEvent(), { kind: 'call', callId: 'r', method: 'registry.regions', args: {} });
    expect(regions.ok && (regions.value as Array<{ code: string }>).map((r) => r.code).sort()).toEqual(['ankang', 'bishan']);
    const bad = await handle(fakeInvokeEvent(), { kind: 'call', callId: 'b', method: 'registry.institutions', args: { region: '不存在的地区' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('E_REGION_UNKNOWN');
  });

  it('learns the method list from the utility process: exactly the handler table', async () => {
    const { relay } = setup();
    const known = await relay.methods();
    expect('methods' in known && [...known.methods].sort()).toEqual(Object.keys(handlers).sort());
  });

  it('refuses unknown methods and bad arguments with a Chinese AppError, before relaying', async () => {
    const { handle, started } = setup();
    const ev = fakeInvokeEvent();
    const cases: Array<[unknown, string]> = [
      [{ kind: 'call', callId: 'a', method: 'fs.readFile', args: {} }, 'E_IPC_METHOD'],
      [{ kind: 'call', callId: 'a', method: 'constructor', args: {} }, 'E_IPC_REQUEST'],
      [{ kind: 'call', callId: 'a', method: '__proto__.x', args: {} }, 'E_IPC_REQUEST'],
      [{ kind: 'call', callId: 'a', method: 42, args: {} }, 'E_IPC_REQUEST'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: [] }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: 'x' }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: null }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: { when: new Date() } }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: { n: Number.NaN } }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: JSON.parse('{"__proto__":{"polluted":true}}') as unknown }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: { big: 'x'.repeat(MAX_ARGS_BYTES) } }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: 'a', method: 'registry.regions', args: deep(40) }, 'E_IPC_INVALID'],
      [{ kind: 'call', callId: '../../x', method: 'registry.regions', args: {} }, 'E_IPC_REQUEST'],
      [{ kind: 'call', method: 'registry.regions', args: {} }, 'E_IPC_REQUEST'],
      [{ kind: 'open', callId: 'a' }, 'E_IPC_REQUEST'],
      ['registry.regions', 'E_IPC_REQUEST'],
    ];
    for (const [raw, code] of cases) {
      const r = await handle(ev, raw);
      expect(r.ok, JSON.stringify(raw)?.slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(CHINESE);
      }
    }
    // Nothing refused ever reached the utility process.
    expect(started.flatMap((s) => s.received)).toEqual([]);
  });

  it('refuses calls from pages that are not the app’s own', async () => {
    const { handle, started } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', '']) {
      const r = await handle(fakeInvokeEvent(url), { kind: 'call', callId: 'a', method: 'registry.regions', args: {} });
      expect(r).toMatchObject({ ok: false, error: { code: 'E_IPC_SENDER' } });
    }
    expect(started).toHaveLength(0);
  });

  it('relays progress to the calling page under its call id, and cancels', async () => {
    const { handle, started } = setup(tableWithSlowCall);
    const ev = fakeInvokeEvent();
    const running = handle(ev, { kind: 'call', callId: 'slow-1', method: 'test.slow', args: {} });
    await expect.poll(() => ev.sent.length, { timeout: 5000 }).toBeGreaterThan(2);
    // A second call under the same id while the first runs is refused.
    const dup = await handle(ev, { kind: 'call', callId: 'slow-1', method: 'app.info', args: {} });
    expect(dup).toMatchObject({ ok: false, error: { code: 'E_IPC_BUSY' } });
    expect(await handle(ev, { kind: 'cancel', callId: 'slow-1' })).toEqual({ ok: true, value: true });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'E_CANCELLED' } });
    expect(ev.sent[0]).toEqual({ kind: 'progress', callId: 'slow-1', progress: { stage: '测试', done: 1, total: 1000 } });
    expect(ev.sent.every((e) => e.kind === 'progress' && e.callId === 'slow-1')).toBe(true);
    expect(started[0]?.received.some((m) => m.type === 'cancel')).toBe(true);
    // Cancelling a call that is not running is harmless.
    expect(await handle(ev, { kind: 'cancel', callId: 'slow-1' })).toEqual({ ok: true, value: false });
  });

  it('answers calls in flight when the utility process dies, and starts a new one for the next call', async () => {
    const { handle, started } = setup(tableWithSlowCall);
    const ev = fakeInvokeEvent();
    const running = handle(ev, { kind: 'call', callId: 'dies', method: 'test.slow', args: {} });
    await expect.poll(() => ev.sent.length, { timeout: 5000 }).toBeGreaterThan(0);
    started[0]?.exit(9);
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'E_SERVICE_EXITED' } });
    if (!r.ok) expect(r.error.message).toMatch(CHINESE);
    const again = await handle(ev, { kind: 'call', callId: 'after', method: 'registry.regions', args: {} });
    expect(again.ok).toBe(true);
    expect(started).toHaveLength(2);
  });

  it('gives every call the utility process’s own error when the database cannot be opened', async () => {
    const error = { code: 'E_DB_CORRUPT', message: '「rfm.sqlite」不是有效的数据库文件或已损坏。请从备份恢复。' };
    const { handle } = setup(() => ({ type: 'failed', error }) as unknown as HandlerTable);
    const r = await handle(fakeInvokeEvent(), { kind: 'call', callId: 'x', method: 'registry.regions', args: {} });
    expect(r).toEqual({ ok: false, error });
  });
});

describe('shell methods (native dialogs)', () => {
  function recordingDialogs(): NativeDialogs & { opened: unknown[]; saved: unknown[]; shown: string[] } {
    const opened: unknown[] = [];
    const saved: unknown[] = [];
    const shown: string[] = [];
    return {
      opened,
      saved,
      shown,
      open: async (_e, req) => {
        opened.push(req);
        return { canceled: false, filePaths: req.properties.includes('openDirectory') ? ['/data/2025Q3'] : ['/data/a.xlsx', '/data/b.xls'] };
      },
      save: async (_e, req) => {
        saved.push(req);
        return { canceled: false, filePath: req.defaultPath };
      },
      showItemInFolder: (p) => void shown.push(p),
      ...NO_PRINTER,
      defaultDir: () => '/home/analyst/Documents',
    };
  }

  it('answers dialogs in main, never relaying them, and keeps the page to a file name', async () => {
    const native = recordingDialogs();
    const { handle, started } = setup(undefined, createShellHandlers(native));
    const ev = fakeInvokeEvent();
    const files = await handle(ev, { kind: 'call', callId: 'f', method: 'shell.chooseFiles', args: { filters: [{ name: '报表', extensions: ['xlsx', 'xls'] }] } });
    expect(files).toEqual({ ok: true, value: ['/data/a.xlsx', '/data/b.xls'] });
    expect(await handle(ev, { kind: 'call', callId: 'd', method: 'shell.chooseFolder', args: {} })).toEqual({ ok: true, value: '/data/2025Q3' });
    const save = await handle(ev, { kind: 'call', callId: 's', method: 'shell.chooseSavePath', args: { defaultName: '../../../etc/cron.d/x.xlsx' } });
    expect(save).toEqual({ ok: true, value: join('/home/analyst/Documents', 'x.xlsx') });
    const shown = await handle(ev, { kind: 'call', callId: 'w', method: 'shell.showInFolder', args: { path: scratch.dir } });
    expect(shown).toEqual({ ok: true, value: true });
    expect(native.shown).toEqual([scratch.dir]);
    expect(started).toHaveLength(0);
  });

  it('refuses malformed dialog arguments', async () => {
    const native = recordingDialogs();
    const { handle } = setup(undefined, createShellHandlers(native));
    const ev = fakeInvokeEvent();
    for (const [method, args] of [
      ['shell.chooseFiles', { filters: [{ name: 'x', extensions: ['../sh'] }] }],
      ['shell.chooseFiles', { multiple: 'yes' }],
      ['shell.chooseFolder', { title: 'x'.repeat(500) }],
      ['shell.chooseSavePath', {}],
      ['shell.showInFolder', { path: 'relative/file.xlsx' }],
    ] as const) {
      const r = await handle(ev, { kind: 'call', callId: 'm', method, args });
      expect(r, method).toMatchObject({ ok: false, error: { code: 'E_IPC_INVALID' } });
      if (!r.ok) expect(r.error.message).toMatch(CHINESE);
    }
    expect(native.opened).toEqual([]);
    expect(native.saved).toEqual([]);
  });
});

function deep(n: number): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) v = { v };
  return v;
}
