/**
 * The session-wide request filter: no request leaves the machine. Only the
 * app's own pages (app://rfm), the built-in developer tools and in-memory
 * data:/blob: URLs pass; in development also the local electron-vite server.
 */
import { APP_ORIGIN, originOf } from './app-origin';

const LOCAL_DEV_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isRequestAllowed(url: string, devServerUrl: string | null): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  switch (u.protocol) {
    case 'app:':
      return originOf(url) === APP_ORIGIN;
    case 'devtools:':
    case 'data:':
      return true;
    case 'blob:':
      // blob:app://rfm/uuid — a blob made by our own page.
      return isRequestAllowed(url.slice('blob:'.length), devServerUrl);
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:': {
      if (devServerUrl === null) return false;
      let dev: URL;
      try {
        dev = new URL(devServerUrl);
      } catch {
        return false;
      }
      // The dev server's page and its hot-reload socket: same host and port, loopback only.
      return LOCAL_DEV_HOSTS.has(dev.hostname) && u.hostname === dev.hostname && u.port === dev.port;
    }
    default:
      return false;
  }
}
