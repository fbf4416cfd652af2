/**
 * Why a file or folder could not be written, as the {reason} of a message (E_BACKUP_FAILED,
 * E_DB_LOCK, E_WRITE): the file system's or SQLite's code in a few Chinese words, never its
 * English text.
 */
export function writeProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const text = `${typeof code === 'string' ? code : ''} ${e instanceof Error ? e.message : String(e)}`;
  if (/full|ENOSPC/i.test(text)) return '磁盘空间不足';
  if (/EACCES|EPERM|EROFS|readonly|permission/i.test(text)) return '没有写入权限';
  if (/IOERR|EIO|I\/O/i.test(text)) return '读写磁盘出错';
  if (/BUSY|locked/i.test(text)) return '文件正被另一个程序使用';
  if (/CORRUPT|malformed|NOTADB/i.test(text)) return '数据库文件已损坏';
  if (/ENOENT/i.test(text)) return '所在文件夹不存在';
  return '无法写入文件';
}
