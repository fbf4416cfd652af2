/**
 * Electron's security checklist, applied to every web contents and to the
 * session: no navigation away from our pages, no new windows, no <webview>,
 * no permissions (one exception, below), no request that is not app://, no
 * download of anything but a blob/data the page made itself.
 */
import type { Session, WebContents } from 'electron';
import { isAppPage } from './app-origin';
import { isRequestAllowed } from './request-filter';

/**
 * The only permission granted, and only to our own pages: writing (never
 * reading) the clipboard, so 复制图表 can put a chart's PNG there. Chromium
 * sanitizes what is written; nothing can be read back.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string, devServerUrl: string | null): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppPage(requestingUrl, devServerUrl);
}

export function installContentGuards(contents: WebContents, devServerUrl: string | null): void {
  const stayHome = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppPage(event.url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links with target=_blank and window.open: never a new window, never the system browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installSessionGuards(session: Session, devServerUrl: string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, devServerUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, devServerUrl));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, devServerUrl) });
  });
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (!(url.startsWith('blob:') || url.startsWith('data:')) || !isRequestAllowed(url, devServerUrl)) event.preventDefault();
  });
}
