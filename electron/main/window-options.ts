/**
 * The one window's options, kept pure so a test can assert them: the renderer
 * is sandboxed and context-isolated, has no Node, keeps web security, runs no
 * insecure content, no <webview>, and drops of files never navigate away.
 * The icon is given only where the platform needs it (see window-icon.ts).
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowState } from './window-state';

export const WINDOW_TITLE = '乡村振兴金融监测与考核';
export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 680;

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
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
    devTools,
  };
}

export function mainWindowOptions(state: WindowState, preloadPath: string, devTools: boolean, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    ...(iconPath ? { icon: iconPath } : {}),
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}
