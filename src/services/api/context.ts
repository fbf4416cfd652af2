/** What every handler works against: one open database. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../db/database';

export interface ServiceContext {
  db: DB;
  dbPath: string;
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

export function openContext(dbPath: string = defaultDbPath()): ServiceContext {
  return { db: openDatabase(dbPath), dbPath };
}

export function closeContext(ctx: ServiceContext): void {
  if (ctx.db.open) ctx.db.close();
}
