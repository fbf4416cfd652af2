/**
 * The main process's wiring, with a fake `electron` module: what it registers
 * before and after ready, the window it opens, the guards it installs, the
 * menu, and a renderer call travelling through the one IPC channel to a
 * stand-in utility process that serves the REAL handler table.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_PDF, fake, FakeWebContents } from './fake-electron';
import { pdfOptions, printOptions } from '../../electron/shared/print-options';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../electron/shared/messages';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { secureWebPreferences } from '../../electron/main/window-options';
import { fakeInvokeEvent, REPO, scratchDir } from './support';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const scratch = scratchDir('main');
const dataDir = join(scratch.dir, 'data');

async function startMain(lock: boolean): Promise<void> {
  fake.reset(scratch.dir);
  fake.lock = lock;
  process.env['RFM_DATA_DIR'] = dataDir;
  vi.resetModules();
  await import('../../electron/main/index');
  // Let whenReady() resolve and the ready handler run.
  fake.ready?.();
  await new Promise((r) => setImmediate(r));
}

afterAll(() => {
  for (const f of fake.forked) f.child.kill();
  delete process.env['RFM_DATA_DIR'];
  scratch.cleanup();
});

describe('main process wiring (fake electron)', () => {
  beforeAll(() => startMain(true));

  it('registers app:// as a privileged scheme before ready and takes the single-instance lock', () => {
    expect(fake.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('ipcMain.handle:rfm:call'));
    expect(fake.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }]);
    expect(fake.calls).toContain('requestSingleInstanceLock');
    expect(fake.app.listeners.get('second-instance')).toHaveLength(1);
  });

  it('handles exactly one IPC channel', () => {
    expect([...fake.ipcHandlers.keys()]).toEqual([CALL_CHANNEL]);
  });

  it('opens one secure window on app://rfm/index.html', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toBe('app://rfm/index.html');
    // Exactly the secure preferences asserted value by value in electron-config-check.test.ts (devTools on: running from source).
    const prefs = win.options['webPreferences'] as { preload: string; contextIsolation: boolean; sandbox: boolean };
    expect(prefs).toEqual(secureWebPreferences(prefs.preload, true));
    expect([prefs.contextIsolation, prefs.sandbox]).toEqual([true, true]);
    expect(String((win.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    // From source on Linux the window carries the icon npm start renders into build/.
    expect(win.options['icon']).toBe(process.platform === 'linux' ? join(REPO, 'build', 'icon.png') : undefined);
  });

  it('serves app:// through the guarded handler, with the CSP', async () => {
    const handler = fake.session.protocolHandlers.get('app');
    expect(handler).toBeTypeOf('function');
    const refused = await handler!(new Request('app://rfm/..%2f..%2fpackage.json'));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler!(new Request('app://rfm/index.html', { method: 'POST' }))).status).toBe(405);
  });

  it('installs the session guards: permissions denied, remote requests cancelled', () => {
    const s = fake.session;
    const granted: Array<[string, boolean]> = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      s.permissionRequest!(null, permission, (g) => granted.push([permission, g]), { requestingUrl: 'app://rfm/index.html' });
    }
    expect(granted.every(([, g]) => g === false)).toBe(true);
    s.permissionRequest!(null, 'clipboard-sanitized-write', (g) => granted.push(['clip-evil', g]), { requestingUrl: 'https://evil.example/' });
    s.permissionRequest!(null, 'clipboard-sanitized-write', (g) => granted.push(['clip-app', g]), { requestingUrl: 'app://rfm/index.html' });
    expect(granted.slice(-2)).toEqual([
      ['clip-evil', false],
      ['clip-app', true],
    ]);
    expect(s.permissionCheck!(null, 'media', 'app://rfm')).toBe(false);
    expect(s.devicePermission!()).toBe(false);
    const verdict = (url: string): boolean => {
      let cancel = false;
      s.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:5173/', 'ws://localhost:5173/', 'file:///etc/passwd', 'ftp://x/y', 'app://evil/x']) {
      expect(verdict(url), url).toBe(true);
    }
    for (const url of ['app://rfm/index.html', 'app://rfm/assets/a.js', 'devtools://devtools/bundled/x.html', 'data:image/png;base64,AA==', 'blob:app://rfm/1234']) {
      expect(verdict(url), url).toBe(false);
    }
    let prevented = false;
    s.events.emit('will-download', { preventDefault: () => (prevented = true) }, { getURL: () => 'https://evil.example/a.exe' });
    expect(prevented).toBe(true);
  });

  it('guards every web contents: no navigation away, no new window, no webview', () => {
    const contents = new FakeWebContents(99);
    fake.app.emit('web-contents-created', {}, contents);
    const nav = (event: string, url: string): boolean => {
      let prevented = false;
      contents.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(nav(event, 'https://evil.example/'), event).toBe(true);
      expect(nav(event, 'file:///etc/passwd'), event).toBe(true);
      expect(nav(event, 'app://rfm/index.html#/import'), event).toBe(false);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://rfm/index.html' })).toEqual({ action: 'deny' });
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });

  it('has the Chinese menus, and 导入报表… hands the chosen files to the page', async () => {
    expect(fake.menu?.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const file = fake.menu![0]!.submenu!;
    expect(file.map((i) => i.label).filter(Boolean)).toEqual(['导入报表…', '导入文件夹…', '导出…', '打印…', '导出 PDF…', '打开数据文件夹', '退出']);
    expect(file.find((i) => i.label === '退出')?.role).toBe('quit');
    expect(fake.menu![1]!.submenu!.map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    fake.openDialogResult = { canceled: false, filePaths: ['/data/安康农行2025Q3.xlsx'] };
    file.find((i) => i.label === '导入报表…')!.click!();
    await new Promise((r) => setImmediate(r));
    const win = fake.windows[0]!;
    expect(win.webContents.sent).toContainEqual([EVENT_CHANNEL, { kind: 'menu', command: { command: 'import', paths: ['/data/安康农行2025Q3.xlsx'] } }]);
    file.find((i) => i.label === '导出…')!.click!();
    expect(win.webContents.sent).toContainEqual([EVENT_CHANNEL, { kind: 'menu', command: { command: 'export' } }]);
    // 打印… and 导出 PDF… are the page's to run (it lays itself out for paper first); their keys are shown, and left to the page.
    const printItem = file.find((i) => i.label === '打印…')!;
    const pdfItem = file.find((i) => i.label === '导出 PDF…')!;
    expect([printItem.accelerator, printItem.registerAccelerator, pdfItem.accelerator, pdfItem.registerAccelerator]).toEqual(['CmdOrCtrl+P', false, 'CmdOrCtrl+Shift+P', false]);
    printItem.click!();
    pdfItem.click!();
    expect(win.webContents.sent).toContainEqual([EVENT_CHANNEL, { kind: 'menu', command: { command: 'print' } }]);
    expect(win.webContents.sent).toContainEqual([EVENT_CHANNEL, { kind: 'menu', command: { command: 'pdf' } }]);
    // The menu's choice may be imported; a path the menu did not give may not.
    const handle = fake.ipcHandlers.get(CALL_CHANNEL)!;
    const chosen = (await handle(fakeInvokeEvent(), { kind: 'call', callId: 'm1', method: 'import.files', args: { paths: ['/data/安康农行2025Q3.xlsx'], dryRun: true } })) as { ok: boolean };
    expect(chosen.ok).toBe(true);
    const other = (await handle(fakeInvokeEvent(), { kind: 'call', callId: 'm2', method: 'import.files', args: { paths: ['/data/别的.xlsx'], dryRun: true } })) as { error: { code: string } };
    expect(other.error.code).toBe('E_PATH_NOT_CHOSEN');
  });

  it('打印 and 导出 PDF: webContents.print()/printToPDF() with the shared A4 options; the PDF is written by the services to the path the save dialog gave, never elsewhere', async () => {
    const handle = fake.ipcHandlers.get(CALL_CHANNEL)!;
    const win = fake.windows[0]!;
    const event = fakeInvokeEvent('app://rfm/index.html', win.webContents.id);
    const out = join(scratch.dir, 'exports', '考核评估_安康市_2025年度.pdf');
    mkdirSync(join(scratch.dir, 'exports'), { recursive: true });

    // Not chosen in a save dialog: refused before anything is printed.
    const early = (await handle(event, { kind: 'call', callId: 'p1', method: 'shell.exportPdf', args: { out } })) as { ok: boolean; error?: { code: string } };
    expect(early.error?.code).toBe('E_PATH_NOT_CHOSEN');
    expect(win.webContents.printed).toEqual([]);

    fake.saveDialogResult = { canceled: false, filePath: out };
    const chosen = (await handle(event, { kind: 'call', callId: 'p2', method: 'shell.chooseSavePath', args: { defaultName: '考核评估_安康市_2025年度.pdf' } })) as { value: string };
    expect(chosen.value).toBe(out);
    const saved = (await handle(event, { kind: 'call', callId: 'p3', method: 'shell.exportPdf', args: { out, landscape: true } })) as { ok: boolean; value: { path: string; bytes: number; pages: number } };
    expect(saved.ok).toBe(true);
    expect(saved.value).toEqual({ path: out, bytes: FAKE_PDF.length, pages: 1 });
    expect(readFileSync(out)).toEqual(FAKE_PDF);
    expect(win.webContents.printed).toEqual([['pdf', pdfOptions(true)]]);
    expect(pdfOptions(true)).toMatchObject({ pageSize: 'A4', landscape: true, preferCSSPageSize: true, displayHeaderFooter: false });

    // 打印…: the system dialog over the same layout; cancelled there is no error, a failed printer is one, in Chinese.
    const cancelled = (await handle(event, { kind: 'call', callId: 'p4', method: 'shell.print', args: {} })) as { ok: boolean; value: boolean };
    expect(cancelled).toEqual({ ok: true, value: false });
    expect(win.webContents.printed.at(-1)).toEqual(['print', printOptions(false)]);
    win.webContents.printAnswer = { success: false, reason: 'Print job failed' };
    const failed = (await handle(event, { kind: 'call', callId: 'p5', method: 'shell.print', args: { landscape: false } })) as { ok: boolean; error: { code: string; message: string } };
    expect(failed.error.code).toBe('E_PRINT_FAILED');
    expect(failed.error.message).not.toMatch(/[A-Za-z]{4,}/);
    win.webContents.printAnswer = { success: true, reason: '' };
    expect(await handle(event, { kind: 'call', callId: 'p6', method: 'shell.print', args: { landscape: true } })).toEqual({ ok: true, value: true });
    fake.saveDialogResult = { canceled: true };
  });

  it('relays a renderer call to the utility process, which opens the database in the user data folder', async () => {
    const handle = fake.ipcHandlers.get(CALL_CHANNEL)!;
    const r = (await handle(fakeInvokeEvent(), { kind: 'call', callId: 'r1', method: 'registry.regions', args: {} })) as {
      ok: boolean;
      value: Array<{ code: string }>;
    };
    expect(r.ok).toBe(true);
    expect(r.value.map((x) => x.code).sort()).toEqual(['ankang', 'bishan']);
    expect(fake.forked).toHaveLength(1);
    const forked = fake.forked[0]!;
    expect(forked.path).toMatch(/services\.cjs$/);
    expect(forked.options.env?.['RFM_DB_PATH']).toBe(join(dataDir, 'rfm.sqlite'));
    expect(existsSync(join(dataDir, 'rfm.sqlite'))).toBe(true);
    const info = (await handle(fakeInvokeEvent(), { kind: 'call', callId: 'r2', method: 'app.info', args: {} })) as { ok: boolean; value: { dbPath: string } };
    expect(info.value.dbPath).toBe(join(dataDir, 'rfm.sqlite'));
    // The page cannot reach anything else.
    const refused = (await handle(fakeInvokeEvent(), { kind: 'call', callId: 'r3', method: 'shell.openExternal', args: { url: 'https://x' } })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_IPC_METHOD' } });
    expect(refused.error.message).toMatch(/未知的操作/);
  });

  it('remembers the window’s bounds and maximized state in the user data folder', async () => {
    const win = fake.windows[0]!;
    win.maximized = true;
    win.emit('close');
    const saved = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({ x: 40, y: 30, width: 1500, height: 900, maximized: true });
    // The next start opens the window where it was, maximized again.
    for (const f of fake.forked) f.child.kill();
    await startMain(true);
    const next = fake.windows[0]!;
    expect(next.options).toMatchObject({ x: 40, y: 30, width: 1500, height: 900 });
    expect(next.maximized).toBe(true);
  });

  it('quits at once when another instance holds the lock', async () => {
    await startMain(false);
    expect(fake.calls).toContain('quit');
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
