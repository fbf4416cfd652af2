import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { storageFailure } from '../../src/services/db/storageErrors';

function sqliteError(code: string, message: string): Error {
  // What better-sqlite3 throws: a SqliteError whose `code` is SQLite's, such as SQLITE_BUSY.
  return new Database.SqliteError(message, code);
}

describe('storage failures are told apart from everything else', () => {
  it('maps SQLite and file-system codes to the user-facing errors, in Chinese', () => {
    const cases: [Error, string][] = [
      [sqliteError('SQLITE_FULL', 'database or disk is full'), 'E_DISK_FULL'],
      [Object.assign(new Error('write failed'), { code: 'ENOSPC' }), 'E_DISK_FULL'],
      [sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), 'E_READ_ONLY'],
      [sqliteError('SQLITE_BUSY', 'database is locked'), 'E_DB_BUSY'],
      [sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'), 'E_DISK_IO'],
    ];
    for (const [e, code] of cases) {
      const f = storageFailure(e);
      expect(f?.code, e.message).toBe(code);
      expect(f?.message).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('leaves programming errors and constraint violations alone', () => {
    expect(storageFailure(new TypeError('x is undefined'))).toBeNull();
    expect(storageFailure(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: institutions.name'))).toBeNull();
  });
});
