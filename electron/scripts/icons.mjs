#!/usr/bin/env node
/**
 * The app's icon for the installers, the window and the taskbar, rendered from
 * the one drawing of the mark, src/ui/public/favicon.svg (the renderer's
 * favicon too, so the two never drift apart):
 *   icon.png  1024×1024: Linux deb/AppImage menus, the Linux window (electron-builder.yml)
 *   icon.ico  PNG entries at 16…256: the Windows exe and its shortcuts, the NSIS installer and uninstaller
 * Each size is rendered from the SVG itself rather than scaled down from
 * 1024, so small sizes stay sharp.
 *
 * `npm run dist` (dist.mjs), `npm start` and `npm run dev` write them to build/
 * (generated, not committed); `node electron/scripts/icons.mjs --out DIR` writes elsewhere.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MARK_SVG = join(root, 'src', 'ui', 'public', 'favicon.svg');
export const PNG_SIZE = 1024;
/** The sizes Windows picks from: small icons, taskbar and Explorer at 100–200 % scaling, and the 256 "jumbo" view. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/**
 * The mark as a square PNG of `size` pixels (transparent outside the rounded square).
 * @param {string} svg
 * @param {number} size
 * @returns {Buffer}
 */
export function renderMark(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/**
 * A Windows .ico holding PNG images (supported since Windows Vista): the
 * ICONDIR header, one 16-byte ICONDIRENTRY per image, then the PNG files.
 * A width/height byte of 0 means 256.
 * @param {{ size: number, png: Buffer }[]} images
 * @returns {Buffer}
 */
export function icoFromPngs(images) {
  const dirSize = 6 + 16 * images.length;
  const dir = Buffer.alloc(dirSize);
  dir.writeUInt16LE(0, 0); // reserved
  dir.writeUInt16LE(1, 2); // type 1 = icon
  dir.writeUInt16LE(images.length, 4);
  let offset = dirSize;
  images.forEach(({ size, png }, i) => {
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new Error(`ICO images are 1–256 px, not ${size}`);
    const at = 6 + 16 * i;
    dir.writeUInt8(size === 256 ? 0 : size, at); // width
    dir.writeUInt8(size === 256 ? 0 : size, at + 1); // height
    dir.writeUInt8(0, at + 2); // no palette
    dir.writeUInt8(0, at + 3); // reserved
    dir.writeUInt16LE(1, at + 4); // colour planes
    dir.writeUInt16LE(32, at + 6); // bits per pixel (RGBA)
    dir.writeUInt32LE(png.length, at + 8);
    dir.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([dir, ...images.map((image) => image.png)]);
}

/**
 * Renders build/icon.png and build/icon.ico (or into `outDir`); returns their paths.
 * @param {string} outDir
 */
export function writeAppIcons(outDir) {
  const svg = readFileSync(MARK_SVG, 'utf8');
  mkdirSync(outDir, { recursive: true });
  const png = join(outDir, 'icon.png');
  const ico = join(outDir, 'icon.ico');
  writeFileSync(png, renderMark(svg, PNG_SIZE));
  writeFileSync(ico, icoFromPngs(ICO_SIZES.map((size) => ({ size, png: renderMark(svg, size) }))));
  return { png, ico };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--out');
  if (at >= 0 && !process.argv[at + 1]) {
    console.error('[icons] --out needs a folder');
    process.exit(1);
  }
  const given = process.argv[at + 1];
  const outDir = at >= 0 && given ? resolve(given) : join(root, 'build');
  const written = writeAppIcons(outDir);
  console.log(`[icons] ${written.png}\n[icons] ${written.ico}`);
}
