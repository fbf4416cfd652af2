/**
 * The app's icon (electron/scripts/icons.mjs), rendered from the mark into a
 * scratch folder by the same command `npm run dist` runs into build/, then read
 * back from the bytes: the 1024 PNG shows the mark's colours where the drawing
 * puts them, the ICO is a well-formed icon of PNG entries at the seven Windows
 * sizes, electron-builder accepts both, and electron-builder.yml and the
 * window point at what the script writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { windowIconPath, WINDOW_ICON_FILE } from '../../electron/main/window-icon';
import { decodePng, pngSize } from './png-pixels';
import { loadBuilderConfig, REPO, scratchDir } from './support';

// The mark's colours, as drawn in src/ui/public/favicon.svg (a 32×32 drawing).
const GREEN = [0x2f, 0x7d, 0x5b, 255];
const WHITE = [255, 255, 255, 255];
const GOLD = [0xf2, 0xc1, 0x4e, 255];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

interface IcoEntry {
  width: number;
  height: number;
  planes: number;
  bitCount: number;
  length: number;
  offset: number;
  data: Buffer;
}

/** ICONDIR (reserved 0, type 1, count) then one 16-byte ICONDIRENTRY per image; width/height 0 means 256. */
function parseIco(ico: Buffer): IcoEntry[] {
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const length = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    return {
      width: ico.readUInt8(at) || 256,
      height: ico.readUInt8(at + 1) || 256,
      planes: ico.readUInt16LE(at + 4),
      bitCount: ico.readUInt16LE(at + 6),
      length,
      offset,
      data: ico.subarray(offset, offset + length),
    };
  });
}

interface IconConverter {
  convertIcon(o: { sources: string[]; fallbackSources: string[]; roots: string[]; format: 'ico' | 'set'; outDir: string }): Promise<{ icons: Array<{ file: string; size: number }> }>;
}
const { convertIcon } = createRequire(import.meta.url)('app-builder-lib/out/util/iconConverter') as IconConverter;

const scratch = scratchDir('icon');
const outDir = join(scratch.dir, 'build');
let png: Buffer;
let ico: Buffer;

beforeAll(() => {
  const run = spawnSync(process.execPath, ['electron/scripts/icons.mjs', '--out', outDir], { cwd: REPO, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  png = readFileSync(join(outDir, 'icon.png'));
  ico = readFileSync(join(outDir, 'icon.ico'));
});

afterAll(() => scratch.cleanup());

describe('icon.png (Linux menus and window)', () => {
  it('is the mark at 1024×1024: green square with rounded corners, white stroke, gold dot', () => {
    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([1024, 1024]);
    // Corners are cut round (radius 7/32 of the side), so the very corner is transparent…
    for (const [x, y] of [[3, 3], [1020, 3], [3, 1020], [1020, 1020]] as const) expect(image.at(x, y)[3], `${x},${y}`).toBe(0);
    // …while a point inset from the corner, inside the curve, and the edges are the green.
    for (const [x, y] of [[100, 100], [923, 923], [4, 512], [512, 1019]] as const) expect(image.at(x, y), `${x},${y}`).toEqual(GREEN);
    // The stroke's peak and both ends (drawing units (16,13), (7,22), (25,22); ×32).
    for (const [x, y] of [[512, 420], [224, 704], [800, 704]] as const) expect(image.at(x, y), `${x},${y}`).toEqual(WHITE);
    // The dot at (16,9), and the green between the stroke's legs.
    expect(image.at(512, 288)).toEqual(GOLD);
    expect(image.at(512, 620)).toEqual(GREEN);
  });
});

describe('icon.ico (Windows exe, shortcuts, installer)', () => {
  it('holds seven PNG entries at 16…256, each PNG the size its entry says, laid end to end', () => {
    const entries = parseIco(ico);
    expect(entries.map((e) => [e.width, e.height])).toEqual(ICO_SIZES.map((s) => [s, s]));
    expect(ico.readUInt8(6 + 16 * 6)).toBe(0); // 256 is written as 0
    let next = 6 + 16 * entries.length;
    for (const e of entries) {
      expect([e.planes, e.bitCount]).toEqual([1, 32]);
      expect(e.offset).toBe(next);
      expect(pngSize(e.data)).toEqual({ width: e.width, height: e.height });
      next += e.length;
    }
    expect(next).toBe(ico.length);
  });

  it('shows the mark at every size, the stroke still white at 16 px', () => {
    for (const e of parseIco(ico)) {
      const image = decodePng(e.data);
      expect(image.at(0, 0)[3], `${e.width} corner`).toBe(0);
      expect(image.at(1, e.width >> 1), `${e.width} edge`).toEqual(GREEN);
      // The dot (centre (16,9) of 32) covers this pixel whole at every size, 16 px included.
      expect(image.at(e.width >> 1, Math.floor((e.width * 9) / 32)), `${e.width} dot`).toEqual(GOLD);
    }
    const small = decodePng(parseIco(ico)[0]!.data);
    let whiteish = 0;
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) if (small.at(x, y).every((c) => c >= 220)) whiteish++;
    expect(whiteish).toBeGreaterThanOrEqual(6);
  });
});

describe('electron-builder and the window use what the script writes', () => {
  it('electron-builder takes the ICO as 256 px and the PNG as 1024 px, and refuses an ICO without 256', async () => {
    const roots = [outDir];
    await expect(convertIcon({ sources: ['icon.ico'], fallbackSources: [], roots, format: 'ico', outDir: join(scratch.dir, 'ico') })).resolves.toEqual({
      icons: [{ file: join(outDir, 'icon.ico'), size: 256 }],
      isFallback: false,
    });
    await expect(convertIcon({ sources: ['icon.png'], fallbackSources: [], roots, format: 'set', outDir: join(scratch.dir, 'set') })).resolves.toMatchObject({ icons: [{ size: 1024 }] });
    // The check is real: the same file cut to its first (16 px) entry is refused.
    const first = parseIco(ico)[0]!;
    const cut = Buffer.concat([ico.subarray(0, 4), Buffer.from([1, 0]), ico.subarray(6, 22), first.data]);
    cut.writeUInt32LE(22, 18);
    writeFileSync(join(scratch.dir, 'small.ico'), cut);
    await expect(convertIcon({ sources: ['small.ico'], fallbackSources: [], roots: [scratch.dir], format: 'ico', outDir: join(scratch.dir, 'small') })).rejects.toThrow(/at least 256x256/);
  });

  it('electron-builder.yml points win, nsis and linux at the generated files, and ships the window icon where main looks', () => {
    const config = loadBuilderConfig() as {
      directories: { buildResources: string };
      win: { icon: string };
      nsis: { installerIcon: string; uninstallerIcon: string };
      linux: { icon: string; extraResources: Array<{ from: string; to: string }> };
    };
    expect(config.directories.buildResources).toBe('build');
    expect([config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon]).toEqual(['build/icon.ico', 'build/icon.ico', 'build/icon.ico']);
    expect(config.linux.icon).toBe('build/icon.png');
    expect(config.linux.extraResources).toEqual([{ from: 'build/icon.png', to: WINDOW_ICON_FILE }]);
    // The names the script writes are the ones configured.
    for (const file of [config.win.icon, config.linux.icon]) expect(readFileSync(join(outDir, basename(file))).length, file).toBeGreaterThan(0);
    // The packaged Linux window loads the file extraResources copies beside app.asar.
    expect(windowIconPath({ platform: 'linux', isPackaged: true, resourcesPath: '/opt/rfm/resources', appPath: '/opt/rfm/resources/app.asar' })).toBe(
      join('/opt/rfm/resources', config.linux.extraResources[0]!.to),
    );
  });
});
