/** Where the app's pages live: a privileged custom scheme, never file:// nor an HTTP server. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rfm';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The privileges registered for app:// before the app is ready (protocol.registerSchemesAsPrivileged). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  allowServiceWorkers: false,
  bypassCSP: false,
  corsEnabled: false,
  stream: false,
} as const;

/** The origin of a URL, or null when it has none we trust (opaque, unparsable). */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST ? APP_ORIGIN : null;
    return u.origin === 'null' ? null : u.origin;
  } catch {
    return null;
  }
}

/**
 * Is this page one of ours? The app:// origin always; the electron-vite dev
 * server only when the shell runs from source with ELECTRON_RENDERER_URL set.
 */
export function isAppPage(url: string, devServerUrl: string | null): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  return devServerUrl !== null && origin === originOf(devServerUrl);
}
