/**
 * §17, the desktop boundary: main relays to the services only paths that this
 * session's own dialogs produced, a drop onto the window, or the services' own
 * backup listing. A compromised page cannot make the services write
 * ~/.ssh/authorized_keys or read /etc/passwd; error messages never quote a
 * foreign file's content. Through the real call handler, relay and handler
 * table over a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerTable, Method } from '../../src/api/contract';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { ServiceRelay } from '../../electron/main/service-relay';
import { createCallHandler } from '../../electron/main/ipc-calls';
import { createShellHandlers } from '../../electron/main/shell-dialogs';
import { isAppPage } from '../../electron/main/app-origin';
import { PATH_ARGS, PathGrants } from '../../electron/main/path-grants';
import { writeReport } from '../import/fixtures';
import { fakeInvokeEvent, inProcessService, NO_PRINTER, scratchDir } from './support';

const scratch = scratchDir('grants');
let ctx: ServiceContext;
let handlers: HandlerTable;

beforeAll(() => {
  ctx = openContext(join(scratch.dir, 'data', 'rfm.sqlite'));
  handlers = createHandlers(ctx);
});
afterAll(() => {
  closeContext(ctx);
  scratch.cleanup();
});

/** A main process whose dialogs answer with `answers` (one per dialog call, in order). */
function session(answers: { open?: string[]; save?: string } []) {
  const queue = [...answers];
  const grants = new PathGrants();
  const shell = createShellHandlers(
    {
      open: async () => ({ canceled: false, filePaths: queue.shift()?.open ?? [] }),
      save: async () => {
        const p = queue.shift()?.save;
        return p ? { canceled: false, filePath: p } : { canceled: true };
      },
      showItemInFolder: () => undefined,
      ...NO_PRINTER,
      defaultDir: () => scratch.dir,
    },
    grants,
  );
  const relay = new ServiceRelay(() => inProcessService(() => handlers));
  const handle = createCallHandler({ relay, shell, grants, isTrustedSender: (url) => isAppPage(url, null) });
  let n = 0;
  const call = async (method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> =>
    (await handle(fakeInvokeEvent(), { kind: 'call', callId: `c${++n}`, method, args })) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const drop = (paths: string[]) => handle(fakeInvokeEvent(), { kind: 'dropped', callId: `d${++n}`, paths });
  return { call, drop };
}

const RECEIVED = '2025-10-08';

describe('paths from the renderer', () => {
  it('a page cannot make the services write where it likes, or read what it likes', async () => {
    const { call } = session([]);
    const keys = join(scratch.dir, 'home', '.ssh', 'authorized_keys');
    const attempts: [string, unknown][] = [
      ['assessment.exportScheme', { region: 'ankang', out: keys }],
      ['status.export', { quarter: '2025Q3', out: keys }],
      ['charts.pack', { quarter: '2025Q3', out: join(scratch.dir, 'home', '.ssh') }],
      ['template.generate', { blank: true, region: 'ankang', out: keys }],
      ['import.files', { paths: ['/etc/passwd'], dryRun: true }],
      ['assessment.importScheme', { path: '/etc/passwd' }],
      ['progress.importTargets', { path: '/etc/shadow' }],
      ['backup.restore', { file: '/etc/passwd' }],
      // A relative path is never one a dialog gave.
      ['status.export', { quarter: '2025Q3', out: 'authorized_keys' }],
    ];
    for (const [method, args] of attempts) {
      const r = await call(method, args);
      expect(r.ok, method).toBe(false);
      expect(r.error?.code, method).toBe('E_PATH_NOT_CHOSEN');
      expect(r.error?.message, method).toMatch(/不是在本次运行中通过选择文件对话框或拖放选定的位置，为安全起见，程序不会(写入|读取)它/u);
      // Only the name is told, not where on the disk it is.
      expect(r.error?.message, method).not.toContain(scratch.dir);
    }
    expect(existsSync(join(scratch.dir, 'home'))).toBe(false);
  });

  it('what the user chose works: a save dialog’s file, a folder’s contents (not beyond it), opened and dropped files', async () => {
    const out = join(scratch.dir, 'exports', '报送情况.xlsx');
    const folder = join(scratch.dir, 'charts');
    mkdirSync(folder, { recursive: true });
    const report = writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3' }, join(scratch.dir, 'in', 'a.xlsx'));
    const dropped = writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q3' }, join(scratch.dir, 'in', 'b.xlsx'));
    const { call, drop } = session([{ save: out }, { open: [folder] }, { open: [report] }]);

    expect((await call('shell.chooseSavePath', { defaultName: '报送情况.xlsx' })).value).toBe(out);
    expect((await call('status.export', { quarter: '2025Q3', out })).ok).toBe(true);
    expect(existsSync(out)).toBe(true);
    // The chosen file, not its neighbour.
    expect((await call('status.export', { quarter: '2025Q3', out: join(scratch.dir, 'exports', 'other.xlsx') })).error?.code).toBe('E_PATH_NOT_CHOSEN');

    expect((await call('shell.chooseFolder', {})).value).toBe(folder);
    const charts = (await call('charts.list', {})).value as { id: string }[];
    const id = charts[0]?.id ?? '';
    expect((await call('charts.export', { id, params: { quarter: '2025Q3' }, format: 'svg', out: join(folder, `${id}.svg`) })).error?.code).not.toBe('E_PATH_NOT_CHOSEN');
    expect((await call('charts.export', { id, params: { quarter: '2025Q3' }, format: 'svg', out: join(folder, '..', 'escaped.svg') })).error?.code).toBe('E_PATH_NOT_CHOSEN');

    expect((await call('shell.chooseFiles', {})).value).toEqual([report]);
    const opened = await call('import.files', { paths: [report], dryRun: true, receivedDate: RECEIVED });
    expect(opened.ok).toBe(true);
    expect((await call('import.files', { paths: [dropped], dryRun: true, receivedDate: RECEIVED })).error?.code).toBe('E_PATH_NOT_CHOSEN');
    await drop([dropped]);
    expect((await call('import.files', { paths: [dropped], dryRun: true, receivedDate: RECEIVED })).ok).toBe(true);
  });

  it('a backup may be restored once the services listed it; any other file only after an open dialog chose it', async () => {
    const { call } = session([]);
    const made = (await call('backup.create', { reason: '测试' })).value as { file: string };
    const other = join(scratch.dir, 'elsewhere.sqlite');
    writeFileSync(other, '');
    expect((await call('backup.restore', { file: other })).error?.code).toBe('E_PATH_NOT_CHOSEN');
    const restored = await call('backup.restore', { file: made.file });
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);
  });

  it('a foreign file’s content is never quoted back: a scheme import of a password file names only its place', async () => {
    const passwd = join(scratch.dir, 'passwd.json');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
    const { call } = session([{ open: [passwd] }]);
    await call('shell.chooseFiles', {});
    const r = await call('assessment.importScheme', { path: passwd });
    expect(r.error?.code).toBe('E_SCHEME_JSON');
    expect(r.error?.message).toMatch(/^方案文件不是有效的 JSON：/u);
    expect(r.error?.message).not.toMatch(/root|daemon|bin\/bash|Unexpected token/u);
  });

  it('every method of the contract says which of its arguments are paths', () => {
    expect(Object.keys(PATH_ARGS).sort()).toEqual((Object.keys(handlers) as Method[]).sort());
  });
});
