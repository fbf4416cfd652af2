/**
 * Failures of the storage itself (disk full, write-protected, locked by another
 * program, a damaged file), told apart from everything else so that every
 * caller — the handler wrapper, an import that must stop between files — says
 * the same clear thing. SQLite's and the file system's own words are English
 * (「database is locked」, 「SQLITE_IOERR」): none of them reaches the user; each
 * becomes a Chinese sentence that says what to do.
 */
import type { AppError } from '../../domain/result';
import { errorMessage } from '../../domain/errors';

const RESTORE = '请在「机构与设置」中从备份恢复（或运行 restore --backup 备份文件），恢复前请不要再导入或修改数据。';

export function storageFailure(e: unknown): AppError | null {
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const text = `${typeof code === 'string' ? code : ''} ${msg}`;
  if (/SQLITE_FULL|database or disk is full|ENOSPC/i.test(text)) {
    return { code: 'E_DISK_FULL', message: '磁盘空间已满，操作未完成，数据库保持原样。请清理磁盘后重试。' };
  }
  if (/SQLITE_READONLY|readonly database|EACCES|EPERM|EROFS/i.test(text)) {
    return { code: 'E_READ_ONLY', message: '没有写入权限（数据库文件或其所在文件夹是只读的），操作未完成，数据库保持原样。请修改文件夹权限，或把数据库复制到可写的位置后再打开。' };
  }
  if (/SQLITE_BUSY|SQLITE_LOCKED|SQLITE_PROTOCOL|database is locked|database table is locked/i.test(text)) {
    return { code: 'E_DB_BUSY', message: '数据库正被另一个程序使用，操作未完成，数据库保持原样。请关闭其他窗口（或等正在运行的命令结束）后重试。' };
  }
  if (/SQLITE_CORRUPT|SQLITE_NOTADB|database disk image is malformed|file is not a database/i.test(text)) {
    return { code: 'E_DB_CORRUPT', message: `数据库文件已损坏，操作未完成。${RESTORE}` };
  }
  if (/SQLITE_IOERR|disk I\/O error|\bEIO\b/i.test(text)) {
    return { code: 'E_DISK_IO', message: '读写磁盘出错，操作未完成。请检查磁盘或 U 盘是否已拔出、是否有坏道，然后重试。' };
  }
  if (/SQLITE_CANTOPEN|unable to open database/i.test(text)) {
    return { code: 'E_DB_OPEN', message: '无法打开数据库文件（它可能已被移动、删除，或所在的 U 盘已拔出），操作未完成。请检查后重新打开程序。' };
  }
  if (/SQLITE_NOMEM|out of memory|ENOMEM|ERR_WORKER_OUT_OF_MEMORY/i.test(text)) {
    return { code: 'E_NO_MEMORY', message: errorMessage('E_NO_MEMORY') };
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
