/**
 * The browser harness: the renderer as Vite builds it, served over 127.0.0.1 by a
 * tiny HTTP server in this process, opened in headless Debian Chromium, with the
 * preload's bridge replaced by a binding that calls the REAL handler table over a
 * real SQLite file. Progress events travel back into the page like IPC events would.
 * The page's clock starts at the services' one (src/domain/clock.ts: the tests fix it),
 * so a page that counts back from today shows the same quarters in any year.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { HandlerTable, Method } from '../../src/api/contract';
import type { Progress } from '../../src/api/types';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { now } from '../../src/domain/clock';
import { browserExecutable } from './browser';
import { argumentProblem } from '../../src/api/schemas';
import { pdfOptions } from '../../electron/shared/print-options';

/**
 * The services' today in every browser test: the handlers run in this process on the
 * fixed clock the test configuration sets (RFM_NOW, vite.config.ts), and a child process
 * a test starts inherits it.
 */
export const SERVICES_NOW = now().toISOString();
/**
 * The browser's own clock, set years away on purpose: the window must take every
 * business date from the services (app.info, data.revision), never from its own Date.
 */
export const BROWSER_NOW = '2031-07-01T09:00:00+08:00';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** Builds the renderer once per process (the suite and the benchmark share it). */
let built: Promise<void> | null = null;
export function buildRenderer(): Promise<void> {
  built ??= build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' }).then(() => undefined);
  return built;
}

/** Serves out/renderer (GET only, no path outside it) on an ephemeral 127.0.0.1 port. */
export async function serveRenderer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const file = normalize(join(RENDERER_DIR, urlPath === '/' ? 'index.html' : urlPath));
    if (req.method !== 'GET' || !(file === RENDERER_DIR || file.startsWith(RENDERER_DIR + sep))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  return { server, origin: `http://127.0.0.1:${addr.port}` };
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  origin: string;
  ctx: ServiceContext;
  handlers: HandlerTable;
  /** Every request whose URL is not on the harness origin (must stay empty). */
  offsiteRequests: string[];
  /** Console errors, page errors (CSP violations show up here) and calls main would refuse (arguments off the contract's schema). */
  pageErrors: string[];
  /** Methods the page called, in order (to check what a page did). */
  calls: string[];
  dialogs: DialogStubs;
  close(): Promise<void>;
}

/** The bridge the preload would expose, rebuilt on top of the bindings in the page. */
const INIT_SCRIPT = `
(() => {
  const listeners = new Map();
  let next = 1;
  window.__rfmProgress = (id, p) => { const f = listeners.get(id); if (f) f(p); };
  window.rfm = {
    async call(method, args, onProgress, options) {
      const id = next++;
      if (onProgress) listeners.set(id, onProgress);
      try { return await window.__rfmCall(method, args, id, (options && options.callId) || null); } finally { listeners.delete(id); }
    },
    cancel(callId) { void window.__rfmCancel(callId); },
    onMenu() { return () => undefined; },
    // A sandboxed page cannot see a dropped file's path; the shell's preload can, the harness cannot.
    pathForFile() { return ''; },
  };
})();
`;

/**
 * The browser's Date moved to another day, still ticking (Vue stamps its event handlers
 * with Date.now(), so a clock standing still would drop clicks).
 */
function shiftedBrowserClock(at: string): string {
  return `(() => {
  const Real = Date;
  const shift = ${new Date(at).getTime()} - Real.now();
  class Shifted extends Real {
    constructor(...a) { if (a.length === 0) super(Real.now() + shift); else super(...a); }
    static now() { return Real.now() + shift; }
  }
  globalThis.Date = Shifted;
})();`;
}

/**
 * The native dialogs the shell answers, answered here by the test: each call takes
 * the next queued answer (a cancelled dialog when the queue is empty).
 */
export interface DialogStubs {
  files: string[][];
  folders: (string | null)[];
  savePaths: (string | null)[];
  shown: string[];
  /** The file name each save dialog proposed. */
  savedNames: string[];
  /**
   * Each 打印 the page asked for: its orientation, and at that moment the print header, the
   * page's width and each chart's and printed table's (CSS px), and what overflows its box.
   */
  printed: { landscape: boolean; header: string; pageWidth: number; chartWidths: number[]; tableWidths: number[]; overflowing: string[] }[];
}

/**
 * 导出 PDF as Electron's main process answers it (electron/main/shell-dialogs.ts): Chromium
 * prints the page as laid out, with the same options (electron/shared/print-options.ts,
 * Playwright's names for Electron's), and the services write the file (pdf.save).
 */
async function exportPdf(page: Page, handlers: HandlerTable, args: Record<string, unknown>): Promise<unknown> {
  const o = pdfOptions(args['landscape'] === true);
  const pdf = await page.pdf({ format: o.pageSize, landscape: o.landscape, printBackground: o.printBackground, preferCSSPageSize: o.preferCSSPageSize, displayHeaderFooter: o.displayHeaderFooter });
  return handlers['pdf.save']({ out: String(args['out']), data: pdf.toString('base64') }, {});
}

export async function startHarness(dbPath: string, opts: { width?: number; height?: number } = {}): Promise<Harness> {
  // First, so that a machine without a browser is told what to install before anything is built.
  const executablePath = browserExecutable();
  await buildRenderer();
  const { server, origin } = await serveRenderer();
  // As the desktop app's services process does: parse workers kept and started up front.
  const ctx = openContext(dbPath, { keepParsePool: true });
  const handlers = createHandlers(ctx);
  const userDataDir = mkdtempSync(join(tmpdir(), 'rfm-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: false,
  });
  const offsiteRequests: string[] = [];
  const pageErrors: string[] = [];
  const calls: string[] = [];
  const dialogs: DialogStubs = { files: [], folders: [], savePaths: [], shown: [], savedNames: [], printed: [] };
  const running = new Map<string, AbortController>();
  const shell: Record<string, (args: Record<string, unknown>) => unknown> = {
    'shell.chooseFiles': () => dialogs.files.shift() ?? [],
    'shell.chooseFolder': () => dialogs.folders.shift() ?? null,
    'shell.chooseSavePath': (a) => {
      dialogs.savedNames.push(String(a['defaultName']));
      return dialogs.savePaths.shift() ?? null;
    },
    'shell.showInFolder': (a) => {
      dialogs.shown.push(String(a['path']));
      return true;
    },
  };
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) offsiteRequests.push(url);
  });
  await context.exposeBinding('__rfmCall', async (source, method: string, args: Record<string, unknown>, id: number, callId: string | null) => {
    calls.push(method);
    // As Electron's main process does: a call off its method's schema is refused before any service sees it.
    const refused = argumentProblem(method, args);
    if (refused) {
      pageErrors.push(`${refused.code}: ${refused.message}`);
      return { ok: false, error: refused };
    }
    if (method === 'shell.exportPdf') return exportPdf(source.page, handlers, args);
    if (method === 'shell.print') {
      const laidOut = await source.page.evaluate(() => ({
        header: document.querySelector('.print-header')?.textContent ?? '',
        pageWidth: document.querySelector('.page')?.getBoundingClientRect().width ?? 0,
        chartWidths: Array.from(document.querySelectorAll('.chart-card svg')).map((e) => e.getBoundingClientRect().width),
        tableWidths: Array.from(document.querySelectorAll('table.dt-print')).map((e) => e.getBoundingClientRect().width),
        // Boxes whose content is wider than they are (on paper: cut at the sheet's edge), by their class;
        // not a chart's drawing (SVG) nor what is only read to screen readers.
        overflowing: Array.from(document.querySelectorAll('.page *'))
          .filter((e) => !(e instanceof SVGElement) && !e.closest('.visually-hidden') && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}`),
      }));
      dialogs.printed.push({ landscape: args['landscape'] === true, ...laidOut });
      return { ok: true, value: true };
    }
    const stub = shell[method];
    if (stub) return { ok: true, value: stub(args ?? {}) };
    const handler = (handlers as unknown as Record<string, HandlerTable[Method] | undefined>)[method];
    if (!handler) return { ok: false, error: { code: 'E_NO_METHOD', message: `数据服务没有「${method}」功能。` } };
    const onProgress = (p: Progress): void => {
      void source.page.evaluate(([i, q]) => (window as unknown as { __rfmProgress(i: number, q: unknown): void }).__rfmProgress(i, q), [id, p] as const).catch(() => undefined);
    };
    const abort = new AbortController();
    if (callId) running.set(callId, abort);
    try {
      return await (handler as (a: unknown, c: { onProgress: (p: Progress) => void; signal: AbortSignal }) => Promise<unknown>)(args, { onProgress, signal: abort.signal });
    } finally {
      if (callId) running.delete(callId);
    }
  });
  await context.exposeBinding('__rfmCancel', (_source, callId: string) => {
    running.get(callId)?.abort();
  });
  await context.addInitScript(INIT_SCRIPT);
  // The page's Date ticks from a day years away from the services' (see BROWSER_NOW).
  await context.addInitScript(shiftedBrowserClock(BROWSER_NOW));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));

  return {
    page,
    context,
    origin,
    ctx,
    handlers,
    offsiteRequests,
    pageErrors,
    calls,
    dialogs,
    async close() {
      await context.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      closeContext(ctx);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
