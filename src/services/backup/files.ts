/**
 * Backup files on disk: where they live (`<data dir>/backups/`), how they are
 * named (timestamp + reason, so the folder reads well in a file manager), how a
 * snapshot is taken and how old ones are pruned.
 *
 * The snapshot is `VACUUM INTO`: SQLite writes a consistent copy of the database
 * from one read transaction, synchronously. Synchronous matters: a caller takes
 * the backup and starts its destructive transaction with nothing in between, and
 * openDatabase (which is synchronous) can back up before migrating. The copy is
 * compact and in rollback-journal mode, so it opens read-only anywhere.
 *
 * A backup is written under a temporary name (`.rfm-backup-…-<pid>.partial`),
 * synced to disk, then renamed to its final name: a backup killed midway (or cut
 * by a power failure) never appears as a backup, is never counted among the N
 * kept, and is cleaned up once its writer no longer runs. A file with a backup's
 * name that is not a whole SQLite database (left by older versions) is ignored
 * and removed the same way.
 */
import { existsSync, fsyncSync, mkdirSync, openSync, readSync, closeSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { fail } from '../../domain/result';
import { writeProblem } from '../files/writeProblem';
import type { BackupInfo } from '../../api/types';
import { processRuns } from '../db/instance-lock';

export const DEFAULT_BACKUP_KEEP = 20;
const PREFIX = 'rfm-backup-';
const NAME_RE = /^rfm-backup-(\d{8}T\d{9}Z)-(.*)\.sqlite$/u;
/** A backup being written: `.rfm-backup-<stamp>-<reason>.sqlite.<pid>.partial` (and SQLite's journal of it). */
const PARTIAL_RE = /^\.rfm-backup-.*\.(\d+)\.partial(-journal)?$/u;
/** Smaller than one SQLite page plus header: not a database, whatever its name. */
const MIN_BACKUP_BYTES = 512;

export type BackupFile = BackupInfo;

export function backupDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), 'backups');
}

/** Characters no file system accepts in a name, control characters, and runs of spaces go. */
function reasonForName(reason: string): string {
  const cleaned = reason
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '')
    .trim()
    .replace(/\s+/gu, '-')
    .replace(/^\.+|\.+$/gu, '');
  return [...cleaned].slice(0, 60).join('') || '手动备份';
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

function stampToIso(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

/** Reads the 100-byte SQLite header: magic string and user_version (offset 60, big-endian). */
export function readSqliteHeader(file: string): { isSqlite: boolean; userVersion: number | null } {
  const buf = Buffer.alloc(100);
  let n = 0;
  const fd = openSync(file, 'r');
  try {
    n = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const isSqlite = n === 100 && buf.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000';
  return { isSqlite, userVersion: isSqlite ? buf.readUInt32BE(60) : null };
}

export function describeBackup(file: string): BackupFile {
  const name = basename(file);
  const m = NAME_RE.exec(name);
  const st = statSync(file);
  return {
    file: resolve(file),
    name,
    createdAt: m?.[1] ? stampToIso(m[1]) : st.mtime.toISOString(),
    reason: m?.[2] ?? '',
    size: st.size,
    schemaVersion: readSqliteHeader(file).userVersion,
  };
}

/** A file with a backup's name that is a whole SQLite database (not 0 bytes, not cut short at its header). */
function isWholeBackup(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && st.size >= MIN_BACKUP_BYTES && st.size % 512 === 0 && readSqliteHeader(file).isSqlite;
  } catch {
    return false;
  }
}

/**
 * Removes what killed backups left: temporary files whose writer no longer runs, and
 * files named like a backup that are not a whole database. Returns the removed names.
 */
export function cleanPartialBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const n of readdirSync(dir)) {
    const partial = PARTIAL_RE.exec(n);
    const doomed = partial ? !processRuns(Number(partial[1])) : NAME_RE.test(n) && !isWholeBackup(join(dir, n));
    if (!doomed) continue;
    rmSync(join(dir, n), { force: true });
    removed.push(n);
  }
  return removed;
}

/** The app's whole backups in the folder, newest first. Other files there are left alone; partial ones are cleaned. */
export function listBackupFiles(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  cleanPartialBackups(dir);
  return readdirSync(dir)
    .filter((n) => NAME_RE.test(n) && isWholeBackup(join(dir, n)))
    .sort()
    .reverse()
    .map((n) => describeBackup(join(dir, n)));
}

/** Flushes a file (or a folder's entry list) to disk. Folders cannot be opened for sync on Windows: skipped there. */
function syncToDisk(path: string, isDir = false): void {
  if (isDir && process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Where a new backup goes: its final name (distinct to the millisecond) and the temporary name it is written under. */
function backupTarget(dbPath: string, reason: string): { dir: string; file: string; temp: string } {
  const dir = backupDir(dbPath);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    fail('E_BACKUP_FAILED', { what: '创建备份文件夹', reason: writeProblem(e), dir });
  }
  const slug = reasonForName(reason);
  let t = Date.now();
  let name = `${PREFIX}${stamp(new Date(t))}-${slug}.sqlite`;
  // Two backups in one millisecond (a rollback right after a manual backup) get distinct names.
  while (existsSync(join(dir, name))) name = `${PREFIX}${stamp(new Date(++t))}-${slug}.sqlite`;
  return { dir, file: join(dir, name), temp: join(dir, `.${name}.${process.pid}.partial`) };
}

/** The temporary copy is complete: synced, given its final name, the folder synced. */
function finishBackup(t: { dir: string; file: string; temp: string }): void {
  syncToDisk(t.temp);
  renameSync(t.temp, t.file);
  syncToDisk(t.dir, true);
}

function backupFailed(t: { dir: string; temp: string }, e: unknown): never {
  rmSync(t.temp, { force: true });
  rmSync(`${t.temp}-journal`, { force: true });
  fail('E_BACKUP_FAILED', { what: '备份数据库', reason: writeProblem(e), dir: t.dir });
}

/** Takes a consistent snapshot of `db` into the backup folder of `dbPath`, then prunes to `keep`. */
export function snapshotDatabase(db: Database.Database, dbPath: string, reason: string, keep: number): BackupFile {
  const t = backupTarget(dbPath, reason);
  try {
    db.prepare('VACUUM INTO ?').run(t.temp);
    finishBackup(t);
  } catch (e) {
    backupFailed(t, e);
  }
  pruneBackups(t.dir, keep);
  return describeBackup(t.file);
}

/**
 * A copy of the database's pages as they are (SQLite's online backup), for a database
 * too damaged for VACUUM INTO: restoring a backup over a damaged file keeps the damaged
 * state too, so nothing is ever lost without a copy.
 */
export async function pageCopySnapshot(db: Database.Database, dbPath: string, reason: string, keep: number): Promise<BackupFile> {
  const t = backupTarget(dbPath, reason);
  try {
    await db.backup(t.temp);
    finishBackup(t);
  } catch (e) {
    backupFailed(t, e);
  }
  pruneBackups(t.dir, keep);
  return describeBackup(t.file);
}

/** Why writing a backup failed, in Chinese. */
/** Deletes the oldest backups beyond `keep` (at least one is always kept). */
export function pruneBackups(dir: string, keep: number): BackupFile[] {
  const all = listBackupFiles(dir);
  const doomed = all.slice(Math.max(1, keep));
  for (const b of doomed) rmSync(b.file, { force: true });
  return doomed;
}

/** How many backups to keep: the analyst's setting in `meta`, else the default. */
export function backupKeep(db: Database.Database): number {
  let row: { value: string } | undefined;
  try {
    row = db.prepare(`SELECT value FROM meta WHERE key = 'backup_keep'`).get() as { value: string } | undefined;
  } catch {
    // A damaged meta table: the default, rather than no backup at all.
    return DEFAULT_BACKUP_KEEP;
  }
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_BACKUP_KEEP;
}

/**
 * Called by openDatabase when the file was written by an older version of the
 * program: its data is copied aside before any migration touches it.
 */
export function backupBeforeMigration(db: Database.Database, dbPath: string, from: number, to: number): BackupFile {
  return snapshotDatabase(db, dbPath, `升级前-结构版本${from}至${to}`, backupKeep(db));
}
