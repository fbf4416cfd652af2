#!/usr/bin/env node
/**
 * One `npm install`, two runtimes: how better-sqlite3 serves both Node and Electron.
 *
 * better-sqlite3 is a native addon, compiled for one ABI (NODE_MODULE_VERSION):
 * Node 20 is 115, Electron 45 is 150. A binary built for one refuses to load
 * in the other. So the install keeps two builds:
 *
 *  1. node_modules/better-sqlite3 stays built for Node by npm's own install
 *     step: the tests, the CLI and the benchmark use it.
 *  2. This script (the `postinstall`) copies the package to
 *     .native/electron/node_modules/better-sqlite3 and rebuilds that copy for
 *     Electron's ABI with @electron/rebuild (Electron's headers are fetched
 *     once into ~/.electron-gyp). npm_config_nodedir is removed from the
 *     environment first: when it is set (this machine's npm config sets
 *     nodedir=/usr) node-gyp silently builds against Node's headers and the
 *     result fails in Electron with a NODE_MODULE_VERSION mismatch. After the
 *     build the binary's ABI is read from its `node_register_module_v<N>`
 *     symbol and must equal Electron's, or the copy is discarded.
 *  3. In development (`npm start`, `npm run dev`) the utility process points
 *     better-sqlite3's `nativeBinding` option at that copy through
 *     RFM_SQLITE_BINDING (electron/utility/native-binding.ts,
 *     src/services/db/native.ts); if the copy is missing the app says so in
 *     Chinese and names `npm run rebuild:electron`.
 *  4. Packaged apps (`npm run dist`) use electron-builder's own rebuild
 *     (npmRebuild) and keep the addon outside app.asar (asarUnpack);
 *     electron/scripts/dist.mjs runs it without nodedir, checks the packaged
 *     binary's ABI, and puts Node's binary back into node_modules afterwards
 *     (electron-builder rebuilds node_modules in place).
 *
 * Offline (Electron's headers unreachable and not cached) or in CI (CI=true)
 * the Electron build is skipped with a message and the install still
 * succeeds; run `npm run rebuild:electron` later on a connected machine.
 * A mirror for the headers can be given in RFM_ELECTRON_HEADERS_URL.
 *
 * Usage: node electron/scripts/rebuild-native.mjs [--force]
 *   (postinstall: never fails; --force, i.e. `npm run rebuild:electron`:
 *   rebuilds even when up to date, and exits 1 when it cannot)
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronTarget, moduleVersionOf, sqliteAddon } from './native-abi.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const force = process.argv.includes('--force');
const headerURL = process.env.RFM_ELECTRON_HEADERS_URL || 'https://www.electronjs.org/headers';
const project = join(root, '.native', 'electron');
const copy = join(project, 'node_modules', 'better-sqlite3');
const stampFile = join(project, 'stamp.json');

const say = (/** @type {string} */ msg) => console.log(`[rebuild-native] ${msg}`);

/**
 * @param {boolean} ok
 * @param {string} msg
 */
function finish(ok, msg) {
  say(msg);
  process.exit(ok || !force ? 0 : 1);
}

/** @param {string} version */
async function headersReachable(version) {
  if (existsSync(join(homedir(), '.electron-gyp', version, 'include', 'node', 'node_version.h'))) return true;
  try {
    const r = await fetch(`${headerURL}/v${version}/node-v${version}-headers.tar.gz`, { method: 'HEAD', signal: AbortSignal.timeout(8000) });
    return r.ok;
  } catch {
    return false;
  }
}

async function main() {
  if (process.env.RFM_SKIP_ELECTRON_REBUILD === '1') return finish(true, 'skipped: RFM_SKIP_ELECTRON_REBUILD=1.');
  if (process.env.CI === 'true' && !force) return finish(true, 'skipped in CI: the tests use the Node build; Electron is not run in CI.');
  const target = electronTarget(root);
  if (!target || target.abi === null) return finish(true, 'skipped: Electron is not installed (production install), nothing to build for.');
  const source = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(source, 'package.json'))) return finish(false, 'skipped: node_modules/better-sqlite3 is missing.');
  const version = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const stamp = { electron: target.version, abi: target.abi, betterSqlite3: version, platform: process.platform, arch: process.arch };

  if (!force && existsSync(stampFile) && existsSync(sqliteAddon(copy))) {
    const old = readFileSync(stampFile, 'utf8');
    if (old === JSON.stringify(stamp) && moduleVersionOf(sqliteAddon(copy)) === target.abi) {
      return finish(true, `up to date: better-sqlite3 ${version} for Electron ${target.version} (ABI ${target.abi}) in .native/electron.`);
    }
  }

  if (!(await headersReachable(target.version))) {
    return finish(
      false,
      `skipped: Electron ${target.version}'s headers are not cached and ${headerURL} is unreachable (offline?). ` +
        'The Node build (tests, CLI) is fine; run `npm run rebuild:electron` on a connected machine before `npm start`.',
    );
  }

  rmSync(project, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  // The copy leaves Node's build/ behind so nothing of it can be mistaken for Electron's.
  cpSync(source, copy, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'rfm-native-electron', private: true, dependencies: { 'better-sqlite3': version } }, null, 2));

  // The trap: with nodedir set, node-gyp ignores --target and builds against Node's headers.
  for (const key of Object.keys(process.env)) if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];

  say(`building better-sqlite3 ${version} for Electron ${target.version} (ABI ${target.abi}, ${process.arch}); this compiles SQLite and takes a few minutes…`);
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: project, electronVersion: target.version, arch: process.arch, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true, headerURL, mode: 'sequential' });
  } catch (e) {
    rmSync(project, { recursive: true, force: true });
    return finish(false, `Electron build failed, skipped: ${e instanceof Error ? e.message : String(e)}. Run \`npm run rebuild:electron\` to retry.`);
  }

  const addon = sqliteAddon(copy);
  const built = existsSync(addon) ? moduleVersionOf(addon) : null;
  if (built !== target.abi) {
    rmSync(project, { recursive: true, force: true });
    return finish(false, `discarded: the build targets NODE_MODULE_VERSION ${built}, Electron ${target.version} needs ${target.abi} (built against Node's headers? npm_config_nodedir or a wrong headers cache).`);
  }
  writeFileSync(stampFile, JSON.stringify(stamp));
  return finish(true, `built .native/electron/…/better_sqlite3.node for Electron ${target.version}: NODE_MODULE_VERSION ${built} checked.`);
}

main().catch((e) => finish(false, `unexpected error, skipped: ${e instanceof Error ? e.stack : String(e)}`));
