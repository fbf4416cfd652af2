/**
 * Opens the single database file: WAL, foreign keys on, migrations applied at
 * open, shipped catalogues seeded on first open (and new catalogue versions
 * added later without touching analysts' edits).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { seedCatalogues } from './seed';
import { AppFailure } from '../../domain/result';
import { nativeBindingPath } from './native';

export type DB = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Skip seeding (tests of migrations). */
  seed?: boolean;
}

export function openDatabase(path: string, opts: OpenOptions = {}): DB {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: DB;
  try {
    const binding = nativeBindingPath();
    db = new Database(path, {
      readonly: opts.readonly ?? false,
      fileMustExist: opts.readonly ?? false,
      timeout: 5000,
      ...(binding ? { nativeBinding: binding } : {}),
    });
  } catch (e) {
    throw new AppFailure('E_DB_OPEN', `无法打开数据库文件「${path}」：${(e as Error).message}。请检查文件路径和读写权限。`);
  }
  try {
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
      if (opts.seed !== false) seedCatalogues(db);
    }
  } catch (e) {
    db.close();
    if (e instanceof AppFailure) throw e;
    const msg = (e as Error).message;
    if (/not a database|file is encrypted|malformed/i.test(msg)) {
      throw new AppFailure('E_DB_CORRUPT', `「${path}」不是有效的数据库文件或已损坏：${msg}。请从备份恢复。`);
    }
    throw new AppFailure('E_DB_OPEN', `打开数据库「${path}」失败：${msg}`);
  }
  return db;
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: DB): void {
  const current = schemaVersion(db);
  const newest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > newest) {
    throw new AppFailure('E_DB_TOO_NEW', `数据库版本（${current}）比本程序支持的版本（${newest}）新，请升级程序后再打开。`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function integrityCheck(db: DB): { ok: boolean; messages: string[]; foreignKeyViolations: number } {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check);
  const fk = db.pragma('foreign_key_check') as unknown[];
  return { ok: messages.length === 1 && messages[0] === 'ok' && fk.length === 0, messages, foreignKeyViolations: fk.length };
}

export function nowIso(): string {
  return new Date().toISOString();
}
