/**
 * Automatic and manual backups, and restoring from one.
 *
 * Every destructive action (batch rollback, history restore, restore from a
 * backup, scheme change) calls `backupBeforeDestructive` first; if the backup
 * cannot be written the action is refused, so nothing is ever changed without
 * a copy of what was there before.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ServiceContext } from '../api/context';
import { identifyDatabase, integrityCheck, prepareForWriting, schemaVersion } from '../db/database';
import { assertRegularFile } from '../files/inputs';
import { SCHEMA_VERSION } from '../db/migrations';
import { nativeBindingPath } from '../db/native';
import { audit } from '../db/audit';
import { AppFailure, fail } from '../../domain/result';
import type { BackupListing, RestoreResult } from '../../api/types';
import { backupDir, backupKeep, describeBackup, listBackupFiles, pageCopySnapshot, pruneBackups, readSqliteHeader, snapshotDatabase, type BackupFile } from './files';
import { localUser } from '../settings/localUser';

export type { BackupFile } from './files';

/** Takes a backup before a destructive action. `reason` says what is about to happen (Chinese, short). */
export function backupBeforeDestructive(ctx: ServiceContext, reason: string): BackupFile {
  return snapshotDatabase(ctx.db, ctx.dbPath, reason, backupKeep(ctx.db));
}

export function createBackup(ctx: ServiceContext, reason?: string): BackupFile {
  const r = reason?.trim();
  return snapshotDatabase(ctx.db, ctx.dbPath, r ? r : '手动备份', backupKeep(ctx.db));
}


export function listBackups(ctx: ServiceContext): BackupListing {
  const dir = backupDir(ctx.dbPath);
  return { dir, keep: backupKeep(ctx.db), backups: listBackupFiles(dir) };
}

/** Sets how many backups are kept and prunes to it at once. */
export function setBackupKeep(ctx: ServiceContext, keep: number): BackupListing {
  if (!Number.isInteger(keep) || keep < 1 || keep > 1000) fail('E_BACKUP_KEEP', { keep });
  ctx.db.transaction(() => {
    ctx.db.prepare(`INSERT INTO meta (key, value) VALUES ('backup_keep', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(keep));
    audit(ctx.db, localUser(ctx.db), 'backup.keep', 'meta', 'backup_keep', { keep });
  })();
  pruneBackups(backupDir(ctx.dbPath), keep);
  return listBackups(ctx);
}

/**
 * Checks that `file` is an intact database of this program that this version can
 * open: a regular file, SQLite header, integrity_check, this program's database
 * (database.ts identifyDatabase), a schema version not newer than ours. Returns
 * its schema version.
 */
export function validateBackupFile(file: string): number {
  const name = basename(file);
  if (!existsSync(file)) fail('E_BACKUP_NOT_FOUND', { file: name });
  // A FIFO or a device would hang the open below: refused first.
  assertRegularFile(file, { what: '备份文件' });
  const header = readSqliteHeader(file);
  if (!header.isSqlite) fail('E_BACKUP_INVALID', { file: name, why: '不是 SQLite 数据库文件' });
  let src: Database.Database | null = null;
  try {
    const binding = nativeBindingPath();
    src = new Database(file, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
    const id = identifyDatabase(src);
    if (id.kind !== 'ours' || id.version < 1) fail('E_BACKUP_INVALID', { file: name, why: id.kind === 'foreign' ? id.why : '空数据库' });
    if (id.version > SCHEMA_VERSION) fail('E_BACKUP_TOO_NEW', { file: name, version: id.version, newest: SCHEMA_VERSION });
    const check = integrityCheck(src);
    if (!check.ok) fail('E_BACKUP_CORRUPT', { file: name, problems: check.problems });
    return id.version;
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    return fail('E_BACKUP_UNREADABLE', { file: name });
  } finally {
    src?.close();
  }
}


/**
 * Replaces the live database with a backup: validated first, the current state
 * backed up, then copied in through SQLite's online backup (which takes SQLite's
 * locks on the live file and commits the copy as one transaction, so another open
 * connection sees a clean switch, never a half-written file). The open connection
 * is kept — every handler keeps working — and is brought up to date as on open:
 * an older backup is migrated forward, after its own pre-migration backup.
 */
export async function restoreBackup(ctx: ServiceContext, file: string): Promise<RestoreResult> {
  const path = resolve(file);
  if (path === resolve(ctx.dbPath)) fail('E_BACKUP_SELF', {});
  validateBackupFile(path);
  const restored = describeBackup(path);
  let safetyBackup: BackupFile;
  try {
    safetyBackup = backupBeforeDestructive(ctx, '恢复备份前');
  } catch (e) {
    // A damaged database cannot be VACUUMed: its pages are copied aside as they are, so that
    // restoring over it (the way out of the damage) still keeps what was there.
    if (!(e instanceof AppFailure) || integrityCheck(ctx.db, { quick: true }).ok) throw e;
    safetyBackup = await pageCopySnapshot(ctx.db, ctx.dbPath, '恢复备份前-原数据库已损坏', backupKeep(ctx.db));
  }
  const binding = nativeBindingPath();
  const src = new Database(path, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
  try {
    await src.backup(ctx.dbPath);
  } finally {
    src.close();
  }
  prepareForWriting(ctx.db, ctx.dbPath);
  audit(ctx.db, localUser(ctx.db), 'backup.restore', 'database', null, { from: restored.name, safetyBackup: safetyBackup.name });
  return { restored, safetyBackup, schemaVersion: schemaVersion(ctx.db) };
}
