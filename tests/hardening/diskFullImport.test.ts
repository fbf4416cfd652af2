/**
 * The disk fills up in the middle of an import: the files committed before stay
 * whole, the file being written is rolled back, the rest are listed as not
 * imported — the analyst gets the summary, not just an error — and the database
 * passes integrity_check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { integrityCheck } from '../../src/services/db/database';
import { writeReport } from '../import/fixtures';
import { diffDumps, dumpConnection } from './helpers/db-dump';
import { tempDir } from './helpers/temp';

const tmp = tempDir('disk-full-import');
afterAll(() => tmp.cleanup());

describe('disk full during an import', () => {
  it('keeps the files already committed, rolls back the one being written, lists the rest as not imported', async () => {
    const ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
    const h = createHandlers(ctx);
    const files = ['AK-ABC', 'AK-ICBC', 'BS-ABC', 'BS-PSBC'].map((i, n) => writeReport(ctx.db, { institution: i, quarter: '2025Q2', templateVersion: 'RV-2025.1' }, join(tmp.dir, 'files', `${n + 1}-${i}.xlsx`)));
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dumpConnection(ctx.db);
    // Room for the batch row and about one report (of the 2025 form's size), not for four.
    ctx.db.pragma(`max_page_count = ${(ctx.db.pragma('page_count', { simple: true }) as number) + 3}`);
    // 2025Q2 reports received in October: the analyst confirms the late arrival (W_RECEIVED_VERY_LATE).
    const r = await h['import.files']({ paths: files, receivedDate: '2025-10-08', confirmAll: true }, {});
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    const s = r.value;
    expect(s.accepted).toBeGreaterThanOrEqual(1);
    expect(s.accepted).toBeLessThan(files.length);
    const failed = s.files[s.accepted];
    expect(failed?.errors[0]?.code).toBe('E_DISK_FULL');
    expect(failed?.errors[0]?.message).toMatch(/文件「.+」未能写入数据库.*磁盘空间已满/u);
    for (const f of s.files.slice(s.accepted + 1)) expect(f.errors[0]?.message).toMatch(/磁盘空间已满.*本文件未导入/u);
    ctx.db.pragma('max_page_count = 1073741823');
    expect(integrityCheck(ctx.db).ok).toBe(true);
    const diff = diffDumps(before, dumpConnection(ctx.db));
    expect(diff['submissions']?.added.map((row) => row[4])).toEqual(s.files.slice(0, s.accepted).map((f) => f.file));
    expect(new Set(diff['submission_values']?.added.map((row) => row[0]))).toEqual(new Set(s.files.slice(0, s.accepted).map((f) => f.submissionId)));
    // With room again, running the same import finishes the job.
    const again = await h['import.files']({ paths: files, receivedDate: '2025-10-08', confirmAll: true }, {});
    expect(again.ok && again.value.accepted).toBe(files.length - s.accepted);
    closeContext(ctx);
  });
});
