/**
 * Opens the single database file. Only a file that is this program's database
 * (or an empty one, which becomes one) is ever changed: a foreign SQLite file,
 * a database written by a newer version, or a damaged file is refused before
 * anything is written — no tables added, no switch to WAL. A writable open then
 * backs up an older database, switches to WAL, applies the migrations and seeds
 * the shipped catalogues (new catalogue versions added later without touching
 * analysts' edits). A read-only open (the read commands) changes nothing at all.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { seedCatalogues } from './seed';
import { AppFailure, fail, failure } from '../../domain/result';
import { nativeBindingPath } from './native';
import { backupBeforeMigration } from '../backup/files';
import { assertRegularFile, readProblem } from '../files/inputs';

export type DB = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Skip seeding (tests of migrations). */
  seed?: boolean;
  /** The schema history to apply (tests of upgrades from older versions); default: MIGRATIONS. */
  migrations?: Migration[];
}

export function openDatabase(path: string, opts: OpenOptions = {}): DB {
  const readonly = opts.readonly ?? false;
  if (path !== ':memory:') {
    if (existsSync(path)) assertRegularFile(path, { what: '数据库文件' });
    else if (readonly) throw failure('E_DB_NOT_FOUND', { path });
    if (!readonly) ensureWritable(path);
  }
  let db: DB;
  try {
    const binding = nativeBindingPath();
    db = new Database(path, {
      readonly,
      fileMustExist: readonly,
      timeout: 5000,
      ...(binding ? { nativeBinding: binding } : {}),
    });
  } catch (e) {
    fail('E_DB_OPEN', { what: `数据库文件「${path}」`, reason: openProblem(e) });
  }
  immediateTransactions(db);
  try {
    db.pragma('foreign_keys = ON');
    if (readonly) checkReadable(db, path, opts.migrations ?? MIGRATIONS);
    else prepareForWriting(db, path, opts);
  } catch (e) {
    db.close();
    if (e instanceof AppFailure) throw e;
    const msg = (e as Error).message;
    const code = (e as { code?: unknown }).code;
    if (/database or disk is full|SQLITE_FULL/i.test(`${String(code)} ${msg}`)) {
      fail('E_DISK_FULL', { what: `打开并升级数据库「${path}」` });
    }
    if (/not a database|file is encrypted|malformed|SQLITE_NOTADB|SQLITE_CORRUPT/i.test(`${String(code)} ${msg}`)) {
      fail('E_DB_NOT_DATABASE', { path });
    }
    if (/SQLITE_BUSY|database is locked/i.test(`${String(code)} ${msg}`)) {
      fail('E_DB_BUSY', { what: `数据库「${path}」` });
    }
    fail('E_DB_OPEN', { what: `数据库文件「${path}」`, reason: '请检查文件是否完好、磁盘是否可读' });
  }
  return db;
}

/** Why better-sqlite3 could not open a file, in words a user knows (its messages are English). */
function openProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const msg = e instanceof Error ? e.message : '';
  if (/directory does not exist/i.test(msg)) return '所在文件夹不存在，请检查文件路径';
  if (code === 'SQLITE_CANTOPEN' || /unable to open/i.test(msg)) return '文件不存在或无法访问，请检查文件路径和读写权限';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_READONLY' || /permission|EACCES/i.test(msg)) return '没有访问权限，请检查文件的读写权限';
  return '请检查文件路径和读写权限';
}

/**
 * PRAGMA application_id of this program's databases (migration 6 sets it; the
 * ASCII of "RFM1"). SQLite files of other programs carry their own or none.
 */
export const APPLICATION_ID = 0x52464d31;

/** Tables every database of this program has; an older file (before application_id) is recognised by them. */
export const APP_TABLES = ['meta', 'institutions', 'import_batches', 'submissions', 'submission_values', 'audit_log'];

export type DatabaseIdentity =
  | { kind: 'empty' }
  | { kind: 'ours'; version: number }
  | { kind: 'foreign'; why: string };

/**
 * Whether an open SQLite file is this program's database: its application_id, or
 * (files from before migration 6) the program's tables and a schema version. An
 * empty file — no schema at all — may become one. Reads only.
 */
export function identifyDatabase(db: DB): DatabaseIdentity {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = schemaVersion(db);
  if (appId === APPLICATION_ID) return { kind: 'ours', version };
  if (appId !== 0) return { kind: 'foreign', why: `它属于另一个程序（应用标识 0x${(appId >>> 0).toString(16)}）` };
  const objects = db.prepare(`SELECT type, name FROM sqlite_master`).all() as { type: string; name: string }[];
  if (objects.length === 0 && version === 0) return { kind: 'empty' };
  const tables = new Set(objects.filter((o) => o.type === 'table').map((o) => o.name));
  const missing = APP_TABLES.filter((t) => !tables.has(t));
  if (missing.length === 0 && version >= 1) return { kind: 'ours', version };
  return { kind: 'foreign', why: missing.length < APP_TABLES.length ? `它缺少本程序的数据表（${missing.join('、')}）` : '其中没有本程序的数据表' };
}

function refuseForeign(path: string, why: string): never {
  throw failure('E_DB_FOREIGN', { path, why });
}

function refuseTooNew(path: string, version: number, newest: number): never {
  fail('E_DB_TOO_NEW', { path, version, newest });
}

/** A read-only open: this program's database at exactly this version, or refused. */
function checkReadable(db: DB, path: string, migrations: Migration[]): void {
  const id = identifyDatabase(db);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (id.kind === 'foreign') refuseForeign(path, id.why);
  if (id.kind === 'empty') throw failure('E_DB_EMPTY', { path });
  if (id.version > newest) refuseTooNew(path, id.version, newest);
  if (id.version < newest) {
    throw failure('E_DB_NEEDS_UPGRADE', { path, version: id.version, newest });
  }
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
 * Identity and version first — a foreign file or a newer database is refused
 * before anything is written — then a backup of an older database, then WAL,
 * migrations and seeding. Also used after a restore, on the same connection.
 */
export function prepareForWriting(db: DB, path: string, opts: Pick<OpenOptions, 'seed' | 'migrations'> = {}): void {
  const migrations = opts.migrations ?? MIGRATIONS;
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  const id = identifyDatabase(db);
  if (id.kind === 'foreign') refuseForeign(path, id.why);
  const current = id.kind === 'ours' ? id.version : 0;
  if (current > newest) refuseTooNew(path, current, newest);
  if (path !== ':memory:' && current > 0 && current < newest) backupBeforeMigration(db, path, current, newest);
  db.pragma('journal_mode = WAL');
  // FULL: every commit (one per imported file) is synced to disk before the importer reports
  // the file as imported, so a power cut loses nothing committed. NORMAL would survive a
  // crash of the program but may roll back the last commits of a power cut.
  db.pragma('synchronous = FULL');
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
      fail('E_DB_OPEN', { what: `数据库文件「${path}」`, reason: readProblem(e) });
    }
    fail('E_DB_READ_ONLY', { path });
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
    fail('E_DB_TOO_NEW', { path: db.name, version: current, newest });
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export interface IntegrityResult {
  ok: boolean;
  /** How many problems SQLite listed (0 when ok). */
  problems: number;
  /** What was found, in Chinese (SQLite's own lines are English and name internals). */
  messages: string[];
  foreignKeyViolations: number;
}

/** One of SQLite's integrity_check lines as a Chinese sentence. */
function integrityLine(line: string): string {
  const index = /(?:missing from index|entries in index|index) (\S+)/i.exec(line);
  if (index) return `索引「${index[1]}」与数据表不一致`;
  const table = /(?:NULL value in|CHECK constraint failed in|non-\w+ value in) (\w+)/i.exec(line);
  if (table) return `数据表「${table[1]}」中有不符合约束的数据`;
  if (/never used|reference to page|freelist/i.test(line)) return '数据库文件的空闲页记录有误';
  const page = /page (\d+)/i.exec(line);
  if (page) return `数据库文件第 ${page[1]} 页的结构已损坏`;
  return '数据库文件的结构有误';
}

/**
 * PRAGMA integrity_check (or the cheaper quick_check, which skips comparing indexes
 * with their tables) and the foreign keys, told in Chinese.
 */
export function integrityCheck(db: DB, opts: { quick?: boolean } = {}): IntegrityResult {
  const pragma = opts.quick ? 'quick_check' : 'integrity_check';
  let lines: string[];
  let fk: unknown[];
  try {
    lines = (db.pragma(pragma) as Record<string, string>[]).map((r) => String(Object.values(r)[0] ?? ''));
    fk = opts.quick ? [] : (db.pragma('foreign_key_check') as unknown[]);
  } catch {
    // A file too damaged for the check to finish (SQLITE_CORRUPT) is damaged.
    return { ok: false, problems: 1, messages: ['数据库文件的结构已损坏，检查无法完成'], foreignKeyViolations: 0 };
  }
  const fine = lines.length === 1 && lines[0] === 'ok';
  const messages = fine ? [] : [...new Set(lines.map(integrityLine))].slice(0, 10);
  if (fk.length > 0) messages.push(`有 ${fk.length} 条记录引用了不存在的数据（外键违例）`);
  return { ok: fine && fk.length === 0, problems: fine ? 0 : lines.length, messages, foreignKeyViolations: fk.length };
}

/**
 * Before an import writes: PRAGMA quick_check (the b-tree structure of every page,
 * without comparing indexes to tables — see the bench's 完整性快速检查 row for its cost).
 * On a damaged file every further write can spread the damage, so writing is refused
 * until the analyst restores a backup.
 */
export function assertIntactForWriting(db: DB, what = '导入'): void {
  const r = integrityCheck(db, { quick: true });
  if (r.ok) return;
  throw failure('E_DB_DAMAGED', { problems: `${r.messages.slice(0, 3).join('；')}${r.problems > 3 ? ` 等 ${r.problems} 处` : ''}`, what });
}
