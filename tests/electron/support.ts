/**
 * Test support for the shell: an in-process stand-in for the utility process
 * (the real service host over a handler table, messages structured-cloned and
 * delivered asynchronously as across a process boundary), a fake invoke event,
 * and a scratch folder under tests/.tmp (inside the repo, so node_modules resolves).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { HandlerTable } from '../../src/api/contract';
import type { FromService, RendererEvent, ToService } from '../../electron/shared/messages';
import type { ServiceProcess } from '../../electron/main/service-relay';
import type { InvokeEventLike } from '../../electron/main/ipc-calls';
import type { NativeDialogs } from '../../electron/main/shell-dialogs';
import { createServiceHost, readyMessage } from '../../electron/utility/service-host';

export const REPO = resolve(import.meta.dirname, '..', '..');

/** The printing part of a fake shell for tests of its other methods: the print dialog is cancelled, no PDF can be made. */
export const NO_PRINTER: Pick<NativeDialogs, 'print' | 'printToPdf' | 'savePdf'> = {
  print: async () => ({ printed: false, failure: null }),
  printToPdf: async () => {
    throw new Error('this test has no window to print');
  },
  savePdf: async () => ({ ok: false, error: { code: 'E_PDF_FAILED', message: '本测试不写 PDF。' } }),
};

export function scratchDir(prefix: string): { dir: string; cleanup: () => void } {
  const base = join(REPO, 'tests', '.tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** electron-builder.yml as electron-builder reads it (js-yaml comes with electron-builder). */
export function loadBuilderConfig(): Record<string, unknown> {
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

const later = (fn: () => void): void => void setImmediate(fn);

/** A ServiceProcess whose other end is the real service host over `handlers`, in this process. */
export function inProcessService(handlers: HandlerTable | (() => HandlerTable | FromService)): ServiceProcess & { exit(code: number): void; received: ToService[] } {
  const listeners: Array<(m: FromService) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  const received: ToService[] = [];
  let alive = true;
  const deliver = (m: FromService): void => {
    const copy = structuredClone(m);
    later(() => {
      if (alive) for (const l of listeners) l(copy);
    });
  };
  const made = typeof handlers === 'function' ? handlers() : handlers;
  const host = 'type' in made ? null : createServiceHost(made as HandlerTable, deliver);
  later(() => deliver('type' in made ? (made as FromService) : readyMessage(made as HandlerTable)));
  return {
    received,
    postMessage(m) {
      received.push(m);
      const copy = structuredClone(m);
      later(() => {
        if (alive) host?.receive(copy);
      });
    },
    onMessage: (l) => void listeners.push(l),
    onExit: (l) => void exitListeners.push(l),
    kill() {
      this.exit(0);
    },
    exit(code) {
      if (!alive) return;
      alive = false;
      for (const l of exitListeners) l(code);
    },
  };
}

/** A fake IpcMainInvokeEvent from a page at `url`, recording what main sends back to it. */
export function fakeInvokeEvent(url = 'app://rfm/index.html', id = 1): InvokeEventLike & { sent: RendererEvent[] } {
  const sent: RendererEvent[] = [];
  return {
    sent,
    sender: { id, send: (_channel, event) => void sent.push(structuredClone(event)), isDestroyed: () => false },
    senderFrame: { url },
  };
}
