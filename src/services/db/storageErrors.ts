/**
 * Failures of the storage itself (disk full, write-protected, locked by another
 * program, a damaged file), told apart from everything else so that every
 * caller — the handler wrapper, an import that must stop between files — says
 * the same clear thing. SQLite's and the file system's own words are English
 * (「database is locked」, 「SQLITE_IOERR」): none of them reaches the user; each
 * becomes a Chinese sentence that says what to do.
 */
import { failure, type AppError } from '../../domain/result';
import { errorMessage } from '../../domain/errors';

export function storageFailure(e: unknown): AppError | null {
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const text = `${typeof code === 'string' ? code : ''} ${msg}`;
  if (/SQLITE_FULL|database or disk is full|ENOSPC/i.test(text)) {
    return failure('E_DISK_FULL', { what: '操作' }).appError;
  }
  if (/SQLITE_READONLY|readonly database|EACCES|EPERM|EROFS/i.test(text)) {
    return failure('E_READ_ONLY', {}).appError;
  }
  if (/SQLITE_BUSY|SQLITE_LOCKED|SQLITE_PROTOCOL|database is locked|database table is locked/i.test(text)) {
    return failure('E_DB_BUSY', { what: '数据库' }).appError;
  }
  if (/SQLITE_CORRUPT|SQLITE_NOTADB|database disk image is malformed|file is not a database/i.test(text)) {
    return failure('E_DB_CORRUPT', {}).appError;
  }
  if (/SQLITE_IOERR|disk I\/O error|\bEIO\b/i.test(text)) {
    return failure('E_DISK_IO', {}).appError;
  }
  if (/SQLITE_CANTOPEN|unable to open database/i.test(text)) {
    return failure('E_DB_OPEN', { what: '数据库文件', reason: '它可能已被移动、删除，或所在的 U 盘已拔出，操作未完成，请检查后重新打开程序' }).appError;
  }
  if (/SQLITE_NOMEM|out of memory|ENOMEM|ERR_WORKER_OUT_OF_MEMORY/i.test(text)) {
    return failure('E_NO_MEMORY', {}).appError;
  }
  return null;
}

/** What the user reads when something failed that the program did not foresee (a defect). */
export const INTERNAL_ERROR_MESSAGE = errorMessage('E_INTERNAL');

/** RFM_DEBUG=1 shows the developer what went wrong (the raw error and its stack) on stderr. */
export function debugDetail(where: string, e: unknown): void {
  if (!process.env['RFM_DEBUG']) return;
  process.stderr.write(`[${where}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}
