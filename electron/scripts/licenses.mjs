#!/usr/bin/env node
/**
 * Writes resources/licenses.txt: every package the app ships (the production
 * dependency tree of package-lock.json, optional platform builds included),
 * with its version and declared licence, sorted by name. The packaged app also
 * carries Electron's own LICENSE and LICENSES.chromium.html (added by
 * electron-builder).
 *
 * Usage: node electron/scripts/licenses.mjs          (write the file)
 *        node electron/scripts/licenses.mjs --check  (exit 1 if it is out of date)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'resources', 'licenses.txt');

/**
 * The licence a package declares: the lockfile's field, else its package.json, else says so.
 * @param {string} path
 * @param {{ license?: unknown }} entry
 * @returns {string}
 */
function licenceOf(path, entry) {
  if (typeof entry.license === 'string') return entry.license;
  const pj = join(root, path, 'package.json');
  if (existsSync(pj)) {
    const meta = JSON.parse(readFileSync(pj, 'utf8'));
    if (typeof meta.license === 'string') return meta.license;
    if (Array.isArray(meta.licenses)) return meta.licenses.map((/** @type {{ type?: string }} */ l) => l.type ?? String(l)).join(' OR ');
  }
  return 'UNDECLARED (the package states no licence; see its source)';
}

export function renderLicenses() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const rows = new Map();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.dev || entry.devOptional || entry.link) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const key = `${name}@${entry.version}`;
    if (!rows.has(key)) rows.set(key, { name, version: entry.version, licence: licenceOf(path, entry), optional: entry.optional === true });
  }
  const list = [...rows.values()].sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1));
  const counts = new Map();
  for (const r of list) counts.set(r.licence, (counts.get(r.licence) ?? 0) + 1);
  const lines = [
    '乡村振兴金融监测与考核 — 随程序发布的第三方软件包及其许可证',
    'Third-party packages shipped with the app and their licences.',
    'Generated from package-lock.json by `npm run licenses`; a test checks it is up to date.',
    'The packaged app also contains Electron (MIT) with its LICENSE and LICENSES.chromium.html.',
    '',
    `Packages: ${list.length}`,
    ...[...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l, n]) => `  ${l}: ${n}`),
    '',
    ...list.map((r) => `${r.name}@${r.version}  ${r.licence}${r.optional ? '  (optional, platform-specific)' : ''}`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = renderLicenses();
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('resources/licenses.txt is out of date with package-lock.json: run `npm run licenses`.');
      process.exit(1);
    }
    console.log('resources/licenses.txt is up to date.');
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
