/**
 * The main process: thin by design. One window; Chinese menus; native dialogs;
 * a single instance; the window's size and position remembered; pages served
 * from app://; every IPC call checked and relayed to the services running in a
 * utility process (which owns the database in the user data folder).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, utilityProcess, webContents } from 'electron';
import type { PdfSaved } from '../../src/api/contract';
import type { Result } from '../../src/domain/result';
import type { PrintOptions } from '../shared/print-options';
import { join } from 'node:path';
import { APP_NAME, APP_VERSION } from '../../src/domain/version';
import { CALL_CHANNEL, EVENT_CHANNEL, type FromService, type RendererEvent } from '../shared/messages';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppPage } from './app-origin';
import { installContentGuards, installSessionGuards } from './guards';
import { createCallHandler } from './ipc-calls';
import { buildMenuTemplate } from './menu';
import { serveAppRequest } from './protocol';
import { ServiceRelay, type ServiceProcess } from './service-relay';
import { createShellHandlers } from './shell-dialogs';
import { PathGrants } from './path-grants';
import { windowIconPath } from './window-icon';
import { mainWindowOptions } from './window-options';
import { loadWindowState, saveWindowState } from './window-state';

const REPORT_EXTENSIONS = ['xlsx', 'xls', 'et', 'ods', 'csv'];
const here = import.meta.dirname;
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const servicesEntry = join(here, 'services.cjs');
// The electron-vite dev server (hot reload) is trusted only when running from source.
const devServerUrl = !app.isPackaged && process.env['ELECTRON_RENDERER_URL'] ? process.env['ELECTRON_RENDERER_URL'] : null;
const devTools = !app.isPackaged;

// The data folder is the one the CLI uses too (…/rural-finance-monitor), whatever the product name.
app.setPath('userData', process.env['RFM_DATA_DIR'] ?? join(app.getPath('appData'), 'rural-finance-monitor'));
const dataDir = app.getPath('userData');
const dbPath = join(dataDir, 'rfm.sqlite');
const windowStateFile = join(dataDir, 'window-state.json');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let mainWindow: BrowserWindow | null = null;
/** The paths this session's dialogs and drops produced: the only ones relayed to the services. */
const grants = new PathGrants();

function sendToPage(event: RendererEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
}

function startServices(): ServiceProcess {
  const child = utilityProcess.fork(servicesEntry, [], {
    serviceName: `${APP_NAME} 后台服务`,
    stdio: 'inherit',
    env: {
      ...process.env,
      RFM_DB_PATH: dbPath,
      RFM_APP_ROOT: app.getAppPath(),
      RFM_RESOURCES: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
    },
  });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromService) => listener(message)),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(windowStateFile, screen.getAllDisplays().map((d) => d.workArea));
  const icon = windowIconPath({ platform: process.platform, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
  const win = new BrowserWindow(mainWindowOptions(state, preloadPath, devTools, icon));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(windowStateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

async function chooseAndImport(folder: boolean): Promise<void> {
  if (!mainWindow) return;
  const r = await dialog.showOpenDialog(mainWindow, {
    title: folder ? '导入文件夹中的报表' : '导入报表',
    defaultPath: app.getPath('documents'),
    properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
    ...(folder ? {} : { filters: [{ name: '报表文件', extensions: REPORT_EXTENSIONS }] }),
  });
  if (r.canceled || r.filePaths.length === 0) return;
  if (folder) for (const p of r.filePaths) grants.grantFolder(p);
  else grants.grantRead(r.filePaths);
  sendToPage({ kind: 'menu', command: { command: 'import', paths: r.filePaths } });
}

/** webContents.print() with the system dialog; a cancelled dialog is not a failure. */
function printPage(senderId: number, options: PrintOptions): Promise<{ printed: boolean; failure: string | null }> {
  const contents = webContents.fromId(senderId);
  if (!contents) return Promise.resolve({ printed: false, failure: '窗口已关闭' });
  return new Promise((done) => {
    contents.print(options, (printed, reason) => {
      done({ printed, failure: printed || /cancel/i.test(reason) ? null : '打印机或系统打印服务未能完成打印' });
    });
  });
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      importFiles: () => void chooseAndImport(false),
      importFolder: () => void chooseAndImport(true),
      send: (command) => sendToPage({ kind: 'menu', command }),
      openDataFolder: () => void shell.openPath(dataDir),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: '关于',
          message: APP_NAME,
          detail: `版本 ${APP_VERSION}\n数据文件夹：${dataDir}\n本程序完全离线运行，不会联网。`,
        }),
    },
    { devTools, platform: process.platform },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (!app.requestSingleInstanceLock()) {
  // Another window already owns the database: hand over to it and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => installContentGuards(contents, devServerUrl));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    installSessionGuards(session.defaultSession, devServerUrl);
    session.defaultSession.protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

    const relay = new ServiceRelay(startServices);
    app.on('will-quit', () => relay.stop());
    const handleCall = createCallHandler({
      relay,
      shell: createShellHandlers({
        open: (_event, req) => (mainWindow ? dialog.showOpenDialog(mainWindow, req) : dialog.showOpenDialog(req)),
        save: (_event, req) => (mainWindow ? dialog.showSaveDialog(mainWindow, req) : dialog.showSaveDialog(req)),
        showItemInFolder: (path) => shell.showItemInFolder(path),
        defaultDir: () => app.getPath('documents'),
        print: (event, options) => printPage(event.sender.id, options),
        printToPdf: async (event, options) => {
          const contents = webContents.fromId(event.sender.id);
          if (!contents) throw new Error('window closed');
          return contents.printToPDF(options);
        },
        savePdf: (args) => relay.call('pdf.save', args).result as Promise<Result<PdfSaved>>,
      }, grants),
      grants,
      isTrustedSender: (url) => isAppPage(url, devServerUrl),
    });
    ipcMain.handle(CALL_CHANNEL, (event, raw: unknown) => handleCall(event, raw));

    installMenu();
    mainWindow = createWindow();
  });
}
