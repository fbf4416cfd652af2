/**
 * Failures of the storage itself (disk full, write-protected, locked by another
 * program), told apart from everything else so that every caller — the handler
 * wrapper, an import that must stop between files — says the same clear thing.
 */
import type { AppError } from '../../domain/result';

export function storageFailure(e: unknown): AppError | null {
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const text = `${typeof code === 'string' ? code : ''} ${msg}`;
  if (/SQLITE_FULL|database or disk is full|ENOSPC/i.test(text)) {
    return { code: 'E_DISK_FULL', message: '磁盘空间已满，操作未完成，数据库保持原样。请清理磁盘后重试。' };
  }
  if (/SQLITE_READONLY|readonly database|EACCES|EPERM|EROFS/i.test(text)) {
    return { code: 'E_READ_ONLY', message: `没有写入权限，操作未完成，数据库保持原样：${msg}` };
  }
  if (/SQLITE_BUSY|database is locked/i.test(text)) {
    return { code: 'E_DB_BUSY', message: '数据库正被另一个程序使用，请关闭其他窗口后重试。' };
  }
  if (/SQLITE_IOERR|disk I\/O error/i.test(text)) {
    return { code: 'E_DISK_IO', message: `读写磁盘出错，操作未完成：${msg}。请检查磁盘或 U 盘是否已拔出、是否有坏道。` };
  }
  return null;
}
