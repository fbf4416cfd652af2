/**
 * §18: SQLite's and Node's English never reaches the user. Each storage failure
 * is a Chinese sentence saying what to do; a defect is a Chinese sentence too
 * (its English detail only under RFM_DEBUG); a real 「database is locked」 from a
 * second program becomes 「数据库正被另一个程序使用…」.
 */
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { storageFailure, INTERNAL_ERROR_MESSAGE } from '../../src/services/db/storageErrors';
import { toResult } from '../../src/services/api/wrap';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { tempDir } from '../hardening/helpers/temp';

const tmp = tempDir('messages');
afterAll(() => tmp.cleanup());

/** English words a user could not read (the command names the CLI itself uses are allowed). */
const ENGLISH = /\b(?!restore\b|backup\b)[A-Za-z]{4,}\b/u;

describe('messages in Chinese', () => {
  it('every storage failure SQLite or the file system reports becomes a Chinese sentence with what to do', () => {
    const cases: [Error, string][] = [
      [new Database.SqliteError('database is locked', 'SQLITE_BUSY'), 'E_DB_BUSY'],
      [new Database.SqliteError('database table is locked', 'SQLITE_LOCKED'), 'E_DB_BUSY'],
      [new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'), 'E_READ_ONLY'],
      [new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT'), 'E_DB_CORRUPT'],
      [new Database.SqliteError('file is not a database', 'SQLITE_NOTADB'), 'E_DB_CORRUPT'],
      [new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_SHORT_READ'), 'E_DISK_IO'],
      [new Database.SqliteError('unable to open database file', 'SQLITE_CANTOPEN'), 'E_DB_OPEN'],
      [new Database.SqliteError('out of memory', 'SQLITE_NOMEM'), 'E_NO_MEMORY'],
      [Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' }), 'E_READ_ONLY'],
    ];
    for (const [e, code] of cases) {
      const f = storageFailure(e);
      expect(f?.code, e.message).toBe(code);
      expect(f?.message, e.message).toMatch(/请/u);
      expect(f?.message, e.message).not.toMatch(ENGLISH);
      expect(toResult(e)).toEqual({ ok: false, error: f });
    }
  });

  it('a defect is told in Chinese, without its English message or a stack with install paths', () => {
    const r = toResult(new TypeError("Cannot read properties of undefined (reading 'code') at /opt/app/resources/app.asar/out/main/services.cjs:1:2"));
    expect(r).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: INTERNAL_ERROR_MESSAGE } });
    expect(INTERNAL_ERROR_MESSAGE).not.toMatch(ENGLISH);
  });

  it('a second program holding the write lock: 「database is locked」 arrives as a Chinese sentence, nothing changed', async () => {
    const dbPath = join(tmp.dir, 'rfm.sqlite');
    const ctx = openContext(dbPath);
    const h = createHandlers(ctx);
    const other = new Database(dbPath);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const r = await h['backup.setKeep']({ keep: 7 }, {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('E_DB_BUSY');
        expect(r.error.message).toBe('数据库正被另一个程序使用，操作未完成，数据库保持原样。请关闭其他窗口（或等正在运行的命令结束）后重试。');
      }
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const list = await h['backup.list']({}, {});
    expect(list.ok && list.value.keep).toBe(20);
    closeContext(ctx);
  }, 30_000);
});
