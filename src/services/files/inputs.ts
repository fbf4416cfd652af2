/**
 * Reading a file someone named. A path given explicitly may be a FIFO (an open
 * blocks until a writer comes, forever), `/dev/zero` (a read never ends and
 * fills the memory), a socket or a device: each would hang the services
 * process. So a file is opened without blocking, checked to be a regular file
 * on the open descriptor itself (no window between the check and the read for
 * the path to be swapped), and read to at most its size or a cap.
 *
 * Errors from the file system become Chinese sentences here (never
 * 「ENOENT: no such file or directory」), naming the file by its name only.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { AppFailure, fail, failure } from '../../domain/result';

/** O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer (POSIX only; Windows has no such files). */
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : (constants.O_NONBLOCK ?? 0));

/** What a special file is, in words a user knows. */
export function specialKind(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return '文件夹';
  if (st.isFIFO()) return '命名管道（FIFO）';
  if (st.isSocket()) return '套接字';
  if (st.isCharacterDevice() || st.isBlockDevice()) return '设备文件';
  return '特殊文件';
}

/**
 * Why a file could not be read, as the {reason} of E_FILE_READ / E_DB_OPEN (no English, no
 * path): the file system's code in words a user acts on.
 */
export function readProblem(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return '文件不存在，请检查它是否已被移动、改名或删除';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限，请检查文件权限或以有权限的账户打开';
    case 'EISDIR':
      return '它是文件夹，不是文件';
    case 'EBUSY':
    case 'ETXTBSY':
      return '文件正被其他程序占用，请关闭占用它的程序（如 Excel/WPS）后重试';
    case 'EMFILE':
    case 'ENFILE':
      return '打开的文件过多，请稍后重试';
    case 'EIO':
      return '磁盘出错，请检查磁盘或 U 盘是否已拔出';
    case 'ENAMETOOLONG':
      return '路径过长，请把它移到路径较短的文件夹后重试';
    case 'ELOOP':
      return '快捷方式（符号链接）循环指向自身';
    default:
      return '请检查文件是否完好、是否有读取权限';
  }
}

/** The failure reading `name` ran into: not there (E_FILE_NOT_FOUND), or why it could not be read. */
export function readFailure(e: unknown, name: string): AppFailure {
  return (e as NodeJS.ErrnoException | null)?.code === 'ENOENT'
    ? failure('E_FILE_NOT_FOUND', { path: name }, { file: name })
    : failure('E_FILE_READ', { file: name, reason: readProblem(e) }, { file: name });
}

export interface ReadOptions {
  /** Refuse files larger than this (bytes) before reading them. */
  maxBytes?: number;
  /** How the file is called in messages (default: its name). */
  what?: string;
  /** What such a file usually is, said after the cap it exceeds: 「（季度报表通常不足 1 MB）」. */
  usualSize?: string;
}

function refuseSpecial(st: Stats, name: string, what: string): never {
  fail('E_NOT_A_FILE', { what, name, kind: specialKind(st) ?? '特殊文件' }, { file: name });
}

/**
 * Checks, without opening it, that `path` names a regular file (following links).
 * For callers that hand the path to a library (SQLite) rather than read it themselves.
 */
export function assertRegularFile(path: string, opts: ReadOptions = {}): Stats {
  const name = basename(path);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw readFailure(e, name);
  }
  if (!st.isFile()) refuseSpecial(st, name, opts.what ?? '文件');
  return st;
}

function statQuietly(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Reads a whole regular file, refusing special files and files over `maxBytes` before reading a byte. */
export function readRegularFile(path: string, opts: ReadOptions = {}): Buffer {
  const name = basename(path);
  const what = opts.what ?? '文件';
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    // A socket cannot be opened at all (ENXIO): say what it is rather than that it failed.
    const st = statQuietly(path);
    if (st && !st.isFile()) refuseSpecial(st, name, what);
    throw readFailure(e, name);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) refuseSpecial(st, name, what);
    if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
      fail('E_FILE_TOO_LARGE', { what, file: name, size: (st.size / 1048576).toFixed(1), max: (opts.maxBytes / 1048576).toFixed(0), usual: opts.usualSize ?? '' }, { file: name });
    }
    // Read what the file holds now, never past the size it had when checked.
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === buf.length ? buf : buf.subarray(0, got);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw readFailure(e, name);
  } finally {
    closeSync(fd);
  }
}

/** readRegularFile as UTF-8 text (a BOM dropped). */
export function readRegularText(path: string, opts: ReadOptions = {}): string {
  return readRegularFile(path, opts).toString('utf8').replace(/^\uFEFF/, '');
}
