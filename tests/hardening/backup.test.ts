import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { backupBeforeDestructive } from '../../src/services/backup/backup';
import { backupDir } from '../../src/services/backup/files';
import { openDatabase } from '../../src/services/db/database';
import { MIGRATIONS, type Migration } from '../../src/services/db/migrations';
import type { Institution } from '../../src/domain/catalogue/types';
import { runCli } from '../../src/cli/main';
import { dumpConnection, dumpDatabase } from './helpers/db-dump';
import { tempDir } from './helpers/temp';

const tmp = tempDir('backup');
afterAll(() => tmp.cleanup());

let n = 0;
function freshContext(): ServiceContext {
  const dir = join(tmp.dir, `db${++n}`);
  return openContext(join(dir, 'rfm.sqlite'));
}

function bank(code: string, name: string): Institution {
  return { code, name, aliases: [], type: '农商行/农信社', region: 'ankang', county: null, legalPerson: true, size: '小型', sample: false, example: false, active: true };
}

function captureIO(): { io: { out: (s: string) => void; err: (s: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

describe('automatic and manual backups', () => {
  it('writes a consistent, named copy into <data dir>/backups before a destructive action', async () => {
    const ctx = freshContext();
    const h = createHandlers(ctx);
    expect((await h['registry.saveInstitution']({ institution: bank('AK-TEST1', '测试农商银行一') }, {})).ok).toBe(true);
    const before = dumpConnection(ctx.db);
    const b = backupBeforeDestructive(ctx, '回滚批次 7');
    expect(b.file.startsWith(backupDir(ctx.dbPath))).toBe(true);
    expect(b.name).toMatch(/^rfm-backup-\d{8}T\d{9}Z-回滚批次-7\.sqlite$/u);
    expect(b.reason).toBe('回滚批次-7');
    expect(b.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    expect(Date.now() - Date.parse(b.createdAt)).toBeLessThan(60_000);
    expect(dumpDatabase(b.file)).toEqual(before);
    closeContext(ctx);
  });

  it('keeps only the newest N backups and never touches other files in the folder', async () => {
    const ctx = freshContext();
    const h = createHandlers(ctx);
    mkdirSync(backupDir(ctx.dbPath), { recursive: true });
    writeFileSync(join(backupDir(ctx.dbPath), '说明.txt'), 'analyst notes');
    const set = await h['backup.setKeep']({ keep: 3 }, {});
    expect(set.ok && set.value.keep).toBe(3);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h['backup.create']({ reason: `第${i}次` }, {});
      if (!r.ok) throw new Error(r.error.message);
      made.push(r.value.name);
    }
    const list = await h['backup.list']({}, {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.backups.map((b) => b.name)).toEqual(made.slice(2).reverse());
    expect(readdirSync(backupDir(ctx.dbPath))).toContain('说明.txt');
    const bad = await h['backup.setKeep']({ keep: 0 }, {});
    expect(bad.ok ? '' : bad.error.code).toBe('E_BACKUP_KEEP');
    closeContext(ctx);
  });

  it('restores a backup: validated, the current state saved first, handlers keep working', async () => {
    const ctx = freshContext();
    const h = createHandlers(ctx);
    await h['registry.saveInstitution']({ institution: bank('AK-OLD', '恢复前已有银行') }, {});
    const snap = await h['backup.create']({ reason: '恢复测试' }, {});
    if (!snap.ok) throw new Error(snap.error.message);
    const atBackup = dumpConnection(ctx.db);
    await h['registry.saveInstitution']({ institution: bank('AK-NEW', '备份后新增银行') }, {});
    const beforeRestore = dumpConnection(ctx.db);

    const r = await h['backup.restore']({ file: snap.value.file }, {});
    if (!r.ok) throw new Error(r.error.message);
    // The safety copy holds exactly what was there before the restore.
    expect(dumpDatabase(r.value.safetyBackup.file)).toEqual(beforeRestore);
    expect(r.value.safetyBackup.reason).toBe('恢复备份前');
    // The live database is the backup again (plus the audit entry of the restore itself).
    const inst = await h['registry.institutions']({ includeInactive: true }, {});
    const codes = inst.ok ? inst.value.map((i) => i.code) : [];
    expect(codes).toContain('AK-OLD');
    expect(codes).not.toContain('AK-NEW');
    const after = dumpConnection(ctx.db);
    const { audit_log: auditAfter, ...restAfter } = after.tables;
    const { audit_log: auditAtBackup, ...restAtBackup } = atBackup.tables;
    expect(restAfter).toEqual(restAtBackup);
    expect(auditAfter?.rows.slice(0, auditAtBackup?.rows.length)).toEqual(auditAtBackup?.rows);
    expect(JSON.stringify(auditAfter?.rows.at(-1))).toContain('backup.restore');
    const integrity = await h['db.integrity']({}, {});
    expect(integrity.ok && integrity.value.ok).toBe(true);
    // Writing still works on the same connection.
    expect((await h['registry.saveInstitution']({ institution: bank('AK-AFTER', '恢复后新增银行') }, {})).ok).toBe(true);
    closeContext(ctx);
  });

  it('refuses a file that is not an intact database of this program, changing nothing', async () => {
    const ctx = freshContext();
    const h = createHandlers(ctx);
    const good = await h['backup.create']({}, {});
    if (!good.ok) throw new Error(good.error.message);
    const dir = join(tmp.dir, 'bad-backups');
    mkdirSync(dir, { recursive: true });

    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, '这不是数据库');
    const foreign = join(dir, 'other-app.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES (1)');
    f.close();
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(good.value.file, newer);
    const nd = new Database(newer);
    nd.pragma('user_version = 999');
    nd.close();
    const corrupt = join(dir, 'corrupt.sqlite');
    const bytes = readFileSync(good.value.file);
    // Keep the header, scribble over the b-tree pages after it.
    for (let i = 4096 * 2; i < bytes.length; i += 97) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
    writeFileSync(corrupt, bytes);

    const before = dumpConnection(ctx.db);
    const backupsBefore = readdirSync(backupDir(ctx.dbPath)).length;
    const cases: [string, string][] = [
      [text, 'E_BACKUP_INVALID'],
      [foreign, 'E_BACKUP_INVALID'],
      [newer, 'E_BACKUP_TOO_NEW'],
      [corrupt, 'E_BACKUP_CORRUPT'],
      [join(dir, 'missing.sqlite'), 'E_BACKUP_NOT_FOUND'],
      [ctx.dbPath, 'E_BACKUP_SELF'],
    ];
    for (const [file, code] of cases) {
      const r = await h['backup.restore']({ file }, {});
      expect(r.ok ? 'ok' : r.error.code, file).toBe(code);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    expect(dumpConnection(ctx.db)).toEqual(before);
    // No safety backup was taken for a refused restore.
    expect(readdirSync(backupDir(ctx.dbPath)).length).toBe(backupsBefore);
    closeContext(ctx);
  });

  it('refuses the destructive action when the backup cannot be written', async () => {
    const ctx = freshContext();
    // The backups "folder" is a file: mkdir fails, so must the action that needed the backup.
    writeFileSync(backupDir(ctx.dbPath), 'not a folder');
    expect(() => backupBeforeDestructive(ctx, '回滚')).toThrowError(/备份.*本次操作未执行/u);
    const r = await createHandlers(ctx)['backup.create']({}, {});
    expect(r.ok ? '' : r.error.code).toBe('E_BACKUP_FAILED');
    closeContext(ctx);
  });

  it('backs up a database from an older program version before migrating it forward', () => {
    const dir = join(tmp.dir, 'upgrade');
    const path = join(dir, 'rfm.sqlite');
    const v1 = MIGRATIONS.filter((m) => m.version === 1);
    const old = openDatabase(path, { migrations: v1 });
    old.prepare(`INSERT INTO meta (key, value) VALUES ('analyst_note', '去年的数据')`).run();
    const oldDump = dumpConnection(old);
    old.close();
    expect(existsSync(backupDir(path))).toBe(false);

    const next: Migration = { version: 2, name: 'test upgrade', sql: 'CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY);' };
    // Whatever the shipped history, the upgrade is from version 1 to one version more.
    const upgraded = openDatabase(path, { migrations: [...v1, next] });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(2);
    upgraded.close();
    const backups = readdirSync(backupDir(path));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/升级前-结构版本1至2\.sqlite$/u);
    expect(dumpDatabase(join(backupDir(path), backups[0] ?? ''))).toEqual(oldDump);
    // Opening again at the same version takes no further backup.
    openDatabase(path, { migrations: [...v1, next] }).close();
    expect(readdirSync(backupDir(path))).toHaveLength(1);
  });

  it('CLI: backup --reason, backups --json, restore --backup', async () => {
    const db = join(tmp.dir, 'cli', 'rfm.sqlite');
    const a = captureIO();
    expect(await runCli(['backup', '--db', db, '--reason', '季度导入前', '--json'], a.io)).toBe(0);
    const made = JSON.parse(a.out.join('')) as { file: string; reason: string };
    expect(made.reason).toBe('季度导入前');
    const l = captureIO();
    expect(await runCli(['backups', '--db', db, '--json'], l.io)).toBe(0);
    const listing = JSON.parse(l.out.join('')) as { keep: number; backups: { file: string }[] };
    expect(listing.keep).toBe(20);
    expect(listing.backups.map((b) => b.file)).toEqual([made.file]);
    const r = captureIO();
    expect(await runCli(['restore', '--db', db, '--backup', made.file], r.io)).toBe(0);
    expect(r.out.join('')).toContain('已从备份恢复');
    const bad = captureIO();
    expect(await runCli(['restore', '--db', db, '--backup', join(tmp.dir, 'nope.sqlite')], bad.io)).toBe(1);
    expect(bad.err.join('')).toContain('不存在');
    const usage = captureIO();
    expect(await runCli(['restore', '--db', db], usage.io)).toBe(1);
    expect(usage.err.join('')).toContain('--backup');
  });
});
