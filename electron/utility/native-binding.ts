/**
 * Which better-sqlite3 binary the services load inside Electron.
 *
 * node_modules/better-sqlite3 is built for Node (tests, CLI). In development
 * Electron must load the copy that electron/scripts/rebuild-native.mjs built
 * for Electron's ABI under .native/electron; the utility process points
 * better-sqlite3's `nativeBinding` at it through RFM_SQLITE_BINDING
 * (src/services/db/native.ts). A packaged app (inside app.asar) was rebuilt
 * by electron-builder and loads its own node_modules copy: no override.
 */
import { join, sep } from 'node:path';
import { appErrorOf, type AppError } from '../../src/domain/result';

export const DEV_BINDING_PARTS = ['.native', 'electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'] as const;

export type BindingChoice = { kind: 'packaged' } | { kind: 'dev'; path: string } | { kind: 'missing'; error: AppError };

/** appRoot: the folder holding package.json (app.getAppPath()). */
export function chooseSqliteBinding(appRoot: string, exists: (path: string) => boolean): BindingChoice {
  if (appRoot.split(sep).some((part) => part.endsWith('.asar'))) return { kind: 'packaged' };
  const path = join(appRoot, ...DEV_BINDING_PARTS);
  if (exists(path)) return { kind: 'dev', path };
  return {
    kind: 'missing',
    // The folder relative to the program, never the absolute install path.
    error: appErrorOf('E_NATIVE_MISSING', { path: DEV_BINDING_PARTS.join('/') }),
  };
}
