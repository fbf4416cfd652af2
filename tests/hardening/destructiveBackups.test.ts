/** Every destructive action takes a backup first, and does not happen when it cannot. */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { backupDir } from '../../src/services/backup/files';
import { writeReport } from '../import/fixtures';
import { dumpConnection, dumpDatabase } from './helpers/db-dump';
import { tempDir } from './helpers/temp';

const tmp = tempDir('destructive');
afterAll(() => tmp.cleanup());
const RECEIVED = '2025-10-08';

describe('backups before destructive actions', () => {
  it('batch rollback and history restore each leave a backup of the state just before them', async () => {
    const ctx = openContext(join(tmp.dir, 'a', 'rfm.sqlite'));
    const h = createHandlers(ctx);
    const v1 = writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3' }, join(tmp.dir, 'files', 'v1.xlsx'));
    const v2 = writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { loans_total_bal: 120000 } }, join(tmp.dir, 'files', 'v2.xlsx'));
    const b1 = await h['import.files']({ paths: [v1], receivedDate: RECEIVED }, {});
    const b2 = await h['import.files']({ paths: [v2], receivedDate: RECEIVED }, {});
    if (!b1.ok || !b2.ok) throw new Error('import failed');
    const dir = backupDir(ctx.dbPath);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    // Refused requests take no backup.
    expect((await h['batch.rollback']({ batchId: 999 }, {})).ok).toBe(false);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    const beforeRollback = dumpConnection(ctx.db);
    const rb = await h['batch.rollback']({ batchId: b2.value.batchId ?? -1 }, {});
    expect(rb.ok).toBe(true);
    const afterFirst = readdirSync(dir);
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toContain(`撤销导入批次${b2.value.batchId}前`);
    expect(dumpDatabase(join(dir, afterFirst[0] ?? ''))).toEqual(beforeRollback);

    // v1 is current again; import v2 anew and restore v1 from the history.
    const b3 = await h['import.files']({ paths: [v2], receivedDate: RECEIVED }, {});
    expect(b3.ok && b3.value.accepted).toBe(1);
    const v1Id = b1.value.files[0]?.submissionId ?? -1;
    const beforeRestore = dumpConnection(ctx.db);
    const rs = await h['history.restore']({ submissionId: v1Id }, {});
    expect(rs.ok).toBe(true);
    const restoreBackup = readdirSync(dir).find((n) => n.includes(`恢复报送记录${v1Id}前`));
    expect(restoreBackup).toBeDefined();
    expect(dumpDatabase(join(dir, restoreBackup ?? ''))).toEqual(beforeRestore);
    // Restoring what is already current is refused, without a backup.
    const count = readdirSync(dir).length;
    expect((await h['history.restore']({ submissionId: v1Id }, {})).ok).toBe(false);
    expect(readdirSync(dir)).toHaveLength(count);
    closeContext(ctx);
  });

  it('when the backup cannot be written, the rollback does not happen', async () => {
    const ctx = openContext(join(tmp.dir, 'b', 'rfm.sqlite'));
    const h = createHandlers(ctx);
    const f = writeReport(ctx.db, { institution: 'BS-PSBC', quarter: '2025Q3' }, join(tmp.dir, 'files', 'b.xlsx'));
    const b = await h['import.files']({ paths: [f], receivedDate: RECEIVED }, {});
    if (!b.ok) throw new Error(b.error.message);
    rmSync(backupDir(ctx.dbPath), { recursive: true, force: true });
    writeFileSync(backupDir(ctx.dbPath), 'a file where the backups folder should be');
    const before = dumpConnection(ctx.db);
    const r = await h['batch.rollback']({ batchId: b.value.batchId ?? -1 }, {});
    expect(r.ok ? '' : r.error.code).toBe('E_BACKUP_FAILED');
    expect(r.ok ? '' : r.error.message).toContain('本次操作未执行');
    expect(dumpConnection(ctx.db)).toEqual(before);
    closeContext(ctx);
  });
});
