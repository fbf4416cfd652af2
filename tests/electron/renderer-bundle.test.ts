/**
 * The renderer bundle the app ships (built here with the app's own
 * electron-vite config) contains no remote URL: nothing in it can ask for a
 * resource from outside the machine. The scanner itself is checked on planted
 * examples so a clean result means something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { findRemoteUrls } from './remote-urls';
import { scratchDir } from './support';
import { buildApp } from '../helpers/electronBuild';

const scratch = scratchDir('renderer');
const rendererOut = join(scratch.dir, 'out', 'renderer');
const TEXT_FILES = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

beforeAll(() => {
  buildApp(join(scratch.dir, 'out'), 'renderer');
}, 180_000);
afterAll(() => scratch.cleanup());

describe('renderer bundle', () => {
  it('has no remote URL anywhere it could be loaded', () => {
    const files = walk(rendererOut);
    expect(files.map((f) => relative(rendererOut, f))).toContain('index.html');
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    const texts = files.filter((f) => TEXT_FILES.has(extname(f))).map((f) => ({ file: relative(rendererOut, f), text: readFileSync(f, 'utf8') }));
    expect(findRemoteUrls(texts)).toEqual([]);
  });

  it('loads its scripts and styles from relative paths only (served by app://)', () => {
    const html = readFileSync(join(rendererOut, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^\.\//);
  });

  it('the scanner catches remote URLs in code, markup and styles, and ignores comments, namespaces and loopback', () => {
    const planted = [
      { file: 'a.js', text: 'const r = fetch("https://cdn.example.com/data.json");\nnew WebSocket(`wss://push.example.net/s`);' },
      { file: 'b.html', text: '<script src="//cdn.jsdelivr.net/npm/vue"></script>\n<link href="http://fonts.example.org/x.css">' },
      { file: 'c.css', text: '@font-face{src:url(https://fonts.gstatic.com/s/noto.woff2)}\n.x{background:url(//img.example.com/a.png)}' },
      { file: 'd.js', text: 'import("https://esm.sh/lodash")' },
      {
        file: 'ok.js',
        text: '/**\n * see https://github.com/vuejs/pinia/issues/870\n */\nconst ns = "http://www.w3.org/2000/svg";\n// http://example.com in a line comment\nconst dev = "http://localhost:5173/";',
      },
    ];
    const found = findRemoteUrls(planted).map((f) => `${f.file}:${f.line} ${f.url}`);
    expect(found).toEqual([
      'a.js:1 https://cdn.example.com/data.json',
      'a.js:2 wss://push.example.net/s',
      'b.html:1 //cdn.jsdelivr.net/npm/vue',
      'b.html:2 http://fonts.example.org/x.css',
      'c.css:1 https://fonts.gstatic.com/s/noto.woff2',
      'c.css:2 //img.example.com/a.png',
      'd.js:1 https://esm.sh/lodash',
    ]);
  });
});
