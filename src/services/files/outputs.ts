/**
 * Where an export may be written. Every handler that writes a file (status,
 * scores, progress, targets, scheme export, charts, the report pack, templates,
 * sample sets) has its `out` resolved here, so the window and the CLI share one
 * rule: nothing is ever written onto the live database, its -wal/-shm/-journal
 * files or its lock, nor into the backups folder — whether named directly or
 * reached through a symbolic link or `..`. A refused path writes nothing.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fail, failure } from '../../domain/result';
import { backupDir } from '../backup/files';

export type OutputKind = 'file' | 'folder';

/** The files that make up the live database: writing onto any of them destroys the store. */
const DATABASE_SUFFIXES = ['', '-wal', '-shm', '-journal', '.lock'];

/**
 * The path with every symbolic link resolved, even when its last parts do not exist
 * yet: the deepest existing ancestor is resolved and the rest appended.
 */
export function realPathOf(path: string, depth = 0): string {
  const abs = resolve(path);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return join(realpathSync.native(at), ...rest.reverse());
    } catch {
      // A dangling link is followed by a write (which creates its target): resolve it by hand.
      const link = depth < 32 ? linkTarget(at) : null;
      if (link !== null) return realPathOf(join(resolve(dirname(at), link), ...rest.reverse()), depth + 1);
      const parent = dirname(at);
      if (parent === at) return abs;
      rest.push(basename(at));
      at = parent;
    }
  }
}

function linkTarget(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    return null;
  }
}

/** Windows and macOS file systems ignore case by default: compare as they would. */
function key(p: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

function inside(child: string, parent: string): boolean {
  const r = relative(key(parent), key(child));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/**
 * Resolves an export's target and refuses one that lands on the database or in its
 * backups. Returns the absolute path to write to (the path as given, resolved; the
 * check itself is made on its real path).
 */
export function resolveOutput(dbPath: string, out: string, kind: OutputKind = 'file'): string {
  if (typeof out !== 'string' || out.trim() === '') fail('E_OUT_UNSET', {});
  const target = resolve(out);
  const real = realPathOf(target);
  const dbReal = realPathOf(dbPath);
  const dbFiles = DATABASE_SUFFIXES.map((s) => key(dbReal + s));
  if (dbFiles.includes(key(real))) {
    throw failure('E_OUT_PROTECTED', { kind: kind === 'folder' ? '文件夹' : '文件', target, why: '那是本程序正在使用的数据库（或其日志、锁文件），写入会毁掉全部数据' });
  }
  const backups = realPathOf(backupDir(dbPath));
  if (inside(real, backups)) {
    throw failure('E_OUT_PROTECTED', { kind: kind === 'folder' ? '文件夹' : '文件', target, why: `它在数据库的备份文件夹「${backups}」中，写入可能覆盖备份` });
  }
  // A folder that merely contains the database is fine: exports never take its file names.
  return target;
}
