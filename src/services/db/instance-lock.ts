/**
 * One desktop window per database. The desktop app takes `<db>.lock` (created
 * exclusively, holding pid, host and start time) for as long as it runs; a second
 * instance on the same database is refused with a clear message. A lock left by a
 * crashed app (its pid no longer runs on this host) is stale and taken over.
 *
 * The CLI does not take this lock: it works alongside the app through SQLite's own
 * WAL locking and busy timeout (each write is one transaction; a write that cannot
 * get the lock in time fails cleanly with E_DB_BUSY and changes nothing).
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { fail } from '../../domain/result';
import { writeProblem } from '../files/writeProblem';

export interface InstanceLockInfo {
  pid: number;
  host: string;
  startedAt: string;
  app: string;
}

export interface InstanceLock {
  file: string;
  info: InstanceLockInfo;
  /** Removes the lock if it is still ours. Safe to call twice. */
  release: () => void;
}

export function lockFileFor(dbPath: string): string {
  return `${resolve(dbPath)}.lock`;
}

function readLock(file: string): InstanceLockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<InstanceLockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return { pid: v.pid, host: v.host, startedAt: String(v.startedAt ?? ''), app: String(v.app ?? '') };
    return null;
  } catch {
    // Unreadable or half-written (the writer died between create and write): treated as stale.
    return null;
  }
}

/** Whether a process of this host runs (the lock's holder, a backup's writer). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock's owner is still alive. A lock from another host cannot be checked and counts as live. */
export function lockIsLive(info: InstanceLockInfo | null): boolean {
  if (!info) return false;
  if (info.host !== hostname()) return true;
  return processRuns(info.pid);
}

/**
 * The lock file appears atomically with its content (written aside, then hard-linked
 * into place), so nobody ever reads a half-written lock. A stale lock is moved aside
 * by rename before it is looked at again, so two instances starting together after a
 * crash cannot both take it: whoever moved a live lock puts it back and gives way.
 */
export function acquireInstanceLock(dbPath: string, app = 'desktop'): InstanceLock {
  const file = lockFileFor(dbPath);
  const info: InstanceLockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), app };
  const inUse = (holder: InstanceLockInfo): never => {
    const who = holder.host === info.host ? `进程 ${holder.pid}` : `计算机「${holder.host}」上的进程 ${holder.pid}`;
    return fail(
      'E_DB_IN_USE',
      { path: resolve(dbPath), who, startedAt: holder.startedAt },
    );
  };
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(info), { flag: 'wx' });
  } catch (e) {
    return fail('E_DB_LOCK', { file, reason: writeProblem(e) });
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (placeLock(tmp, file)) return { file, info, release: () => releaseIfOurs(file, info) };
      const holder = readLock(file);
      if (holder && lockIsLive(holder)) return inUse(holder);
      const grave = `${file}.${process.pid}.stale`;
      try {
        renameSync(file, grave);
      } catch {
        continue; // someone else moved or released it: try again
      }
      const moved = readLock(grave);
      if (moved && lockIsLive(moved)) {
        // A racing instance's fresh lock: put it back and give way.
        try {
          linkSync(grave, file);
        } catch {
          // The slot was filled meanwhile by yet another instance; either way it is not ours.
        }
        rmSync(grave, { force: true });
        return inUse(moved);
      }
      rmSync(grave, { force: true });
    }
    return fail('E_DB_OPENING', { path: resolve(dbPath) });
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** True when the lock was created; false when one already exists. */
function placeLock(tmp: string, file: string): boolean {
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT on a USB stick): exclusive create instead.
    try {
      writeFileSync(file, readFileSync(tmp), { flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      return fail('E_DB_LOCK', { file, reason: writeProblem(e2) });
    }
  }
}

function releaseIfOurs(file: string, info: InstanceLockInfo): void {
  const now = readLock(file);
  if (now && now.pid === info.pid && now.host === info.host && now.startedAt === info.startedAt) rmSync(file, { force: true });
}
