/**
 * A fake `electron` module for testing the main process's wiring without the
 * Electron binary. It records what main registers (schemes, protocol handler,
 * IPC handler, session guards, menus, windows) and its utilityProcess.fork
 * starts an in-process stand-in that serves the REAL handler table over the
 * database path main passes in the child's environment.
 */
import { join } from 'node:path';
import type { FromService, ToService } from '../../electron/shared/messages';
import { createServiceHost, readyMessage } from '../../electron/utility/service-host';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

/** A one-page PDF as Chromium's printToPDF answers (header, page tree, trailer). */
export const FAKE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

export class FakeWebContents extends Emitter {
  readonly sent: Array<[string, unknown]> = [];
  /** The options of each print() and printToPDF() call, in order. */
  readonly printed: Array<['print' | 'pdf', unknown]> = [];
  /** What the system print dialog answers: printed, or cancelled. */
  printAnswer: { success: boolean; reason: string } = { success: false, reason: 'cancelled' };
  constructor(readonly id: number) {
    super();
  }
  print(options: unknown, done: (success: boolean, reason: string) => void): void {
    this.printed.push(['print', options]);
    done(this.printAnswer.success, this.printAnswer.reason);
  }
  async printToPDF(options: unknown): Promise<Buffer> {
    this.printed.push(['pdf', options]);
    return FAKE_PDF;
  }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, message: unknown): void {
    this.sent.push([channel, message]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents(fake.windows.length + 1);
  loadedUrl: string | null = null;
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 40, y: 30, width: 1500, height: 900 };
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
}

export interface Forked {
  path: string;
  options: { env?: Record<string, string | undefined>; serviceName?: string };
  child: FakeUtilityProcess;
}

export class FakeUtilityProcess extends Emitter {
  readonly received: ToService[] = [];
  private ctx: ServiceContext | null = null;
  private host: ReturnType<typeof createServiceHost> | null = null;
  constructor(dbPath: string) {
    super();
    const post = (m: FromService): void => void setImmediate(() => this.emit('message', structuredClone(m)));
    this.ctx = openContext(dbPath);
    const handlers = createHandlers(this.ctx);
    this.host = createServiceHost(handlers, post);
    post(readyMessage(handlers));
  }
  postMessage(m: ToService): void {
    this.received.push(m);
    setImmediate(() => this.host?.receive(structuredClone(m)));
  }
  kill(): boolean {
    if (this.ctx) closeContext(this.ctx);
    this.ctx = null;
    this.host = null;
    this.emit('exit', 0);
    return true;
  }
}

export interface FakeSession {
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: { requestingUrl: string }) => void) | null;
  permissionCheck: ((wc: unknown, permission: string, origin: string) => boolean) | null;
  devicePermission: (() => boolean) | null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null;
  events: Emitter;
}

function createFake() {
  return {
  windows: [] as FakeBrowserWindow[],
  forked: [] as Forked[],
  lock: true,
  dataRoot: '/nonexistent',
  ready: null as null | (() => void),
  calls: [] as string[],
  privileged: [] as unknown[],
  ipcHandlers: new Map<string, (event: unknown, raw: unknown) => Promise<unknown>>(),
  menu: null as null | Array<{ label?: string; submenu?: Array<{ label?: string; role?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void }> }>,
  openDialogResult: { canceled: false, filePaths: [] as string[] },
  saveDialogResult: { canceled: true } as { canceled: boolean; filePath?: string },
  app: new Emitter(),
  session: null as unknown as FakeSession,
  reset(dataRoot: string): void {
    this.lock = true;
    this.dataRoot = dataRoot;
    this.ready = null;
    this.calls = [];
    this.privileged = [];
    this.ipcHandlers = new Map();
    this.menu = null;
    this.app = new Emitter();
    this.session = { protocolHandlers: new Map(), permissionRequest: null, permissionCheck: null, devicePermission: null, beforeRequest: null, events: new Emitter() };
    this.windows = [];
    this.forked = [];
  },
  };
}

/**
 * One recorder for the whole test file: vi.resetModules() (to start main
 * afresh) also re-creates this module for the mock, so the state lives on globalThis.
 */
const holder = globalThis as typeof globalThis & { __rfmFakeElectron?: ReturnType<typeof createFake> };
export const fake = (holder.__rfmFakeElectron ??= createFake());

const paths = new Map<string, string>();

export const electronModule = {
  app: {
    get isPackaged() {
      return false;
    },
    setPath: (name: string, value: string) => void paths.set(name, value),
    getPath: (name: string) => paths.get(name) ?? join(fake.dataRoot, name),
    getAppPath: () => join(import.meta.dirname, '..', '..'),
    requestSingleInstanceLock: () => {
      fake.calls.push('requestSingleInstanceLock');
      return fake.lock;
    },
    quit: () => void fake.calls.push('quit'),
    on: (event: string, l: Listener) => fake.app.on(event, l),
    whenReady: () => new Promise<void>((resolve) => (fake.ready = resolve)),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      fake.calls.push('registerSchemesAsPrivileged');
      fake.privileged.push(...schemes);
    },
  },
  session: {
    get defaultSession() {
      const s = fake.session;
      return {
        protocol: { handle: (scheme: string, h: (r: Request) => Promise<Response>) => void s.protocolHandlers.set(scheme, h) },
        setPermissionRequestHandler: (h: FakeSession['permissionRequest']) => void (s.permissionRequest = h),
        setPermissionCheckHandler: (h: FakeSession['permissionCheck']) => void (s.permissionCheck = h),
        setDevicePermissionHandler: (h: FakeSession['devicePermission']) => void (s.devicePermission = h),
        webRequest: { onBeforeRequest: (h: FakeSession['beforeRequest']) => void (s.beforeRequest = h) },
        on: (event: string, l: Listener) => s.events.on(event, l),
      };
    },
  },
  ipcMain: {
    handle: (channel: string, h: (event: unknown, raw: unknown) => Promise<unknown>) => {
      fake.calls.push(`ipcMain.handle:${channel}`);
      fake.ipcHandlers.set(channel, h);
    },
  },
  BrowserWindow: FakeBrowserWindow,
  webContents: { fromId: (id: number) => fake.windows.find((w) => w.webContents.id === id)?.webContents },
  Menu: {
    buildFromTemplate: (t: typeof fake.menu) => t,
    setApplicationMenu: (m: typeof fake.menu) => void (fake.menu = m),
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: {
    showOpenDialog: async (..._args: unknown[]) => fake.openDialogResult,
    showSaveDialog: async () => fake.saveDialogResult,
    showMessageBox: async () => ({ response: 0 }),
  },
  shell: { openPath: async () => '', showItemInFolder: () => undefined },
  utilityProcess: {
    fork: (path: string, _args: string[], options: { env?: Record<string, string | undefined>; serviceName?: string }) => {
      const dbPath = options.env?.['RFM_DB_PATH'];
      if (!dbPath) throw new Error('main did not pass RFM_DB_PATH to the utility process');
      const child = new FakeUtilityProcess(dbPath);
      fake.forked.push({ path, options, child });
      return child;
    },
  },
};
