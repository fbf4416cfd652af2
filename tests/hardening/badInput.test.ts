/**
 * The bad-input corpus, tried for real through the import handler: every file
 * is refused with a clear Chinese error that names the file (and the cell where
 * there is one), in bounded time and memory, and the database keeps every byte
 * of its data — the only trace is the log of the refused attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { FileImportResult, ImportSummary } from '../../src/api/types';
import { integrityCheck } from '../../src/services/db/database';
import { runCli } from '../../src/cli/main';
import { BOMB_BYTES, INJECTIONS, buildContentCases, buildCorpus, goodReport, prototypeKeysReport, redirectedToConstructor, type BadCase } from './corpus/badInputs';
import { writeOfficeWorkbook } from '../../src/services/exports/office-table';
import ExcelJS from 'exceljs';
import { writeReport } from '../import/fixtures';
import { diffDumps, dumpConnection, dumpDatabase } from './helpers/db-dump';
import { expectOnlyTheAttemptLogged } from './helpers/refusal';
import { runTs } from './helpers/spawn';
import { tempDir } from './helpers/temp';

const RECEIVED = '2025-10-08';
const CHINESE = /[\u4e00-\u9fff]/u;
const tmp = tempDir('bad-input');
let ctx: ServiceContext;
let h: HandlerTable;
let corpus: BadCase[];

beforeAll(async () => {
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
  // The analyst's data so far: two accepted reports.
  const first = await importOk([goodReport(ctx.db, join(tmp.dir, 'good'), { institution: 'AK-ABC', quarter: '2025Q2' })]);
  expect(first.accepted).toBe(1);
  expect((await importOk([goodReport(ctx.db, join(tmp.dir, 'good'), { institution: 'BS-PSBC', quarter: '2025Q2' })])).accepted).toBe(1);
  corpus = [...(await buildCorpus(ctx.db, join(tmp.dir, 'corpus'))), ...buildContentCases(ctx.db, join(tmp.dir, 'corpus'))];
}, 120_000);

afterAll(() => {
  closeContext(ctx);
  tmp.cleanup();
});

async function importOk(paths: string[]): Promise<ImportSummary> {
  // 2025Q2 reports received in October: long after the deadline, which the analyst confirms (W_RECEIVED_VERY_LATE).
  const r = await h['import.files']({ paths, receivedDate: RECEIVED, confirmAll: true }, {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function expectClearRefusal(f: FileImportResult | undefined, c: BadCase): void {
  expect(f?.file).toBe(c.file);
  expect(f?.status, `${c.file}: ${JSON.stringify(f?.errors)}`).toBe('rejected');
  const e = f?.errors[0];
  expect(c.codes, `${c.file}: ${JSON.stringify(f?.errors)}`).toContain(e?.code);
  expect(e?.message).toMatch(CHINESE);
  if (c.cell) {
    expect(e?.sheet).toBe(c.cell.sheet);
    if (c.cell.cell) expect(e?.cell).toBe(c.cell.cell);
  }
}

describe('bad input', () => {
  it('broken, foreign and wrong files: a clear Chinese error at the right cell, and the data untouched', async () => {
    const light = corpus.filter((c) => !c.heavy);
    expect(light.length).toBeGreaterThanOrEqual(13);
    for (const c of light) {
      const before = dumpConnection(ctx.db);
      const s = await importOk([c.path]);
      expectClearRefusal(s.files[0], c);
      expectOnlyTheAttemptLogged(before, dumpConnection(ctx.db), 1);
    }
    expect(integrityCheck(ctx.db).ok).toBe(true);
  });

  it('zip bombs, a million rows, 10 000 columns, 50 MB: refused in bounded time and memory, in a process of their own', async () => {
    const heavy = corpus.filter((c) => c.heavy);
    expect(heavy.map((c) => c.file).sort()).toEqual(['一万列.xlsx', '一百万行.xlsx', '压缩炸弹-伪造大小.xlsx', '压缩炸弹.xlsx'].sort());
    // The child works on a copy of the analyst's database.
    const dbPath = join(tmp.dir, 'heavy.sqlite');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(ctx.dbPath, dbPath);
    for (const c of [...heavy, ...corpus.filter((x) => x.file === '五十兆.xlsx')]) {
      const before = dumpDatabase(dbPath);
      const out = await runTs(join(import.meta.dirname, 'fixtures/import-one.ts'), [dbPath, RECEIVED, c.path]);
      expect(out.code, out.stderr).toBe(0);
      const { result, ms, maxRssMb } = JSON.parse(out.stdout) as { result: { ok: true; value: ImportSummary }; ms: number; maxRssMb: number };
      expectClearRefusal(result.value.files[0], c);
      // The bomb alone inflates to 256 MB of XML, which SheetJS would need gigabytes and minutes
      // to parse: a refusal at all proves the guard stopped it first (a hang ends in the test's
      // timeout). How long it took is a figure, printed, not a pass/fail bound (machines differ).
      process.stdout.write(`${c.file}: refused in ${ms} ms, peak ${maxRssMb} MB\n`);
      // Issue 10 §16: under 500 MB for every refused file (measured 206–453 MB, the million-row
      // sheet the highest; ~210 MB is the process with its two parse workers).
      expect(maxRssMb, c.file).toBeLessThan(500);
      expectOnlyTheAttemptLogged(before, dumpDatabase(dbPath), 1);
    }
    expect(BOMB_BYTES).toBeGreaterThanOrEqual(256 * 1024 * 1024);
  });

  it('__proto__ / constructor / prototype as sheet names, defined names and cell text: read as plain data, nothing polluted', async () => {
    const path = prototypeKeysReport(ctx.db, join(tmp.dir, 'proto'));
    const plain = writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { text_cases: '__proto__', cover_reviewer: 'constructor' } }, join(tmp.dir, 'proto', 'plain.xlsx'));
    const s = await importOk([path]);
    const f = s.files[0];
    expect(f?.status, JSON.stringify(f?.errors)).toBe('accepted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
    const stored = await h['data.dump']({ quarter: '2025Q3', institution: 'AK-ABC' }, {});
    if (!stored.ok) throw new Error(stored.error.message);
    const byKey = new Map(stored.value.map((d) => [d.definedName, d.value]));
    expect(byKey.get('RV_text_cases')).toBe('__proto__');
    expect(byKey.get('RV_cover_reviewer')).toBe('constructor');
    // Exactly the values of the same report without the hostile extras.
    const again = await h['import.files']({ paths: [plain], receivedDate: RECEIVED, dryRun: true, confirmAll: true }, {});
    expect(again.ok && again.value.files[0]?.valueCount).toBe(f?.valueCount);

    // A name redirected to a "constructor" sheet that does not exist is not followed: the form's labelled cell is read.
    const redirected = await importOk([redirectedToConstructor(ctx.db, join(tmp.dir, 'proto'))]);
    const rf = redirected.files[0];
    expect(rf?.status, JSON.stringify(rf?.errors)).toBe('accepted');
    expect(rf?.notes.find((n) => n.code === 'N_CELLS_MOVED')?.message).toContain('定义名称指向了别的单元格');
    const q3 = await h['data.dump']({ quarter: '2025Q3', institution: 'AK-ABC' }, {});
    if (!q3.ok) throw new Error(q3.error.message);
    expect(q3.value.find((d) => d.definedName === 'RV_loans_total_bal')).toMatchObject({ value: 100000, sheet: '信贷总量' });
  });

  it('duplicate files in one batch, the same file twice, good and bad files mixed: each file judged on its own', async () => {
    const dir = join(tmp.dir, 'batch');
    const a = writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q3' }, join(dir, 'a-工行.xlsx'));
    const aCopy = join(dir, 'a-工行-副本.xlsx');
    copyFileSync(a, aCopy);
    const b = writeReport(ctx.db, { institution: 'BS-ABC', quarter: '2025Q3' }, join(dir, 'b-璧山农行.xlsx'));
    const bad = corpus.filter((c) => !c.heavy).slice(0, 4);
    const before = dumpConnection(ctx.db);
    const s = await importOk([a, bad[0]?.path ?? '', aCopy, bad[1]?.path ?? '', b, bad[2]?.path ?? '', bad[3]?.path ?? '']);
    expect(s.accepted).toBe(2);
    expect(s.rejected).toBe(5);
    expect(s.files.find((f) => f.file === 'a-工行-副本.xlsx')?.errors[0]?.code).toBe('E_DUPLICATE_IN_BATCH');
    expect(s.files.find((f) => f.file === 'a-工行-副本.xlsx')?.errors[0]?.message).toContain('a-工行.xlsx');
    for (const c of bad) expectClearRefusal(s.files.find((f) => f.file === c.file), c);
    // Only the two good files' submissions entered the store.
    const diff = diffDumps(before, dumpConnection(ctx.db));
    expect(diff['submissions']?.added.map((r) => r[2]).sort()).toEqual(['AK-ICBC', 'BS-ABC']);
    expect(diff['submissions']?.removed).toEqual([]);
    const accepted = new Set(s.files.filter((f) => f.status === 'accepted').map((f) => f.submissionId));
    expect(new Set(diff['submission_values']?.added.map((r) => r[0]))).toEqual(accepted);

    // The same file again, in a later batch: refused as already imported, nothing changes.
    const before2 = dumpConnection(ctx.db);
    const again = await importOk([a]);
    expect(again.files[0]?.errors[0]?.code).toBe('E_DUPLICATE_FILE');
    expect(again.files[0]?.errors[0]?.message).toMatch(/a-工行\.xlsx.*完全相同/u);
    expectOnlyTheAttemptLogged(before2, dumpConnection(ctx.db), 1);
  });

  it('the CLI names every refused file, with the cell, in Chinese', async () => {
    const picks = corpus.filter((c) => c.cell && !c.heavy).slice(0, 3);
    const out: string[] = [];
    const code = await runCli(['import', ...picks.map((c) => c.path), '--db', ctx.dbPath, '--received', RECEIVED, '--confirm'], { out: (s) => out.push(s), err: (s) => out.push(s) });
    expect(code).not.toBe(0);
    const text = out.join('\n');
    for (const c of picks) {
      expect(text).toContain(c.file);
      if (c.cell?.cell) expect(text).toContain(c.cell.cell);
    }
  });

  it('formula-injection strings in text cells are stored as the plain text they are, and exported neutralised', async () => {
    const path = writeReport(ctx.db, { institution: 'AK-ADBC', quarter: '2025Q3', cells: INJECTIONS }, join(tmp.dir, 'inject', '注入.xlsx'));
    const s = await importOk([path]);
    expect(s.files[0]?.status, JSON.stringify(s.files[0]?.errors)).toBe('accepted');
    const stored = await h['data.dump']({ quarter: '2025Q3', institution: 'AK-ADBC' }, {});
    if (!stored.ok) throw new Error(stored.error.message);
    const texts = stored.value.filter((d) => Object.keys(INJECTIONS).includes(d.key));
    expect(Object.fromEntries(texts.map((d) => [d.key, d.value]))).toEqual(INJECTIONS);
    // Back out through the office table writer every tabular export uses.
    const out = join(tmp.dir, 'inject', '导出.xlsx');
    await writeOfficeWorkbook(out, [
      { name: '文字材料', title: '文字材料', period: '2025年第三季度', unit: '', source: '测试', columns: [{ key: 'key', header: '项目', width: 20 }, { key: 'text', header: '内容', width: 60 }], rows: texts.map((d) => ({ key: d.key, text: String(d.value) })) },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells: unknown[] = [];
    wb.getWorksheet('文字材料')?.eachRow((row, n) => n > 3 && n <= 3 + texts.length && cells.push(row.getCell(2).value));
    expect(cells).toEqual(texts.map((d) => `'${String(d.value)}`));
  });

  it('a valid report in a GBK-encoded CSV is read with its Chinese text intact', async () => {
    const path = writeReport(ctx.db, { institution: 'BS-PSBC', quarter: '2025Q3', cells: { text_work: '璧山区围绕花椒、脐橙产业链加大信贷投放。' } }, join(tmp.dir, 'gbk', '邮储璧山-GBK.csv'), 'csv-gbk');
    const s = await importOk([path]);
    expect(s.files[0]?.status, JSON.stringify(s.files[0]?.errors)).toBe('accepted');
    const stored = await h['data.dump']({ quarter: '2025Q3', institution: 'BS-PSBC' }, {});
    expect(stored.ok && stored.value.find((d) => d.definedName === 'RV_text_work')?.value).toBe('璧山区围绕花椒、脐橙产业链加大信贷投放。');
  });
});
