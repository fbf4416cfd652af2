/**
 * The end-to-end suite finds a browser on Linux, Windows and macOS, or fails with one
 * sentence saying what to install.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_VARIABLE, INSTALL_SENTENCE, findBrowser } from '../e2e/browser';

const ROOT = join(import.meta.dirname, '..', '..');
const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe('the browser of the end-to-end suite', () => {
  it('is the one RFM_BROWSER names, before any usual location', () => {
    expect(findBrowser({ env: { [BROWSER_VARIABLE]: '/opt/x/chrome' }, platform: 'linux', isFile: only('/opt/x/chrome', '/usr/bin/chromium') })).toBe('/opt/x/chrome');
  });

  it('is found where Debian, Chrome and Edge install on Linux, and on the PATH', () => {
    expect(findBrowser({ env: {}, platform: 'linux', isFile: only('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
    expect(findBrowser({ env: {}, platform: 'linux', isFile: only('/usr/bin/google-chrome-stable') })).toBe('/usr/bin/google-chrome-stable');
    expect(findBrowser({ env: {}, platform: 'linux', isFile: only('/opt/microsoft/msedge/msedge') })).toBe('/opt/microsoft/msedge/msedge');
    expect(findBrowser({ env: { PATH: '/home/u/bin:/usr/local/bin' }, platform: 'linux', isFile: only('/usr/local/bin/chromium') })).toBe('/usr/local/bin/chromium');
  });

  it('is found where Chrome and Edge install on Windows (Edge ships with Windows 10/11)', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const chrome = 'C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser({ env, platform: 'win32', isFile: only(edge) })).toBe(edge);
    expect(findBrowser({ env, platform: 'win32', isFile: only(chrome, edge) })).toBe(edge);
    expect(findBrowser({ env, platform: 'win32', isFile: only(chrome) })).toBe(chrome);
  });

  it('when there is none: the sentence says, in Chinese and English, what to install', () => {
    const none = findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', isFile: () => false });
    expect(none).toBeInstanceOf(Error);
    expect((none as Error).message).toBe(INSTALL_SENTENCE);
    expect(INSTALL_SENTENCE).toContain('sudo apt-get install chromium fonts-noto-cjk');
    expect(INSTALL_SENTENCE).toMatch(/未找到端到端测试所需的浏览器.*Microsoft Edge.*No browser found for the end-to-end tests/);
    const windows = findBrowser({ env: {}, platform: 'win32', isFile: () => false });
    expect((windows as Error).message).toBe(INSTALL_SENTENCE);
  });

  it('a wrong RFM_BROWSER: the end-to-end suite itself fails at once with the sentence', () => {
    const missing = join(ROOT, 'tests', '.tmp', 'no-such-browser');
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'browser', 'tests/e2e/firstRun.test.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, [BROWSER_VARIABLE]: missing, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(r.status).not.toBe(0);
    const output = `${r.stdout}${r.stderr}`;
    expect(output).toContain(`${BROWSER_VARIABLE} points to "${missing}", which does not exist.`);
    expect(output).toContain('sudo apt-get install chromium fonts-noto-cjk');
  }, 120_000);
});
