/**
 * §14: an import never writes into a database whose integrity check fails: it
 * is refused (quick_check before every committing import), in Chinese, with the
 * file's bytes unchanged, until a backup is restored — then importing works
 * again. A dry run, which writes nothing, still checks files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { writeReport } from '../import/fixtures';
import { tempDir } from '../hardening/helpers/temp';

const tmp = tempDir('damaged-store');
afterAll(() => tmp.cleanup());

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Scribbles over the cell pointers of a table's root page: its b-tree no longer holds together. */
function damageTable(path: string, table: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number }).rootpage;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (root - 1) * pageSize + 8);
  closeSync(fd);
}

describe('a damaged database', () => {
  it('refuses to import into it, changing nothing, until a backup is restored', async () => {
    const dbPath = join(tmp.dir, 'rfm.sqlite');
    const reports = join(tmp.dir, 'reports');
    let ctx = openContext(dbPath);
    let h = createHandlers(ctx);
    const first = await h['import.files']({ paths: [writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q2' }, join(reports, 'a.xlsx'))], receivedDate: '2025-07-08' }, {});
    expect(first.ok && first.value.accepted).toBe(1);
    const backup = await h['backup.create']({ reason: '损坏前' }, {});
    if (!backup.ok) throw new Error(backup.error.message);
    const next = writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q2' }, join(reports, 'b.xlsx'));
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(ctx);

    damageTable(dbPath, 'submission_values');
    ctx = openContext(dbPath);
    h = createHandlers(ctx);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha(dbPath);

    const refused = await h['import.files']({ paths: [next], receivedDate: '2025-07-08' }, {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('E_DB_DAMAGED');
      expect(refused.error.message).toMatch(/^数据库完整性检查未通过（.+），为免损坏扩大，本次导入未执行，数据库未作改动。请在「机构与设置」中从备份恢复/u);
      expect(refused.error.message).not.toMatch(/btree|Page \d|offset|\*\*\*/iu);
    }
    const sample = await h['sample.load']({ out: join(tmp.dir, 'sample') }, {});
    expect(sample.ok ? '' : sample.error.code).toBe('E_DB_DAMAGED');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(sha(dbPath)).toBe(before);

    // Checking files writes nothing: still allowed.
    const dry = await h['import.files']({ paths: [next], dryRun: true, receivedDate: '2025-07-08' }, {});
    expect(dry.ok && dry.value.files[0]?.status).toBe('accepted');

    // The integrity page says what is wrong, in Chinese.
    const check = await h['db.integrity']({}, {});
    expect(check.ok && check.value.ok).toBe(false);
    expect(check.ok && check.value.messages.join('')).toMatch(/^[^A-Za-z]*$/u);

    const restored = await h['backup.restore']({ file: backup.value.file }, {});
    expect(restored.ok, restored.ok ? '' : restored.error.message).toBe(true);
    const again = await h['import.files']({ paths: [next], receivedDate: '2025-07-08' }, {});
    expect(again.ok && again.value.accepted).toBe(1);
    closeContext(ctx);
  });
});
