/**
 * One parse for 检查报表 + 提交导入, through the real handlers of one services context (as the
 * window runs them): the commit re-reads and hashes every file, parses again only those whose
 * bytes changed since the check, re-runs the checks that read the database, and stores what
 * a fresh import of the same files stores. Memory is capped and freed after the commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { ImportSummary } from '../../src/api/types';
import { ParsePool, type Parsed } from '../../src/services/import/parsePool';
import type { ParseJob } from '../../src/services/import/snapshot';
import { CheckedFiles } from '../../src/services/import/checked';
import { importFiles } from '../../src/services/import/importFiles';
import { dumpValues } from '../../src/services/import/dump';
import { freshDb, writeReport } from './fixtures';
import { tempDir } from '../hardening/helpers/temp';

/** The app's pool, counting the files it is asked to parse. */
class CountingPool extends ParsePool {
  parsed: string[] = [];
  override parse(job: ParseJob): Promise<Parsed> {
    this.parsed.push(job.file ?? '');
    return super.parse(job);
  }
}

const tmp = tempDir('checked');
let ctx: ServiceContext;
let h: HandlerTable;
let pool: CountingPool;
let files: string[];

async function run(args: Parameters<HandlerTable['import.files']>[0]): Promise<ImportSummary> {
  const r = await h['import.files']({ receivedDate: '2025-10-09', ...args }, {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(() => {
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  pool = new CountingPool();
  ctx.parsePool = pool;
  h = createHandlers(ctx);
  files = ['AK-ABC', 'AK-ICBC', 'AK-BOC'].map((inst, i) => writeReport(ctx.db, { institution: inst, quarter: '2025Q3', cells: { loans_total_bal: 100000 + i } }, join(tmp.dir, 'in', `${inst}.xlsx`)));
});
afterAll(async () => {
  await pool.close();
  closeContext(ctx);
  tmp.cleanup();
});

describe('check then commit', () => {
  it('parses each file once; the commit uses the check’s parse and frees it', async () => {
    const check = await run({ paths: files, dryRun: true });
    expect(check.accepted).toBe(3);
    expect(pool.parsed).toHaveLength(3);
    expect(ctx.checked?.stats.files).toBe(3);
    const commit = await run({ paths: files });
    expect(commit).toMatchObject({ accepted: 3, reused: 3 });
    expect(pool.parsed).toHaveLength(3);
    expect(ctx.checked?.stats).toEqual({ files: 0, bytes: 0 });
  });

  it('stores exactly what a fresh import of the same files stores', async () => {
    const other = freshDb(join(tmp.dir, 'fresh'));
    try {
      await importFiles(other.db, { paths: files, receivedDate: '2025-10-09' }, {}, { pool });
      for (const inst of ['AK-ABC', 'AK-ICBC', 'AK-BOC']) {
        const strip = (rows: ReturnType<typeof dumpValues>) => rows.map(({ submissionId: _s, ...r }) => r);
        expect(strip(dumpValues(ctx.db, '2025Q3', inst))).toEqual(strip(dumpValues(other.db, '2025Q3', inst)));
      }
    } finally {
      other.db.close();
    }
  });

  it('a file changed on disk after the check is parsed again and stored as it is now; the checks that read the store run again', async () => {
    const v2 = files.map((f, i) => writeReport(ctx.db, { institution: ['AK-ABC', 'AK-ICBC', 'AK-BOC'][i] ?? '', quarter: '2025Q3', cells: { loans_total_bal: 200000 + i } }, f.replace('.xlsx', '_更正.xlsx')));
    pool.parsed = [];
    const check = await run({ paths: v2, dryRun: true });
    expect(check.files.map((f) => f.version)).toEqual([2, 2, 2]);
    // The bank sends the ICBC correction again, corrected once more, before the analyst commits.
    writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q3', cells: { loans_total_bal: 333333 } }, v2[1] ?? '');
    // Meanwhile another import stored a version 2 for AK-BOC: the commit must see it.
    const boc = writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q3', cells: { loans_total_bal: 250000 } }, join(tmp.dir, 'other', 'AK-BOC.xlsx'));
    const between = await importFiles(ctx.db, { paths: [boc], receivedDate: '2025-10-09' }, {}, { pool });
    expect(between.files[0]?.version).toBe(2);
    pool.parsed = [];
    const commit = await run({ paths: v2 });
    expect(commit.reused).toBe(2);
    expect(pool.parsed).toEqual(['AK-ICBC_更正.xlsx']);
    expect(commit.files.map((f) => [f.institution, f.version])).toEqual([
      ['AK-ABC', 2],
      ['AK-ICBC', 2],
      ['AK-BOC', 3],
    ]);
    expect(dumpValues(ctx.db, '2025Q3', 'AK-ICBC').find((r) => r.key === 'loans_total_bal')?.value).toBe(333333);
  });

  it('a new check keeps only its own files', async () => {
    const a = writeReport(ctx.db, { institution: 'AK-CCB', quarter: '2025Q2' }, join(tmp.dir, 'n', 'a.xlsx'));
    const b = writeReport(ctx.db, { institution: 'AK-PSBC', quarter: '2025Q2' }, join(tmp.dir, 'n', 'b.xlsx'));
    await run({ paths: [a, b], dryRun: true });
    expect(ctx.checked?.stats.files).toBe(2);
    await run({ paths: [a], dryRun: true });
    expect(ctx.checked?.stats.files).toBe(1);
  });
});

describe('a commit of kept parses', () => {
  it('lets the event loop run between files: a 取消 sent while it runs stops the files not yet stored', async () => {
    const insts = ['AK-ABC', 'AK-ICBC', 'AK-BOC', 'AK-CCB', 'AK-PSBC', 'AK-CAB'];
    const paths = insts.map((inst) => writeReport(ctx.db, { institution: inst, quarter: '2024Q4' }, join(tmp.dir, 'cancel', `${inst}.xlsx`)));
    const check = await run({ paths, dryRun: true, receivedDate: '2025-01-06' });
    expect(check.accepted).toBe(insts.length);
    const stop = new AbortController();
    // The 取消 arrives as a message does: on a later turn of the event loop, not inside the commit's own calls.
    const r = await h['import.files']({ paths, receivedDate: '2025-01-06' }, { signal: stop.signal, onProgress: (p) => p.done === 1 && setTimeout(() => stop.abort(), 0) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reused).toBeGreaterThan(0);
    expect(r.value.accepted).toBeGreaterThan(0);
    expect(r.value.accepted).toBeLessThan(insts.length);
    expect(r.value.files.filter((f) => f.errors[0]?.code === 'E_CANCELLED')).toHaveLength(insts.length - r.value.accepted);
  });
});

describe('the cap', () => {
  it('holds no more than its cap, dropping the oldest first, and a commit still stores every file', async () => {
    const paths = ['AK-CAB', 'AK-HBRCB', 'AK-XYRCB', 'AK-ZYRCB'].map((inst) => writeReport(ctx.db, { institution: inst, quarter: '2025Q1' }, join(tmp.dir, 'cap', `${inst}.xlsx`)));
    const probe = new CheckedFiles();
    const small = await importFiles(ctx.db, { paths: [paths[0] ?? ''], dryRun: true, receivedDate: '2025-04-07' }, {}, { pool, checked: probe });
    expect(small.accepted).toBe(1);
    const one = probe.stats.bytes;
    expect(one).toBeGreaterThan(2_000);
    const capped = new CheckedFiles(Math.floor(one * 2.5));
    await importFiles(ctx.db, { paths, dryRun: true, receivedDate: '2025-04-07' }, {}, { pool, checked: capped });
    expect(capped.stats.files).toBe(2);
    expect(capped.stats.bytes).toBeLessThanOrEqual(capped.cap);
    const commit = await importFiles(ctx.db, { paths, receivedDate: '2025-04-07' }, {}, { pool, checked: capped });
    expect(commit).toMatchObject({ accepted: 4, reused: 2 });
    expect(capped.stats.files).toBe(0);
  });

  it('keeps a report’s parse packed: tens of kilobytes, not the hundreds a parsed workbook takes on the heap', async () => {
    const probe = new CheckedFiles();
    await importFiles(ctx.db, { paths: [files[0] ?? ''], dryRun: true, receivedDate: '2025-10-09' }, {}, { pool, checked: probe });
    expect(probe.stats.files).toBe(1);
    expect(probe.stats.bytes).toBeGreaterThan(2_000);
    expect(probe.stats.bytes).toBeLessThan(100 * 1024);
  });
});
