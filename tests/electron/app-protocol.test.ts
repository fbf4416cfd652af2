/** The app:// protocol handler: serves the renderer folder, nothing outside it, GET only, always with the CSP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveAppPath, serveAppRequest } from '../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { scratchDir } from './support';

const scratch = scratchDir('protocol');
const renderer = join(scratch.dir, 'renderer');

beforeAll(() => {
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>首页</title>');
  writeFileSync(join(renderer, 'assets', 'app-1234.js'), 'console.log("ok")');
  writeFileSync(join(renderer, 'assets', 'style.css'), 'body{}');
  // Secrets beside and above the renderer folder that no URL may reach.
  writeFileSync(join(scratch.dir, 'secret.txt'), 'SECRET');
  symlinkSync(join(scratch.dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
});
afterAll(() => scratch.cleanup());

const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(new Request(url, { method }), renderer);

describe('app:// protocol', () => {
  it('serves the renderer’s files with their type and the CSP', async () => {
    for (const [url, type, body] of [
      ['app://rfm/index.html', 'text/html; charset=utf-8', '<!doctype html><title>首页</title>'],
      ['app://rfm/', 'text/html; charset=utf-8', '<!doctype html><title>首页</title>'],
      ['app://rfm/assets/app-1234.js', 'text/javascript; charset=utf-8', 'console.log("ok")'],
      ['app://rfm/assets/style.css?v=1#x', 'text/css; charset=utf-8', 'body{}'],
    ] as const) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type')).toBe(type);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await r.text()).toBe(body);
    }
  });

  it('refuses every way out of the renderer folder', async () => {
    const attempts = [
      'app://rfm/../../etc/passwd',
      'app://rfm/../secret.txt',
      'app://rfm/assets/../../secret.txt',
      'app://rfm/%2e%2e/secret.txt',
      'app://rfm/%2E%2E/%2E%2E/etc/passwd',
      'app://rfm/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://rfm/..%2fsecret.txt',
      'app://rfm/..%5csecret.txt',
      'app://rfm/..\\secret.txt',
      'app://rfm/%252e%252e/secret.txt',
      'app://rfm//etc/passwd',
      'app://rfm/%2fetc%2fpasswd',
      'app://rfm/C:/Windows/win.ini',
      'app://rfm/C%3A%5CWindows%5Cwin.ini',
      'app://rfm/index.html%00.js',
      'app://evil/index.html',
      'app://rfm.evil/index.html',
      'app:///etc/passwd',
      'app://rfm/assets/link.txt',
    ];
    for (const url of attempts) {
      const r = await get(url);
      expect([400, 403, 404], url).toContain(r.status);
      expect(await r.text(), url).not.toContain('SECRET');
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    // The resolver alone refuses before touching the disk, also the raw forms a URL parser would have normalised.
    for (const raw of ['app://rfm/../../etc/passwd', 'app://rfm/assets/../index.html', 'app://rfm/./index.html', 'app://rfm/a/%2E%2e/b', 'app://rfm/..%5C..%5Cx']) {
      expect(resolveAppPath(renderer, raw), raw).toEqual({ ok: false, status: 403 });
    }
    expect(resolveAppPath(renderer, 'app://rfm/assets/app-1234.js')).toEqual({ ok: true, file: join(renderer, 'assets', 'app-1234.js') });
    expect(resolveAppPath(renderer, 'app://rfm/%2e%2e/x')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(renderer, 'app://rfm/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    // The symlink is refused because its target is outside, not merely missing.
    expect((await get('app://rfm/assets/link.txt')).status).toBe(403);
  });

  it('answers only GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']) {
      const r = await get('app://rfm/index.html', method);
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('GET');
    }
  });

  it('says 404 for a missing file or a folder', async () => {
    for (const url of ['app://rfm/assets/missing.js', 'app://rfm/import', 'app://rfm/assets']) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(await r.text()).toMatch(/找不到/);
    }
  });
});
