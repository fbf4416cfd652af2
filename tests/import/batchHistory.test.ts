/**
 * 检查报表 sees what 提交导入 will see: the batch's earlier files (same bank, earlier quarter,
 * not refused) are history for the later ones in the check, as the commit reads them after
 * committing in order. Through the real handlers on real .xlsx files, as the window runs it:
 * check, decide on every warning of the check (keyed by SHA-256), commit with those decisions —
 * and nothing is held a second time. Also: a file refused at the check is nobody's history (the
 * database's version counts), and of two versions of one quarter in a batch the later one is
 * the history and the 重报 the commit will make of it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { FileAck, FileImportResult, ImportSummary } from '../../src/api/types';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { CONFIRMED_TEXT, issueKey } from '../../src/domain/import/issueKey';
import { writeReport, type CellSpec } from './fixtures';
import { tempDir } from '../hardening/helpers/temp';
import { must } from '../helpers/result';

let tmp: ReturnType<typeof tempDir>;
let ctx: ServiceContext;
let h: HandlerTable;
let clock: Clock;

beforeEach(() => {
  clock = setClock(fixedClock('2025-10-20T09:30:00+08:00'));
  tmp = tempDir('batch-history');
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
});
afterEach(() => {
  closeContext(ctx);
  setClock(clock);
  tmp.cleanup();
});

interface File {
  name: string;
  quarter: string;
  received: string;
  cells?: Record<string, CellSpec>;
}

/** Writes the files of one bank (安康农行) and returns the import arguments with each file's arrival date. */
function batch(dir: string, files: File[]): { paths: string[]; receivedDates: Record<string, string> } {
  const paths = files.map((f) => writeReport(ctx.db, { institution: 'AK-ABC', quarter: f.quarter, ...(f.cells ? { cells: f.cells } : {}) }, join(tmp.dir, dir, f.name)));
  return { paths, receivedDates: Object.fromEntries(files.map((f) => [f.name, f.received])) };
}

async function importRun(args: Parameters<HandlerTable['import.files']>[0]): Promise<ImportSummary> {
  return must(await h['import.files'](args, {}));
}

/** What the analyst decides in 数据导入 on the check's result: each 'confirm' ticked, each 'explain' given a 说明, keyed by SHA-256 (as the window sends them). */
function decisionsOn(check: ImportSummary): Record<string, FileAck> {
  const out: Record<string, FileAck> = {};
  for (const f of check.files) {
    for (const w of f.warnings) {
      if (!w.ack || !f.sha256) continue;
      (out[f.sha256] ??= {})[issueKey(w)] = w.ack === 'confirm' ? CONFIRMED_TEXT : `已电话核实（${w.code}）：以本季度报表为准`;
    }
  }
  return out;
}

/** Each file's warnings as the analyst reads them. */
function warningsOf(s: ImportSummary): [string, string[]][] {
  return s.files.map((f) => [f.file, f.warnings.map((w) => `${issueKey(w)} ${w.ack ?? ''} ${w.message}`)]);
}

function file(s: ImportSummary, name: string): FileImportResult {
  const f = s.files.find((x) => x.file === name);
  if (!f) throw new Error(`no ${name} in the summary`);
  return f;
}

const ytdFalls = (f: FileImportResult): string[] => f.warnings.filter((w) => w.code === 'W_YTD_FALLS').map((w) => w.message);

/** Which submission is current for a quarter of 安康农行, with its version and file. */
function current(quarter: string): { version: number; file_name: string } | undefined {
  return ctx.db.prepare(`SELECT version, file_name FROM submissions WHERE institution = 'AK-ABC' AND quarter = ? AND status = 'current'`).get(quarter) as
    | { version: number; file_name: string }
    | undefined;
}

describe('Q1..Q3 of one bank in one batch, Q3 with a cross-period problem', () => {
  // 涉农贷款当年累计发放 is 30,000 in Q1 and Q2, and falls to 25,000 in Q3.
  const files: File[] = [
    { name: '2025Q1_安康农行.xlsx', quarter: '2025Q1', received: '2025-04-03' },
    { name: '2025Q2_安康农行.xlsx', quarter: '2025Q2', received: '2025-07-04' },
    { name: '2025Q3_安康农行.xlsx', quarter: '2025Q3', received: '2025-10-09', cells: { agri_loans_ytd: 25000 } },
  ];

  it('the check warns on Q3 against the Q2 of the same batch; the decisions made there carry the commit, nothing is held', async () => {
    const args = batch('q123', files);
    const check = await importRun({ ...args, dryRun: true });
    const q3 = file(check, '2025Q3_安康农行.xlsx');
    // Nothing of this bank is in the database: the Q2 compared with is the batch's.
    expect(ytdFalls(q3)).toEqual([expect.stringContaining('低于上季度报送的 30000 万元')]);
    expect(q3.warnings.find((w) => w.code === 'W_YTD_FALLS')).toMatchObject({ ack: 'explain', rule: 'R26-23', sheet: expect.any(String), cell: expect.any(String) });
    expect(q3.status).toBe('held');
    expect(check.files.map((f) => [f.file, f.status])).toEqual([
      ['2025Q1_安康农行.xlsx', 'accepted'],
      ['2025Q2_安康农行.xlsx', 'accepted'],
      ['2025Q3_安康农行.xlsx', 'held'],
    ]);
    expect(current('2025Q2')).toBeUndefined();

    const commit = await importRun({ ...args, acks: decisionsOn(check) });
    expect(commit).toMatchObject({ accepted: 3, held: 0, rejected: 0 });
    // Exactly the warnings the analyst decided on at 检查, file by file.
    expect(warningsOf(commit)).toEqual(warningsOf(check));
    const decided = file(commit, '2025Q3_安康农行.xlsx').decisions;
    expect(decided.map((d) => [d.rule, d.text])).toEqual([['R26-23', '已电话核实（W_YTD_FALLS）：以本季度报表为准']]);
    const hist = must(await h['history.list']({ institution: 'AK-ABC', quarter: '2025Q3' }, {}));
    expect(hist[0]?.decisions.map((d) => d.text)).toEqual(['已电话核实（W_YTD_FALLS）：以本季度报表为准']);
  });

  it('in the order the files arrived: a Q3 listed first is still checked after its Q2', async () => {
    // The folder lists Q3 before Q2 (by name); the per-file dates put Q2 first, as the commit takes them.
    const args = batch('order', [
      { ...files[2], name: 'a_2025Q3_安康农行.xlsx' } as File,
      { ...files[1], name: 'b_2025Q2_安康农行.xlsx' } as File,
    ]);
    const check = await importRun({ ...args, dryRun: true });
    expect(check.files.map((f) => f.file)).toEqual(['b_2025Q2_安康农行.xlsx', 'a_2025Q3_安康农行.xlsx']);
    expect(ytdFalls(file(check, 'a_2025Q3_安康农行.xlsx'))).toHaveLength(1);
    const commit = await importRun({ ...args, acks: decisionsOn(check) });
    expect(commit).toMatchObject({ accepted: 2, held: 0 });
    expect(warningsOf(commit)).toEqual(warningsOf(check));
  });
});

describe('a file refused at the check is nobody’s history', () => {
  it('Q3 is compared with the Q2 in the database, not with the batch’s refused correction of it', async () => {
    // Q2 is in the database from an earlier batch: 涉农贷款当年累计发放 30,000.
    const earlier = batch('earlier', [{ name: '2025Q2_安康农行.xlsx', quarter: '2025Q2', received: '2025-07-04' }]);
    expect(await importRun(earlier)).toMatchObject({ accepted: 1 });
    // The batch: a correction of Q2 saying 90,000 that is refused (a figure typed as text), and Q3 with 25,000.
    const args = batch('refused', [
      { name: '2025Q2_安康农行_更正.xlsx', quarter: '2025Q2', received: '2025-07-06', cells: { agri_loans_ytd: 90000, loans_total_bal: '十万' } },
      { name: '2025Q3_安康农行.xlsx', quarter: '2025Q3', received: '2025-10-09', cells: { agri_loans_ytd: 25000 } },
    ]);
    const check = await importRun({ ...args, dryRun: true });
    expect(file(check, '2025Q2_安康农行_更正.xlsx').status).toBe('rejected');
    const q3 = file(check, '2025Q3_安康农行.xlsx');
    expect(ytdFalls(q3)).toEqual([expect.stringContaining('低于上季度报送的 30000 万元')]);
    expect(q3.version).toBe(1);

    const commit = await importRun({ ...args, acks: decisionsOn(check) });
    expect(commit).toMatchObject({ accepted: 1, held: 0, rejected: 1 });
    expect(warningsOf(commit)).toEqual(warningsOf(check));
    expect(current('2025Q2')).toEqual({ version: 1, file_name: '2025Q2_安康农行.xlsx' });
  });
});

describe('two versions of one quarter in a batch', () => {
  it('the later one supersedes: it is the 重报 (version 2, a long-closed quarter asked at the check) and the history of Q3', async () => {
    // Q2 first with 30,000, then its correction with 45,000 received after Q3's deadline (2025-10-09):
    // a 重报 for a closed quarter. Q3 says 40,000: below the correction, above the first version.
    const args = batch('versions', [
      { name: '2025Q2_安康农行.xlsx', quarter: '2025Q2', received: '2025-07-04' },
      { name: '2025Q2_安康农行_更正.xlsx', quarter: '2025Q2', received: '2025-10-15', cells: { agri_loans_ytd: 45000 } },
      { name: '2025Q3_安康农行.xlsx', quarter: '2025Q3', received: '2025-10-16', cells: { agri_loans_ytd: 40000 } },
    ]);
    const check = await importRun({ ...args, dryRun: true });
    const v2 = file(check, '2025Q2_安康农行_更正.xlsx');
    expect([file(check, '2025Q2_安康农行.xlsx').version, v2.version]).toEqual([1, 2]);
    expect(v2.warnings.map((w) => w.code)).toContain('W_CLOSED_QUARTER');
    expect(v2.warnings.find((w) => w.code === 'W_CLOSED_QUARTER')?.message).toContain('第 1 版');
    expect(ytdFalls(file(check, '2025Q3_安康农行.xlsx'))).toEqual([expect.stringContaining('低于上季度报送的 45000 万元')]);

    const commit = await importRun({ ...args, acks: decisionsOn(check) });
    expect(commit).toMatchObject({ accepted: 3, held: 0, rejected: 0 });
    expect(warningsOf(commit)).toEqual(warningsOf(check));
    expect(commit.files.map((f) => f.version)).toEqual(check.files.map((f) => f.version));
    expect(current('2025Q2')).toEqual({ version: 2, file_name: '2025Q2_安康农行_更正.xlsx' });
  });
});
