/**
 * Opens the single database file: WAL, foreign keys on, migrations applied at
 * open, shipped catalogues seeded on first open (and new catalogue versions
 * added later without touching analysts' edits).
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { seedCatalogues } from './seed';
import { AppFailure } from '../../domain/result';
import { nativeBindingPath } from './native';
import { backupBeforeMigration } from '../backup/files';

export type DB = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Skip seeding (tests of migrations). */
  seed?: boolean;
  /** The schema history to apply (tests of upgrades from older versions); default: MIGRATIONS. */
  migrations?: Migration[];
}

export function openDatabase(path: string, opts: OpenOptions = {}): DB {
  if (path !== ':memory:' && !opts.readonly) ensureWritable(path);
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
  immediateTransactions(db);
  try {
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) prepareForWriting(db, path, opts);
  } catch (e) {
    db.close();
    if (e instanceof AppFailure) throw e;
    const msg = (e as Error).message;
    if (/database or disk is full|SQLITE_FULL/i.test(msg)) {
      throw new AppFailure('E_DISK_FULL', `磁盘空间已满，无法打开并升级数据库「${path}」。数据库保持原样，请清理磁盘后重试。`);
    }
    if (/not a database|file is encrypted|malformed/i.test(msg)) {
      throw new AppFailure('E_DB_CORRUPT', `「${path}」不是有效的数据库文件或已损坏：${msg}。请从备份恢复。`);
    }
    throw new AppFailure('E_DB_OPEN', `打开数据库「${path}」失败：${msg}`);
  }
  return db;
}

/**
 * Every `db.transaction(fn)` of this program starts with BEGIN IMMEDIATE. With the
 * default (deferred) BEGIN, a transaction that reads before it writes fails at once
 * with SQLITE_BUSY when another process (the CLI beside the desktop app) committed
 * in between — the busy timeout cannot help, because its snapshot is already stale.
 * IMMEDIATE takes the write lock up front, so concurrent writers queue on the busy
 * timeout instead. Nested calls still become savepoints.
 */
function immediateTransactions(db: DB): void {
  const make = db.transaction.bind(db);
  db.transaction = <F extends (...args: never[]) => unknown>(fn: F): Database.Transaction<F> => {
    const t = make(fn);
    return Object.assign(t.immediate.bind(t), { default: t.immediate, deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive });
  };
}

/**
 * WAL, then migrations, then seeding. A file written by an older version of the
 * program is backed up (into the backups folder) before the first migration runs.
 * Also used after a restore, on the same connection.
 */
export function prepareForWriting(db: DB, path: string, opts: Pick<OpenOptions, 'seed' | 'migrations'> = {}): void {
  db.pragma('journal_mode = WAL');
  // FULL: every commit (one per imported file) is synced to disk before the importer reports
  // the file as imported, so a power cut loses nothing committed. NORMAL would survive a
  // crash of the program but may roll back the last commits of a power cut.
  db.pragma('synchronous = FULL');
  const migrations = opts.migrations ?? MIGRATIONS;
  const current = schemaVersion(db);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (path !== ':memory:' && current > 0 && current < newest) backupBeforeMigration(db, path, current, newest);
  migrate(db, migrations);
  if (opts.seed !== false) seedCatalogues(db);
}

/**
 * SQLite silently opens a write-protected file read-only and then fails at the
 * first write (or cannot create its WAL files in a read-only folder), so the
 * check is made up front, with a message that says what to do.
 */
function ensureWritable(path: string): void {
  const dir = dirname(path);
  const readOnly = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') {
      throw new AppFailure('E_DB_OPEN', `无法打开数据库文件「${path}」：${(e as Error).message}。请检查文件路径。`);
    }
    throw new AppFailure(
      'E_READ_ONLY',
      `数据库文件「${path}」或其所在文件夹是只读的（${code}），程序需要写入权限才能保存数据。请修改文件夹权限，或把数据库复制到可写的位置后用 --db 指定。数据未作任何改动。`,
    );
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    readOnly(e);
  }
  for (const p of existsSync(path) ? [dir, path] : [dir]) {
    try {
      accessSync(p, constants.W_OK);
    } catch (e) {
      readOnly(e);
    }
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: DB, migrations: Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > newest) {
    throw new AppFailure('E_DB_TOO_NEW', `数据库版本（${current}）比本程序支持的版本（${newest}）新，请升级程序后再打开。`);
  }
  for (const m of migrations) {
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

export { nowIso } from '../../domain/clock';
