/**
 * Security checks of the desktop configuration that run in CI: the static
 * check of electron/ (rules in electron-rules.ts, proven to fire on planted
 * mistakes), the BrowserWindow options, the CSP, and electron-builder.yml
 * against electron-builder's own schema.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { checkElectronSources, RULES } from './electron-rules';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../electron/main/csp';
import { mainWindowOptions, secureWebPreferences } from '../../electron/main/window-options';
import { DEFAULT_WINDOW_STATE } from '../../electron/main/window-state';
import { windowIconPath } from '../../electron/main/window-icon';
import { loadBuilderConfig, REPO } from './support';

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|mjs|cjs)$/.test(name) ? [{ file: relative(REPO, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }] : [];
  });
}

describe('static check of electron/', () => {
  it('finds nothing in the shell’s sources', () => {
    const files = sources(join(REPO, 'electron'));
    expect(files.length).toBeGreaterThan(10);
    expect(checkElectronSources(files)).toEqual([]);
  });

  it('fires on each planted mistake', () => {
    const bad = [
      "new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false, allowRunningInsecureContent: true, experimentalFeatures: true, webviewTag: true } });",
      "win.loadURL('https://example.com'); win.loadFile('index.html'); shell.openExternal(url); shell.openPath(args.path);",
      "protocol.registerFileProtocol('app', h); protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { bypassCSP: true } }]);",
      "const csp = \"script-src 'self' 'unsafe-eval'\"; app.on('certificate-error', (e, wc, u, err, cert, cb) => cb(true)); wc.executeJavaScript('x');",
      "require('@electron/remote'); ipcMain.on('x', () => {});",
    ].join('\n');
    const preload = "contextBridge.exposeInMainWorld('ipc', ipcRenderer); ipcRenderer.send('x');";
    const ids = new Set(
      checkElectronSources([
        { file: 'electron/main/bad.ts', text: bad },
        { file: 'electron/preload/bad.ts', text: preload },
      ]).map((v) => v.rule),
    );
    const expected = RULES.filter((r) => r.forbidden).map((r) => r.id);
    expect([...ids].filter((id) => expected.includes(id)).sort()).toEqual([...expected].sort());
    // And a required guard that is missing is reported.
    expect([...ids]).toEqual(expect.arrayContaining(['NAVIGATION_GUARD', 'WINDOW_OPEN_GUARD', 'PERMISSION_HANDLER', 'REQUEST_FILTER', 'IPC_SENDER_CHECK']));
  });

  it('does not count what comments say', () => {
    expect(checkElectronSources([{ file: 'electron/main/x.ts', text: '// never nodeIntegration: true\n/* no shell.openExternal */\nconst a = 1;' }]).filter((v) => v.file !== '(none)')).toEqual([]);
  });
});

describe('BrowserWindow options', () => {
  it('are sandboxed, isolated, without Node and with web security', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', false);
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    const win = mainWindowOptions(DEFAULT_WINDOW_STATE, '/p.cjs', false);
    expect(win.webPreferences).toEqual(secureWebPreferences('/p.cjs', false));
    expect(win.show).toBe(false);
    expect(win.title).toBe('乡村振兴金融监测与考核');
    // No icon unless the platform needs one (Windows and macOS take the exe's or bundle's).
    expect(win).not.toHaveProperty('icon');
    const withIcon = mainWindowOptions(DEFAULT_WINDOW_STATE, '/p.cjs', false, '/opt/rfm/resources/icon.png');
    expect(withIcon.icon).toBe('/opt/rfm/resources/icon.png');
    expect(withIcon.webPreferences).toEqual(secureWebPreferences('/p.cjs', false));
  });

  it('carry the icon on Linux only: beside app.asar when packaged, build/ from source', () => {
    const place = { resourcesPath: '/opt/rfm/resources', appPath: '/home/a/rfm' };
    expect(windowIconPath({ ...place, platform: 'linux', isPackaged: true })).toBe('/opt/rfm/resources/icon.png');
    expect(windowIconPath({ ...place, platform: 'linux', isPackaged: false })).toBe('/home/a/rfm/build/icon.png');
    for (const platform of ['win32', 'darwin'] as const) {
      for (const isPackaged of [true, false]) expect(windowIconPath({ ...place, platform, isPackaged }), `${platform} ${isPackaged}`).toBeUndefined();
    }
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(CSP_DIRECTIVES.map(([k, v]) => [k, v.split(' ')]));

  it('allows only the app itself: no remote origin, no eval, no inline script, no plugins, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'none'; worker-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, values] of directives) {
      for (const v of values) {
        expect(v, `${name} ${v}`).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
      }
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });
});

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and asks for what the issue asks', async () => {
    const require = createRequire(import.meta.url);
    const config = loadBuilderConfig();
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // The validation is real: a misspelt option is rejected.
    await expect(validateConfiguration({ ...config, nsis: { ...(config['nsis'] as object), deleteAppDataOnUninstal: false } }, logger)).rejects.toThrow(/Invalid configuration object/);
    expect(config).toMatchObject({
      productName: '乡村振兴金融监测与考核',
      publish: null,
      npmRebuild: true,
      asarUnpack: expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/@resvg/**']),
      extraResources: [{ from: 'resources', to: 'resources' }],
      win: { target: [{ target: 'nsis', arch: ['x64'] }] },
      nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false, installerLanguages: ['zh_CN'] },
      linux: {
        target: [
          { target: 'deb', arch: ['x64', 'arm64'] },
          { target: 'AppImage', arch: ['x64', 'arm64'] },
        ],
      },
    });
    expect(config['files']).toEqual(expect.arrayContaining(['out/**']));
  });
});
