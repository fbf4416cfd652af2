/**
 * The app:// protocol handler: serves the built renderer (out/renderer) and
 * nothing else. GET only; the path is decoded one segment at a time and any
 * segment that could leave the folder ('..', '.', encoded slashes or
 * backslashes, NUL, drive letters) is refused before touching the disk; the
 * resolved file must lie inside the renderer folder even after symlinks.
 */
import { readFile, realpath, stat } from 'node:fs';
import { promisify } from 'node:util';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './csp';

export type AppPathResolution = { ok: true; file: string } | { ok: false; status: 400 | 403 };

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// The callback forms: Electron's asar support patches them for sure, so the packaged app (pages inside app.asar) reads the same way.
const readFileAsync = promisify(readFile);
const statAsync = promisify(stat);
const realpathAsync = promisify(realpath);

const URL_RE = new RegExp(`^${APP_SCHEME}://([^/?#]*)([^?#]*)`, 'i');
const UNSAFE_SEGMENT = /^\.{1,2}$|[/\\\0:]/;

/** Maps an app:// URL to a file inside rendererDir, or says why not. Does not touch the disk. */
export function resolveAppPath(rendererDir: string, rawUrl: string): AppPathResolution {
  const m = URL_RE.exec(rawUrl);
  if (!m || (m[1] ?? '').toLowerCase() !== APP_HOST) return { ok: false, status: 403 };
  const rawPath = m[2] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return { ok: false, status: 400 };
  const rawSegments = rawPath.split('/').slice(1);
  const segments: string[] = [];
  for (const [i, raw] of rawSegments.entries()) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    // An empty segment is only allowed last ("…/" means the folder's index); "//x" would be an absolute path.
    if (seg === '') {
      if (i === rawSegments.length - 1) continue;
      return { ok: false, status: 403 };
    }
    if (UNSAFE_SEGMENT.test(seg) || UNSAFE_SEGMENT.test(raw)) return { ok: false, status: 403 };
    segments.push(seg);
  }
  const root = resolve(rendererDir);
  const trailingSlash = rawPath === '' || rawPath.endsWith('/');
  const file = resolve(root, ...segments, ...(trailingSlash ? ['index.html'] : []));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { ok: false, status: 403 };
  // No fallback to index.html for unknown paths: the renderer routes by location hash (#/import).
  return { ok: true, file };
}

/** The headers every app:// response carries, whatever its status. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function refuse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

async function isInside(root: string, file: string): Promise<boolean> {
  // Inside app.asar there are no symlinks to follow: the archive holds only what the build put there.
  if (resolve(root).split(sep).some((part) => part.endsWith('.asar'))) return true;
  const [realRoot, realFile] = await Promise.all([realpathAsync(root), realpathAsync(file)]);
  return realFile === realRoot || realFile.startsWith(realRoot + sep);
}

/** Answers one request for protocol.handle('app', …). */
export async function serveAppRequest(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET') return refuse(405, '只允许 GET 请求。', { Allow: 'GET' });
  const resolved = resolveAppPath(rendererDir, request.url);
  if (!resolved.ok) return refuse(resolved.status, resolved.status === 400 ? '请求地址无效。' : '拒绝访问：地址超出程序目录。');
  try {
    const info = await statAsync(resolved.file);
    if (!info.isFile()) return refuse(404, '找不到该文件。');
    if (!(await isInside(rendererDir, resolved.file))) return refuse(403, '拒绝访问：地址超出程序目录。');
    const body = await readFileAsync(resolved.file);
    const type = MIME[extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { ...securityHeaders(), 'Content-Type': type } });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return refuse(404, '找不到该文件。');
    // Node's message names the absolute install path (and is English): the page is told only what happened.
    return refuse(500, '读取程序文件失败，安装可能不完整，请重新安装程序。');
  }
}
