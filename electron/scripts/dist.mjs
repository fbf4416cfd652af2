#!/usr/bin/env node
/**
 * `npm run dist` (after `npm run build`): electron-builder with electron-builder.yml,
 * after rendering the app's icon into build/ (icons.mjs), plus the native-module
 * care one shared node_modules needs (see rebuild-native.mjs):
 *  - npm_config_nodedir is removed, or electron-builder's rebuild would build
 *    better-sqlite3 against Node's headers (exit 0, app broken at start);
 *  - electron-builder rebuilds node_modules/better-sqlite3 in place for
 *    Electron, so Node's binary is saved first and put back afterwards (the
 *    tests and the CLI keep working without a recompile);
 *  - every packaged better_sqlite3.node must target Electron's ABI, or this fails.
 * Arguments are passed to electron-builder (e.g. `npm run dist -- --linux deb --arm64`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAppIcons } from './icons.mjs';
import { NODE_ABI, electronTarget, moduleVersionOf, sqliteAddon } from './native-abi.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nodeAddon = sqliteAddon(join(root, 'node_modules', 'better-sqlite3'));
const saved = join(root, '.native', 'node', 'better_sqlite3.node');
const say = (/** @type {string} */ msg) => console.log(`[dist] ${msg}`);

if (!existsSync(join(root, 'out', 'main', 'index.cjs'))) {
  say('out/ is missing: run `npm run build` first (npm run dist does).');
  process.exit(1);
}
const target = electronTarget(root);
if (!target || target.abi === null) {
  say('Electron is not installed: run npm install first.');
  process.exit(1);
}

// electron-builder.yml points win, nsis and linux at these two files.
const icons = writeAppIcons(join(root, 'build'));
say(`icons rendered: ${icons.png}, ${icons.ico}`);

if (existsSync(nodeAddon) && moduleVersionOf(nodeAddon) === NODE_ABI) {
  mkdirSync(dirname(saved), { recursive: true });
  copyFileSync(nodeAddon, saved);
}

const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

const builder = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.yml', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});

if (existsSync(saved) && (!existsSync(nodeAddon) || moduleVersionOf(nodeAddon) !== NODE_ABI)) {
  copyFileSync(saved, nodeAddon);
  say(`restored Node's better-sqlite3 (ABI ${NODE_ABI}) in node_modules for the tests and the CLI.`);
}
if (builder.status !== 0) {
  say(`electron-builder failed (exit ${builder.status ?? builder.signal}).`);
  process.exit(builder.status || 1);
}

/**
 * Every better_sqlite3.node under release/ (the unpacked apps beside the installers).
 * @param {string} dir
 * @param {string[]} found
 * @returns {string[]}
 */
function packagedAddons(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) packagedAddons(p, found);
    else if (name === 'better_sqlite3.node' && p.includes('app.asar.unpacked')) found.push(p);
  }
  return found;
}

const addons = packagedAddons(join(root, 'release'));
const wrong = addons.filter((f) => moduleVersionOf(f) !== target.abi);
for (const f of addons) say(`${f}: NODE_MODULE_VERSION ${moduleVersionOf(f)}`);
if (addons.length === 0 || wrong.length > 0) {
  say(addons.length === 0 ? 'no packaged better_sqlite3.node found under release/.' : `built for the wrong ABI (Electron ${target.version} needs ${target.abi}): ${wrong.join(', ')}`);
  process.exit(1);
}
say(`packaged better-sqlite3 targets Electron ${target.version} (ABI ${target.abi}).`);
