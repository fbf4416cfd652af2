import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueKey } from '../../src/domain/import/issueKey';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { dumpValues } from '../../src/services/import/dump';
import { listHistory, restoreSubmission } from '../../src/services/import/submissions';
import { listBatches, rollbackBatch } from '../../src/services/import/batches';
import { statusMatrix } from '../../src/services/import/status';
import { ParsePool } from '../../src/services/import/parsePool';
import { AppFailure } from '../../src/domain/result';
import { dumpAllTables, freshDb, writeReport } from './fixtures';

let db: DB;
let dir: string;
let pool: ParsePool;

beforeAll(() => {
  ({ db, dir } = freshDb());
  pool = new ParsePool();
});
afterAll(async () => {
  await pool.close();
  db.close();
});

type Summary = Awaited<ReturnType<typeof importFiles>>;
async function run(paths: string[], extra: { receivedDate?: string; dryRun?: boolean } = {}): Promise<Summary> {
  // Reports of earlier quarters arrive here long after their deadline; the analyst confirms that (W_RECEIVED_VERY_LATE).
  return importFiles(db, { paths, receivedDate: '2025-10-04', confirmAll: true, ...extra }, {}, { pool });
}

function loans(institution: string, quarter = '2025Q3'): number | string | null | undefined {
  return dumpValues(db, quarter, institution).find((r) => r.key === 'loans_total_bal')?.value;
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e.appError.code;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('batches, resubmissions, history and rollback', () => {
  it('a dry run parses and checks but writes nothing at all', async () => {
    const p = writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3' }, join(dir, 'dry', 'a.xlsx'));
    const before = dumpAllTables(db);
    const r = await run([p], { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, batchId: null, accepted: 1, rejected: 0 });
    expect(r.files[0]).toMatchObject({ status: 'accepted', institution: 'AK-ABC', version: 1, submissionId: null, late: false });
    expect(dumpAllTables(db)).toEqual(before);
  });

  it('imports a folder recursively, skipping lock files and non-report files', async () => {
    const d = join(dir, 'folder');
    writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { loans_total_bal: 100000 } }, join(d, '农行.xlsx'));
    writeReport(db, { institution: 'AK-ICBC', quarter: '2025Q3' }, join(d, 'sub', 'deeper', '工行.xls'), 'xls');
    mkdirSync(join(d, 'sub'), { recursive: true });
    writeFileSync(join(d, '~$农行.xlsx'), 'lock');
    writeFileSync(join(d, 'manifest.json'), '{}');
    const r = await run([d]);
    expect(r.files.map((f) => f.file).sort()).toEqual(['农行.xlsx', '工行.xls'].sort());
    expect(r.accepted).toBe(2);
    expect(r.batchId).not.toBeNull();
    const batch = listBatches(db).find((b) => b.id === r.batchId);
    expect(batch).toMatchObject({ fileCount: 2, accepted: 2, rejected: 0, status: 'committed' });
  });

  it('rejects a duplicate inside a batch and a file identical to the stored current version', async () => {
    const p = writeReport(db, { institution: 'AK-BOC', quarter: '2025Q3' }, join(dir, 'dup', 'a.xlsx'));
    const copy = join(dir, 'dup', 'b.xlsx');
    writeFileSync(copy, (await import('node:fs')).readFileSync(p));
    const r1 = await run([p, copy]);
    expect(r1.files.map((f) => f.status)).toEqual(['accepted', 'rejected']);
    expect(r1.files[1]?.errors[0]?.code).toBe('E_DUPLICATE_IN_BATCH');
    const r2 = await run([p]);
    expect(r2.files[0]?.errors[0]?.code).toBe('E_DUPLICATE_FILE');
    expect(r2.files[0]?.errors[0]?.message).toContain('AK-BOC 2025Q3 第 1 版');
    expect(listHistory(db, 'AK-BOC', '2025Q3')).toHaveLength(1);
  });

  it('a resubmission becomes current as version 2; the first is kept and can be restored', async () => {
    const v1 = writeReport(db, { institution: 'AK-CCB', quarter: '2025Q3', cells: { loans_total_bal: 100000 } }, join(dir, 're', 'v1.xlsx'));
    const v2 = writeReport(db, { institution: 'AK-CCB', quarter: '2025Q3', cells: { loans_total_bal: 110000 } }, join(dir, 're', 'v2.xlsx'));
    const r1 = await run([v1]);
    const r2 = await run([v2], { receivedDate: '2025-10-10' });
    expect(r2.files[0]).toMatchObject({ status: 'accepted', version: 2, late: true });
    expect(loans('AK-CCB')).toBe(110000);
    const h = listHistory(db, 'AK-CCB', '2025Q3');
    expect(h.map((s) => [s.version, s.status, s.supersededBy])).toEqual([
      [1, 'superseded', r2.files[0]?.submissionId],
      [2, 'current', null],
    ]);
    const first = r1.files[0]?.submissionId ?? 0;
    const restored = restoreSubmission(db, first);
    expect(restored).toMatchObject({ status: 'current', version: 1 });
    expect(loans('AK-CCB')).toBe(100000);
    expect(listHistory(db, 'AK-CCB', '2025Q3').map((s) => s.status)).toEqual(['current', 'superseded']);
    expect(errorCode(() => restoreSubmission(db, first))).toBe('E_ALREADY_CURRENT');
    const audit = db.prepare(`SELECT action FROM audit_log WHERE action = 'submission.restore' AND entity_id = ?`).all(String(first));
    expect(audit).toHaveLength(1);
  });

  it('rolling back a batch reinstates the versions it replaced; twice is an error', async () => {
    const a1 = writeReport(db, { institution: 'AK-PSBC', quarter: '2025Q3', cells: { loans_total_bal: 100000 } }, join(dir, 'rb', 'a1.xlsx'));
    const a2 = writeReport(db, { institution: 'AK-PSBC', quarter: '2025Q3', cells: { loans_total_bal: 120000 } }, join(dir, 'rb', 'a2.xlsx'));
    const b2 = writeReport(db, { institution: 'AK-CAB', quarter: '2025Q3', cells: { loans_total_bal: 130000 } }, join(dir, 'rb', 'b2.xlsx'));
    await run([a1]);
    const batch = await run([a2, b2]);
    expect(batch.accepted).toBe(2);
    expect(loans('AK-PSBC')).toBe(120000);
    const rolled = rollbackBatch(db, batch.batchId ?? 0);
    expect(rolled.status).toBe('rolled_back');
    expect(loans('AK-PSBC')).toBe(100000);
    expect(loans('AK-CAB')).toBeUndefined();
    expect(listHistory(db, 'AK-PSBC', '2025Q3').map((s) => s.status)).toEqual(['current', 'rolled_back']);
    expect(errorCode(() => rollbackBatch(db, batch.batchId ?? 0))).toBe('E_BATCH_ROLLED_BACK');
    expect(errorCode(() => restoreSubmission(db, batch.files[0]?.submissionId ?? 0))).toBe('E_ROLLED_BACK');
    // The rolled-back file can be imported again as a new version.
    const again = await run([a2]);
    expect(again.files[0]).toMatchObject({ status: 'accepted', version: 3 });
  });

  it('queries a quarter-on-quarter jump against the current previous quarter: held until the analyst explains it', async () => {
    const q2 = writeReport(db, { institution: 'AK-HBRCB', quarter: '2025Q2', cells: { loans_total_bal: 100000 } }, join(dir, 'jump', 'q2.xlsx'));
    const q3 = writeReport(db, { institution: 'AK-HBRCB', quarter: '2025Q3', cells: { loans_total_bal: 160000 } }, join(dir, 'jump', 'q3.xlsx'));
    const r = await run([q2, q3]);
    expect(r).toMatchObject({ accepted: 1, held: 1 });
    const w = r.files[1]?.warnings.find((x) => x.code === 'W_JUMP');
    expect(w).toMatchObject({ sheet: '信贷总量', ack: 'explain', rule: 'R26-31' });
    expect(w?.message).toContain('+60.0%');
    if (!w) throw new Error('no jump warning');
    const explained = await importFiles(db, { paths: [q3], receivedDate: '2025-10-05', confirmAll: true, acks: { 'q3.xlsx': { [issueKey(w)]: '本季度承接了合并机构的贷款' } } }, {}, { pool });
    expect(explained.files[0]?.status).toBe('accepted');
    const stored = db.prepare(`SELECT severity, code, rule, decision FROM submission_issues WHERE submission_id = ?`).all(explained.files[0]?.submissionId);
    expect(stored).toContainEqual({ severity: 'warning', code: 'W_JUMP', rule: 'R26-31', decision: '本季度承接了合并机构的贷款' });
  });

  it('status matrix: 已报, 逾期, 未报 and 重报 counts with totals', () => {
    const m = statusMatrix(db, { quarter: '2025Q3', region: 'ankang' });
    const cell = (code: string): unknown => m.cells.find((c) => c.institution === code);
    expect(cell('AK-ABC')).toMatchObject({ state: '已报', resubmissions: 0 });
    expect(cell('AK-CCB')).toMatchObject({ state: '已报', resubmissions: 1 });
    expect(cell('AK-PSBC')).toMatchObject({ state: '已报', resubmissions: 1 });
    expect(cell('AK-CAB')).toMatchObject({ state: '未报', resubmissions: 0 });
    expect(cell('AK-ZYRCB')).toMatchObject({ state: '未报' });
    const t = m.totals[0];
    expect(t?.reported).toBe(m.cells.filter((c) => c.state !== '未报').length);
    expect((t?.reported ?? 0) + (t?.missing ?? 0)).toBe(m.institutions.length);
    const range = statusMatrix(db, { from: '2025Q2', to: '2025Q3', region: 'ankang' });
    expect(range.quarters).toEqual(['2025Q2', '2025Q3']);
    expect(range.cells.find((c) => c.institution === 'AK-HBRCB' && c.quarter === '2025Q2')?.state).toBe('逾期'); // received 2025-10-04, due 2025-07-05
  });

  it('late files show as 逾期 in the matrix', async () => {
    const p = writeReport(db, { institution: 'AK-ZYRCB', quarter: '2025Q3' }, join(dir, 'late.xlsx'));
    await run([p], { receivedDate: '2025-10-20' });
    const m = statusMatrix(db, { quarter: '2025Q3', region: 'ankang' });
    expect(m.cells.find((c) => c.institution === 'AK-ZYRCB')).toMatchObject({ state: '逾期', receivedDate: '2025-10-20' });
    expect(m.totals[0]?.late).toBeGreaterThanOrEqual(1);
  });

  it('dump: values in 万元, integers for counts, fractions for rates, null for blanks', () => {
    const rows = dumpValues(db, '2025Q3', 'AK-ABC');
    const by = (n: string): unknown => rows.find((r) => r.definedName === n);
    expect(by('RV_loans_total_bal')).toMatchObject({ institution: 'AK-ABC', quarter: '2025Q3', key: 'loans_total_bal', member: null, value: 100000 });
    expect(by('RV_pov_households')).toMatchObject({ value: 500 });
    expect(by('RV_guarantee_fee_rate')).toMatchObject({ value: 0.01 });
    expect(by('RV_text_cases')).toMatchObject({ value: null, sheet: '文字材料' });
    expect(by('RV_chain_bal__konjac')).toMatchObject({ key: 'chain_bal', member: 'konjac', value: 2000, sheet: '产业链' });
    const sub = rows[0]?.submissionId;
    const count = db.prepare('SELECT COUNT(*) AS n FROM submission_values WHERE submission_id = ?').get(sub) as { n: number };
    expect(rows).toHaveLength(count.n);
  });
});
