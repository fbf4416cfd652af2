/** The small pure parts of the shell: saved window state, the request filter, page origins, the menu. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, parseWindowState } from '../../electron/main/window-state';
import { isRequestAllowed } from '../../electron/main/request-filter';
import { isAppPage } from '../../electron/main/app-origin';
import { buildMenuTemplate } from '../../electron/main/menu';
import { chooseSqliteBinding } from '../../electron/utility/native-binding';
import type { MenuCommand } from '../../src/api/contract';

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('window state', () => {
  it('keeps a saved state that fits on a screen', () => {
    expect(parseWindowState('{"x":100,"y":80,"width":1400,"height":900,"maximized":true}', screen)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('drops a position that is on no screen any more (monitor unplugged), keeping the size', () => {
    expect(parseWindowState('{"x":3000,"y":80,"width":1400,"height":900,"maximized":false}', screen)).toEqual({ width: 1400, height: 900, maximized: false });
    // A second monitor to the right still counts.
    expect(parseWindowState('{"x":3000,"y":80,"width":1400,"height":900}', [...screen, { x: 1920, y: 0, width: 2560, height: 1400 }])).toMatchObject({ x: 3000, y: 80 });
  });

  it('falls back to defaults for missing, broken or hostile files', () => {
    for (const text of [null, '', 'not json', 'null', '[]', '{"width":"1e9","height":-5,"maximized":"yes"}', '{"width":10,"height":10}', '{"__proto__":{"maximized":true}}']) {
      expect(parseWindowState(text, screen), String(text)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });
});

describe('request filter', () => {
  it('lets only the app, devtools and in-memory URLs through when packaged', () => {
    const allowed = ['app://rfm/index.html', 'app://rfm/assets/x.js?v=1', 'devtools://devtools/x', 'data:font/woff2;base64,AA', 'blob:app://rfm/0b1c'];
    const refused = ['https://example.com/', 'http://localhost:5173/', 'ws://127.0.0.1:5173/', 'file:///etc/passwd', 'app://other/x', 'blob:https://evil.example/1', 'chrome://gpu', 'not a url'];
    for (const u of allowed) expect(isRequestAllowed(u, null), u).toBe(true);
    for (const u of refused) expect(isRequestAllowed(u, null), u).toBe(false);
  });

  it('in development also lets through the local dev server (page and hot-reload socket), nothing else', () => {
    const dev = 'http://localhost:5173/';
    for (const u of ['http://localhost:5173/src/main.ts', 'ws://localhost:5173/', 'http://localhost:5173/@vite/client']) expect(isRequestAllowed(u, dev), u).toBe(true);
    for (const u of ['http://localhost:5174/', 'http://127.0.0.1:5173/', 'https://example.com/', 'http://localhost.evil.example:5173/']) expect(isRequestAllowed(u, dev), u).toBe(false);
    // A dev server URL that is not loopback is never trusted.
    expect(isRequestAllowed('http://192.168.1.5:5173/', 'http://192.168.1.5:5173/')).toBe(false);
  });

  it('knows the app’s own pages', () => {
    expect(isAppPage('app://rfm/index.html#/import', null)).toBe(true);
    expect(isAppPage('app://rfm.evil/index.html', null)).toBe(false);
    expect(isAppPage('http://localhost:5173/', null)).toBe(false);
    expect(isAppPage('http://localhost:5173/#/home', 'http://localhost:5173')).toBe(true);
  });
});

describe('menu', () => {
  it('offers 开发者工具 only when running from source, and sends page commands', () => {
    const sent: MenuCommand[] = [];
    const actions = { importFiles: () => undefined, importFolder: () => undefined, send: (c: MenuCommand) => void sent.push(c), openDataFolder: () => undefined, about: () => undefined };
    const labels = (devTools: boolean) => (buildMenuTemplate(actions, { devTools, platform: 'linux' })[2]?.submenu as Array<{ label?: string }>).map((i) => i.label).filter(Boolean);
    expect(labels(false)).toEqual(['重新加载', '实际大小', '放大', '缩小', '全屏']);
    expect(labels(true)).toContain('开发者工具');
    const help = buildMenuTemplate(actions, { devTools: false, platform: 'win32' })[3]?.submenu as Array<{ label?: string; click?: () => void }>;
    help.find((i) => i.label === '使用说明')?.click?.();
    expect(sent).toEqual([{ command: 'help' }]);
  });
});

describe('which better-sqlite3 the utility process loads', () => {
  it('uses the .native copy from source, its own inside a packaged app, and says what to do when the copy is missing', () => {
    expect(chooseSqliteBinding('/opt/rfm/resources/app.asar', () => true)).toEqual({ kind: 'packaged' });
    const dev = chooseSqliteBinding('/home/a/rfm', (p) => p.endsWith('better_sqlite3.node'));
    expect(dev).toEqual({ kind: 'dev', path: '/home/a/rfm/.native/electron/node_modules/better-sqlite3/build/Release/better_sqlite3.node' });
    const missing = chooseSqliteBinding('/home/a/rfm', () => false);
    expect(missing).toMatchObject({ kind: 'missing', error: { code: 'E_NATIVE_MISSING' } });
    // No message shows where the program is installed.
    expect(missing.kind === 'missing' && missing.error.message).not.toContain('/home/a/rfm');
  });
});
