/**
 * Which browser the end-to-end suite drives: Chromium, Chrome or Edge (playwright-core
 * speaks to any of them, and downloads none). In order: the RFM_BROWSER variable (a full
 * path), then the usual install locations on Linux, Windows and macOS, then the usual
 * program names on the PATH. When none is there the suite fails with one sentence, in
 * Chinese and English, saying what to install.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join, win32 } from 'node:path';

export const BROWSER_VARIABLE = 'RFM_BROWSER';

export const INSTALL_SENTENCE =
  '未找到端到端测试所需的浏览器：Debian/Ubuntu 请运行 sudo apt-get install chromium fonts-noto-cjk，' +
  'Windows 请安装 Google Chrome 或 Microsoft Edge（Windows 10/11 已自带 Edge），' +
  `或用环境变量 ${BROWSER_VARIABLE} 指定浏览器程序的完整路径。` +
  ' No browser found for the end-to-end tests: on Debian/Ubuntu run sudo apt-get install chromium fonts-noto-cjk, ' +
  'on Windows install Google Chrome or Microsoft Edge (Windows 10/11 ship Edge), ' +
  `or set ${BROWSER_VARIABLE} to the full path of the browser's executable.`;

export interface BrowserSearch {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** True when the path is a file (injected by the tests). */
  isFile: (path: string) => boolean;
}

const LINUX = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/opt/microsoft/msedge/msedge',
];
const MAC = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
const WINDOWS_PATH_NAMES = ['chrome.exe', 'msedge.exe'];

/** Chromium, Chrome and Edge under Program Files (both), and Chrome/Chromium per user. */
function windowsCandidates(env: BrowserSearch['env']): string[] {
  const roots = [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env['LOCALAPPDATA']].filter(
    (r): r is string => typeof r === 'string' && r !== '',
  );
  const apps = [
    ['Chromium', 'Application', 'chrome.exe'],
    ['Google', 'Chrome', 'Application', 'chrome.exe'],
    ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
  ];
  return roots.flatMap((root) => apps.map((parts) => win32.join(root, ...parts)));
}

function onPath(env: BrowserSearch['env'], platform: NodeJS.Platform, names: string[], isFile: (p: string) => boolean): string | null {
  const path = env['PATH'] ?? env['Path'] ?? '';
  const sep = platform === 'win32' ? ';' : delimiter;
  const joinPath = platform === 'win32' ? win32.join : join;
  for (const dir of path.split(sep).filter(Boolean)) {
    for (const name of names) {
      const p = joinPath(dir, name);
      if (isFile(p)) return p;
    }
  }
  return null;
}

/** The browser to launch, or an Error whose message says what to install. */
export function findBrowser(search: BrowserSearch): string | Error {
  const { env, platform, isFile } = search;
  const chosen = env[BROWSER_VARIABLE];
  if (chosen) {
    return isFile(chosen) ? chosen : new Error(`环境变量 ${BROWSER_VARIABLE} 指向的浏览器「${chosen}」不存在。 ${BROWSER_VARIABLE} points to "${chosen}", which does not exist. ${INSTALL_SENTENCE}`);
  }
  const fixed = platform === 'win32' ? windowsCandidates(env) : platform === 'darwin' ? MAC : LINUX;
  const found = fixed.find((p) => isFile(p)) ?? onPath(env, platform, platform === 'win32' ? WINDOWS_PATH_NAMES : PATH_NAMES, isFile);
  return found ?? new Error(INSTALL_SENTENCE);
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The browser on this machine; throws the install sentence when there is none. */
export function browserExecutable(): string {
  const found = findBrowser({ env: process.env, platform: process.platform, isFile });
  if (found instanceof Error) throw found;
  return found;
}
