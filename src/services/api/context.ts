/** What every handler works against: one open database. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../db/database';
import { ParsePool } from '../import/parsePool';
import { CheckedFiles } from '../import/checked';

export interface ServiceContext {
  db: DB;
  dbPath: string;
  /**
   * The import's parse workers, kept for the life of a long-running host (the desktop
   * app's services process) and started with it, so no import waits for workers to start
   * and load SheetJS. Absent in one-shot runs (the CLI), where each import makes its own.
   */
  parsePool?: ParsePool;
  /** The last check's parsed files, for the commit that follows it (import/checked.ts); openContext always makes one. */
  checked?: CheckedFiles;
}

export interface ContextOptions {
  /** Start a parse pool now and keep it (see ServiceContext.parsePool). */
  keepParsePool?: boolean;
  /** Open the database read-only (the CLI's read commands): nothing in the file can change. */
  readOnly?: boolean;
}

/** The user's data folder, as Electron's app.getPath('userData') would place it. */
export function defaultDataDir(): string {
  const fromEnv = process.env['RFM_DATA_DIR'];
  if (fromEnv) return fromEnv;
  const home = homedir();
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'rural-finance-monitor');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'rural-finance-monitor');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'rural-finance-monitor');
}

export function defaultDbPath(): string {
  return join(defaultDataDir(), 'rfm.sqlite');
}

export function openContext(dbPath: string = defaultDbPath(), opts: ContextOptions = {}): ServiceContext {
  const ctx: ServiceContext = { db: openDatabase(dbPath, opts.readOnly ? { readonly: true } : {}), dbPath, checked: new CheckedFiles() };
  if (opts.keepParsePool) {
    const pool = new ParsePool();
    // Started in the background: a worker that cannot start shows up as the pool's fallback on import.
    void pool.warm();
    ctx.parsePool = pool;
  }
  return ctx;
}

/** Import options that use the context's kept parse pool, when it has one, and its checked parses. */
export function importOptions(ctx: ServiceContext): { pool?: ParsePool; checked?: CheckedFiles } {
  return { ...(ctx.parsePool ? { pool: ctx.parsePool } : {}), ...(ctx.checked ? { checked: ctx.checked } : {}) };
}

export function closeContext(ctx: ServiceContext): void {
  // Workers are stopped, not awaited: closing happens on the way out of the process.
  void ctx.parsePool?.close();
  ctx.checked?.clear();
  if (ctx.db.open) ctx.db.close();
}
