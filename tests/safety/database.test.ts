/**
 * §12: a file is changed only when it is this program's database (or empty),
 * at a version this program knows. Every other file — another program's SQLite
 * database, a newer database, an older one asked by a read command, a text
 * file, a missing path — is refused with a Chinese message and keeps every byte
 * (no tables added, no switch to WAL, no -wal/-shm created by a write).
 */
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { APPLICATION_ID, identifyDatabase, openDatabase } from '../../src/services/db/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/services/db/migrations';
import { backupDir } from '../../src/services/backup/files';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { writeReport } from '../import/fixtures';
import { cli } from '../helpers/cli';
import { dumpDatabase } from '../hardening/helpers/db-dump';
import { tempDir } from '../hardening/helpers/temp';

const tmp = tempDir('db-identity');
afterAll(() => tmp.cleanup());

let n = 0;
function place(): string {
  const dir = join(tmp.dir, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  return join(dir, 'rfm.sqlite');
}

/** The file's bytes and the folder's names: "nothing changed" at the level of the disk. */
function fingerprint(path: string): string {
  const dir = join(path, '..');
  const bytes = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';
  return `${bytes} ${readdirSync(dir).sort().join(',')}`;
}

function foreignDb(path: string, appId = 0): void {
  const db = new Database(path);
  db.exec('CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES (\'张三\', \'0915-1234567\');');
  if (appId) db.pragma(`application_id = ${appId}`);
  db.close();
}

/** This program's database at the current version, closed, in rollback-journal mode (as a copied file would be). */
async function ourDb(path: string): Promise<void> {
  const ctx = openContext(path);
  const r = await createHandlers(ctx)['import.files']({ paths: [writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3' }, join(path, '..', 'in', 'a.xlsx'))], receivedDate: '2025-10-08' }, {});
  expect(r.ok && r.value.accepted).toBe(1);
  ctx.db.pragma('journal_mode = DELETE');
  closeContext(ctx);
}

const READ_COMMANDS = [
  ['integrity'],
  ['dump', '--quarter', '2025Q3'],
  ['fields', '--region', 'ankang'],
  ['institutions'],
  ['batches'],
  ['status', '--quarter', '2025Q3'],
  ['history', '--institution', 'AK-ABC', '--quarter', '2025Q3'],
  ['backups'],
  ['indicators', '--quarter', '2025Q3'],
];

describe('which files the program may change', () => {
  it('the migration marks the file: application_id is set, and a fresh database is recognised as ours', () => {
    const path = place();
    const db = openDatabase(path);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(identifyDatabase(db)).toEqual({ kind: 'ours', version: SCHEMA_VERSION });
    db.close();
  });

  it("another program's SQLite file: every command refuses it and it keeps every byte (no tables, no WAL)", async () => {
    for (const appId of [0, 0x0f055112]) {
      const path = place();
      foreignDb(path, appId);
      const before = fingerprint(path);
      for (const argv of [...READ_COMMANDS, ['init'], ['backup'], ['import', join(tmp.dir, 'none.xlsx')]]) {
        const r = await cli([...argv, '--db', path]);
        expect(r.code, argv.join(' ')).not.toBe(0);
        expect(r.err, argv.join(' ')).toMatch(/是 SQLite 数据库，但不是本程序的数据库：.*未作任何改动（没有添加数据表，也没有更改日志模式）/u);
        expect(fingerprint(path), argv.join(' ')).toBe(before);
      }
      const db = new Database(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect((db.prepare("SELECT group_concat(name) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: string }).n).toBe('contacts');
      db.close();
    }
  });

  it('a newer database is refused before anything is written: still in rollback-journal mode, same bytes', async () => {
    const path = place();
    await ourDb(path);
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    const before = fingerprint(path);
    for (const argv of [['init'], ['integrity'], ['dump', '--quarter', '2025Q3'], ['backup']]) {
      const r = await cli([...argv, '--db', path]);
      expect(r.code).not.toBe(0);
      expect(r.err, argv.join(' ')).toMatch(/由更新版本的程序创建（结构版本 999.*未作任何改动/u);
      expect(fingerprint(path), argv.join(' ')).toBe(before);
    }
    // Byte 18/19 of the header: 1 = rollback journal, 2 = WAL.
    expect(readFileSync(path)[18]).toBe(1);
  });

  it('read commands leave this program’s database byte for byte as it was', async () => {
    const path = place();
    await ourDb(path);
    const before = fingerprint(path);
    for (const argv of READ_COMMANDS) {
      const r = await cli([...argv, '--db', path]);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
      expect(fingerprint(path), argv.join(' ')).toBe(before);
    }
    expect(readFileSync(path)[18]).toBe(1);
  });

  it('an older database: read commands refuse it unchanged; init backs it up, then migrates it', async () => {
    const path = place();
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 3) });
    old.prepare(`INSERT INTO meta (key, value) VALUES ('analyst_note', '去年的数据')`).run();
    old.pragma('journal_mode = DELETE');
    old.close();
    const before = fingerprint(path);
    const oldDump = dumpDatabase(path);
    for (const argv of [['integrity'], ['dump', '--quarter', '2025Q3']]) {
      const r = await cli([...argv, '--db', path]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/由旧版本的程序创建（结构版本 3，当前 \d+），需要先升级才能读取；本命令只读，未作改动。请运行 init 升级/u);
      expect(fingerprint(path)).toBe(before);
    }
    const r = await cli(['init', '--db', path]);
    expect(r.code, r.err).toBe(0);
    const backups = readdirSync(backupDir(path));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`升级前-结构版本3至${SCHEMA_VERSION}\\.sqlite$`, 'u'));
    expect(dumpDatabase(join(backupDir(path), backups[0] ?? ''))).toEqual(oldDump);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('an empty file becomes a database on init; read commands refuse it and leave it empty; a missing one is not created', async () => {
    const path = place();
    writeFileSync(path, '');
    const r = await cli(['integrity', '--db', path]);
    expect(r.err).toMatch(/是空的数据库文件，还没有任何数据。请先运行 init/u);
    expect(readFileSync(path).length).toBe(0);
    expect((await cli(['init', '--db', path])).code).toBe(0);
    expect((await cli(['integrity', '--db', path])).code).toBe(0);

    const missing = join(place(), '..', 'missing.sqlite');
    const m = await cli(['dump', '--quarter', '2025Q3', '--db', missing]);
    expect(m.err).toMatch(/数据库文件「.*missing\.sqlite」不存在。请检查 --db 指定的路径，或先运行 init/u);
    expect(existsSync(missing)).toBe(false);
  });

  it('a file that is not SQLite at all: refused in Chinese, unchanged', async () => {
    const path = place();
    writeFileSync(path, '姓名,电话\n张三,0915-1234567\n'.repeat(100));
    const before = fingerprint(path);
    for (const argv of [['init'], ['integrity']]) {
      const r = await cli([...argv, '--db', path]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/不是有效的数据库文件，或已损坏，未作任何改动/u);
      expect(r.err).not.toMatch(/file is not a database|SQLITE/u);
      expect(fingerprint(path)).toBe(before);
    }
  });

  it('restore refuses a foreign SQLite file (by application_id too), leaving both files as they were', async () => {
    const path = place();
    await ourDb(path);
    const other = join(path, '..', 'other.sqlite');
    foreignDb(other, 0x0f055112);
    // Even with this program's tables, another application id is another program's file.
    copyFileSync(path, join(path, '..', 'lookalike.sqlite'));
    const look = new Database(join(path, '..', 'lookalike.sqlite'));
    look.pragma('application_id = 12345');
    look.close();
    const before = dumpDatabase(path);
    const otherBytes = fingerprint(other).split(' ')[0];
    for (const file of [other, join(path, '..', 'lookalike.sqlite')]) {
      const r = await cli(['restore', '--backup', file, '--db', path]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/不是本程序的数据库（它属于另一个程序（应用标识 0x[0-9a-f]+））/u);
    }
    expect(dumpDatabase(path)).toEqual(before);
    expect(fingerprint(other).split(' ')[0]).toBe(otherBytes);
    expect(existsSync(backupDir(path)) ? readdirSync(backupDir(path)) : []).toEqual([]);
  });
});
