// Helpers shared by the native-module scripts: which ABI a built .node file
// targets, and which ABI Electron and Node expect.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The NODE_MODULE_VERSION a native addon was built for, read from the binary
 * without loading it: NODE_MODULE_INIT exports `node_register_module_v<ABI>`
 * (ELF, PE and Mach-O alike keep the symbol name as plain text).
 * Returns null when the file has no such symbol (e.g. a Node-API-only addon).
 * @param {string} file
 * @returns {number | null}
 */
export function moduleVersionOf(file) {
  const text = readFileSync(file).toString('latin1');
  const m = /node_register_module_v(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The installed Electron's version and NODE_MODULE_VERSION, or null when Electron is not installed.
 * @param {string} root
 * @returns {{ version: string, abi: number | null } | null}
 */
export function electronTarget(root) {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
  } catch {
    return null;
  }
  let abi = null;
  try {
    abi = Number(readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim()) || null;
  } catch {
    abi = null;
  }
  if (abi === null) {
    try {
      abi = Number(require('node-abi').getAbi(pkg.version, 'electron'));
    } catch {
      abi = null;
    }
  }
  return { version: pkg.version, abi };
}

export const NODE_ABI = Number(process.versions.modules);

/**
 * Where better-sqlite3 keeps its compiled addon inside a package folder.
 * @param {string} pkgDir
 */
export function sqliteAddon(pkgDir) {
  return join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
}
