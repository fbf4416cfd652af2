/**
 * The native menu, in Chinese: 文件 / 编辑 / 视图 / 帮助. Items that need the
 * page (导入 after choosing files, 导出, 打印, 导出 PDF, 使用说明) become MenuCommands sent to
 * the window; the rest are Electron roles or actions of the shell.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src/api/contract';

export interface MenuActions {
  /** 导入报表…: choose files, then hand them to the page. */
  importFiles(): void;
  /** 导入文件夹…: choose a folder, then hand it to the page. */
  importFolder(): void;
  send(command: MenuCommand): void;
  openDataFolder(): void;
  about(): void;
}

export function buildMenuTemplate(actions: MenuActions, opts: { devTools: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    ...(opts.devTools ? [{ label: '开发者工具', role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  return [
    {
      label: '文件',
      submenu: [
        { label: '导入报表…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { label: '导入文件夹…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
        { label: '导出…', accelerator: 'CmdOrCtrl+E', click: () => actions.send({ command: 'export' }) },
        { type: 'separator' },
        // Ctrl+P is the page's own key (the window prepares every row and chart for paper, then prints):
        // shown here, not registered, so one press prints once, in the app and in the test harness alike.
        { label: '打印…', accelerator: 'CmdOrCtrl+P', registerAccelerator: false, click: () => actions.send({ command: 'print' }) },
        { label: '导出 PDF…', accelerator: 'CmdOrCtrl+Shift+P', registerAccelerator: false, click: () => actions.send({ command: 'pdf' }) },
        { type: 'separator' },
        { label: '打开数据文件夹', click: () => actions.openDataFolder() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: opts.platform === 'win32' ? 'Alt+F4' : 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '帮助',
      submenu: [
        { label: '使用说明', accelerator: 'F1', click: () => actions.send({ command: 'help' }) },
        { type: 'separator' },
        { label: '关于', click: () => actions.about() },
      ],
    },
  ];
}
