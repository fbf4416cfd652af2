/**
 * §13: a backup killed midway (SIGKILL while SQLite writes the copy) leaves
 * nothing that looks like a backup: it is not listed, not counted among the N
 * kept (so it can never push a real backup out), and its temporary file is
 * removed once its writer is gone. Zero-byte or cut-short files named like a
 * backup (left by older versions) are treated the same way.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { backupDir } from '../../src/services/backup/files';
import { spawnTs } from '../hardening/helpers/spawn';
import { tempDir } from '../hardening/helpers/temp';

const tmp = tempDir('killed-backup');
afterAll(() => tmp.cleanup());

function waitFor<T>(probe: () => T | null, ms: number): Promise<T> {
  const until = Date.now() + ms;
  return new Promise((res, rej) => {
    const tick = (): void => {
      const v = probe();
      if (v !== null) res(v);
      else if (Date.now() > until) rej(new Error('timed out'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

describe('killed backups', () => {
  it('a backup killed while it is written is never listed, never counted, and is cleaned up', async () => {
    const dbPath = join(tmp.dir, 'rfm.sqlite');
    const ctx = openContext(dbPath);
    // Ballast, so that writing the copy takes long enough to be killed in the middle.
    ctx.db.exec('CREATE TABLE ballast (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800) INSERT INTO ballast SELECT randomblob(100000) FROM n;');
    const h = createHandlers(ctx);
    const keep = await h['backup.setKeep']({ keep: 2 }, {});
    expect(keep.ok).toBe(true);
    const first = await h['backup.create']({ reason: '第一份' }, {});
    const second = await h['backup.create']({ reason: '第二份' }, {});
    if (!first.ok || !second.ok) throw new Error('backup failed');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = backupDir(dbPath);

    const child = spawnTs(join(import.meta.dirname, 'fixtures/backup-once.ts'), [dbPath]);
    const partial = await waitFor(() => readdirSync(dir).find((n) => n.endsWith('.partial') && statSync(join(dir, n)).size > 1_000_000) ?? null, 60_000);
    child.kill('SIGKILL');
    await new Promise((res) => child.on('close', res));
    // What the killed writer left: its temporary file, under a name no listing takes for a backup.
    expect(existsSync(join(dir, partial))).toBe(true);
    expect(partial).toMatch(/^\.rfm-backup-.*将被中断\.sqlite\.\d+\.partial$/u);

    // Older versions left zero-byte or cut-short files under a backup's own name.
    writeFileSync(join(dir, 'rfm-backup-20991231T235959999Z-零字节.sqlite'), '');
    writeFileSync(join(dir, 'rfm-backup-20991231T235959998Z-只有文件头.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]));

    const list = await h['backup.list']({}, {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.backups.map((b) => b.name)).toEqual([second.value.name, first.value.name]);
    expect(readdirSync(dir).sort()).toEqual([first.value.name, second.value.name].sort());

    // The next backup prunes to 2 among whole backups only: the first one goes, the second stays.
    const third = await h['backup.create']({ reason: '第三份' }, {});
    if (!third.ok) throw new Error(third.error.message);
    const after = await h['backup.list']({}, {});
    expect(after.ok && after.value.backups.map((b) => b.name)).toEqual([third.value.name, second.value.name]);
    expect(after.ok && after.value.backups.every((b) => b.size > 50_000_000 && b.schemaVersion !== null)).toBe(true);
    closeContext(ctx);
  }, 120_000);

  it("a partial file of a backup still being written (its writer alive) is left alone", async () => {
    const dbPath = join(tmp.dir, 'alive', 'rfm.sqlite');
    const ctx = openContext(dbPath);
    const h = createHandlers(ctx);
    expect((await h['backup.create']({}, {})).ok).toBe(true);
    const mine = join(backupDir(dbPath), `.rfm-backup-20260101T000000000Z-进行中.sqlite.${process.pid}.partial`);
    writeFileSync(mine, 'being written');
    const list = await h['backup.list']({}, {});
    expect(list.ok && list.value.backups).toHaveLength(1);
    expect(existsSync(mine)).toBe(true);
    closeContext(ctx);
  });
});
