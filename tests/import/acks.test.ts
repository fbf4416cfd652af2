/**
 * Warnings that need the analyst's decision, through the real handlers on real files:
 * a file whose name says another quarter or bank than its cover is held (checked, not
 * committed, nothing stored but the attempt), committed once the warning is confirmed,
 * with the decision (who, when, the text) kept in its history. A superseded original
 * imported again is refused; restoring it stays a deliberate history.restore.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { ImportSummary } from '../../src/api/types';
import { setLocalUser } from '../../src/services/settings/localUser';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { issueKey } from '../../src/domain/import/issueKey';
import { CONFIRM_ALL_TEXT, decideWarnings } from '../../src/services/import/acks';
import { writeReport } from './fixtures';
import { diffDumps, dumpConnection, type Dump } from '../hardening/helpers/db-dump';
import { tempDir } from '../hardening/helpers/temp';
import { expectOnlyTheAttemptLogged } from '../hardening/helpers/refusal';
import { cli } from '../helpers/cli';

const tmp = tempDir('acks');
let ctx: ServiceContext;
let h: HandlerTable;
let clock: Clock;

beforeAll(() => {
  clock = setClock(fixedClock('2025-10-20T09:30:00+08:00'));
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
  setLocalUser(ctx.db, '王分析');
});
afterAll(() => {
  closeContext(ctx);
  setClock(clock);
  tmp.cleanup();
});

async function run(args: Parameters<HandlerTable['import.files']>[0]): Promise<ImportSummary> {
  const r = await h['import.files']({ receivedDate: '2025-10-09', ...args }, {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Only the attempt is recorded: one batch row and its audit lines, nothing else. */
function expectOnlyAttempt(before: Dump, after: Dump): void {
  const diff = diffDumps(before, after);
  expect(Object.keys(diff).sort()).toEqual(['audit_log', 'import_batches']);
  expect(diff['import_batches']?.removed).toEqual([]);
  expect(diff['audit_log']?.removed).toEqual([]);
}

describe('a cover that disagrees with the file name', () => {
  // The clerk copied the Q2 workbook, renamed it for Q3 and forgot the cover.
  let path: string;
  beforeAll(() => {
    path = writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q2', cells: { loans_total_bal: 111000 } }, join(tmp.dir, 'q', '2025年三季度_安康农行.xlsx'));
  });

  it('is held in the check, with a confirm warning at the cover quarter cell', async () => {
    const s = await run({ paths: [path], dryRun: true });
    expect(s).toMatchObject({ accepted: 0, rejected: 0, held: 1 });
    const f = s.files[0];
    expect(f?.status).toBe('held');
    const w = f?.warnings.find((x) => x.code === 'W_NAME_QUARTER');
    expect(w).toMatchObject({ ack: 'confirm', sheet: '封面' });
    expect(w?.cell).toMatch(/^[A-Z]+\d+$/u);
    expect(w?.message).toContain('文件名写的是「2025年三季度」（2025年第三季度），封面报告期却是 2025Q2');
    // Sent in October, a Q2 report is also very late: that is asked too, as a file-level warning.
    expect(f?.undecided).toEqual([issueKey(w ?? { code: '', sheet: null, cell: null }), 'W_RECEIVED_VERY_LATE@!']);
  });

  it('is not committed without a decision: only the attempt is recorded', async () => {
    const before = dumpConnection(ctx.db);
    const s = await run({ paths: [path] });
    expect(s).toMatchObject({ accepted: 0, rejected: 0, held: 1 });
    expect(s.files[0]?.submissionId).toBeNull();
    const after = dumpConnection(ctx.db);
    expectOnlyAttempt(before, after);
    const batches = await h['batch.list']({ limit: 1 }, {});
    expect(batches.ok && batches.value[0]).toMatchObject({ held: 1, accepted: 0, fileCount: 1 });
    const actions = (diffDumps(before, after)['audit_log']?.added ?? []).map((r) => r[3]);
    expect(actions).toEqual(['batch.create', 'submission.hold']);
  });

  it('a decision for another key or an empty text leaves it held', async () => {
    const check = await run({ paths: [path], dryRun: true });
    const sha = check.files[0]?.sha256 ?? '';
    const s = await run({ paths: [path], acks: { [sha]: { 'W_NAME_QUARTER@封面!Z99': '已确认', [check.files[0]?.undecided[0] ?? '']: '   ' } } });
    expect(s.files[0]?.status).toBe('held');
  });

  it('is committed once confirmed, and the decision is in its history', async () => {
    const check = await run({ paths: [path], dryRun: true });
    const f = check.files[0];
    const key = f?.undecided[0] ?? '';
    const onlyOne = await run({ paths: [path], dryRun: true, acks: { [f?.sha256 ?? '']: { [key]: '已电话核实：本表确为二季度报表，文件名写错' } } });
    expect(onlyOne.files[0]).toMatchObject({ status: 'held', undecided: ['W_RECEIVED_VERY_LATE@!'] });
    const s = await run({ paths: [path], acks: { [f?.sha256 ?? '']: { [key]: '已电话核实：本表确为二季度报表，文件名写错', 'W_RECEIVED_VERY_LATE@!': '二季度报表确实迟交' } } });
    expect(s).toMatchObject({ accepted: 1, held: 0 });
    expect(s.files[0]?.decisions).toEqual([
      expect.objectContaining({ key, ack: 'confirm', code: 'W_NAME_QUARTER', text: '已电话核实：本表确为二季度报表，文件名写错', by: '王分析', at: '2025-10-20T01:30:00.000Z' }),
      expect.objectContaining({ key: 'W_RECEIVED_VERY_LATE@!', code: 'W_RECEIVED_VERY_LATE', text: '二季度报表确实迟交' }),
    ]);
    const hist = await h['history.list']({ institution: 'AK-ABC', quarter: '2025Q2' }, {});
    expect(hist.ok && hist.value[0]?.decisions[0]).toEqual(expect.objectContaining({ key, ack: 'confirm', text: '已电话核实：本表确为二季度报表，文件名写错', by: '王分析', sheet: '封面' }));
    expect(hist.ok && hist.value[0]?.decisions).toHaveLength(2);
  });

  it('a bank named in the file name that is not the cover bank is a confirm warning; decisions by file name and for any file apply', async () => {
    const p = writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q3' }, join(tmp.dir, 'i', '安康农行2025Q3.xlsx'));
    const check = await run({ paths: [p], dryRun: true });
    const w = check.files[0]?.warnings.find((x) => x.code === 'W_NAME_INSTITUTION');
    expect(w?.message).toContain('文件名写的是「安康农行」（中国农业银行安康分行），封面填报机构却是「中国工商银行安康分行」');
    expect(check.files[0]?.status).toBe('held');
    const key = check.files[0]?.undecided[0] ?? '';
    const byName = await run({ paths: [p], dryRun: true, acks: { '安康农行2025Q3.xlsx': { [key]: '已确认' } } });
    expect(byName.files[0]?.status).toBe('accepted');
    const any = await run({ paths: [p], dryRun: true, acks: { '*': { [key]: '已确认' } } });
    expect(any.files[0]?.status).toBe('accepted');
    const all = await run({ paths: [p], confirmAll: true });
    expect(all.files[0]?.status).toBe('accepted');
    expect(all.files[0]?.decisions[0]?.text).toBe(CONFIRM_ALL_TEXT);
  });

  it('names that agree with the cover, or say nothing certain, raise nothing', async () => {
    const names = ['示例数据_2025Q3_AK-CCB_中国建设银行安康分行.xlsx', '建行安康分行 三季度.xlsx', '2025Q2改2025Q3 建行.xlsx', '报表（二、三季度）.xlsx', '2025年10月9日收.xlsx'];
    const paths = names.map((n, i) => writeReport(ctx.db, { institution: 'AK-CCB', quarter: '2025Q3', cells: { loans_total_bal: 90000 + i } }, join(tmp.dir, 'ok', n)));
    const s = await run({ paths, dryRun: true });
    for (const f of s.files) {
      expect(f.warnings.filter((w) => w.ack), f.file).toEqual([]);
      expect(f.status, f.file).toBe('accepted');
    }
  });

  it('refuses malformed decisions before reading a file', async () => {
    const r = await h['import.files']({ paths: [path], acks: { x: { k: 'y'.repeat(2001) } } }, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('E_ACK_TOO_LONG');
  });
});

describe('deciding warnings', () => {
  const warnings = [
    { sheet: '信贷总量', cell: 'B7', code: 'W_CHAIN_OVER_AGRI', rule: 'chain-le-agri', message: '产业链贷款大于涉农贷款', ack: 'explain' as const },
    { sheet: '封面', cell: 'C5', code: 'W_NAME_QUARTER', message: '文件名与封面不一致', ack: 'confirm' as const },
    { sheet: '信贷总量', cell: 'B9', code: 'W_JUMP', message: '环比变动较大' },
  ];
  const at = { by: '王分析', at: '2025-10-20T01:30:00.000Z' };

  it('an explain warning needs its own 说明; --confirm does not answer it', () => {
    const d = decideWarnings(warnings, {}, { confirmAll: true, ...at });
    expect(d.undecided).toEqual(['chain-le-agri@信贷总量!B7']);
    expect(d.decisions.map((x) => x.key)).toEqual(['W_NAME_QUARTER@封面!C5']);
  });

  it('with the 说明 it is decided, keyed by its rule, and the plain warning needs nothing', () => {
    const d = decideWarnings(warnings, { 'chain-le-agri@信贷总量!B7': '  含毛绒玩具加工企业贷款，非涉农  ', 'W_NAME_QUARTER@封面!C5': '已确认' }, { confirmAll: false, ...at });
    expect(d.undecided).toEqual([]);
    expect(d.decisions).toEqual([
      { key: 'chain-le-agri@信贷总量!B7', ack: 'explain', code: 'W_CHAIN_OVER_AGRI', rule: 'chain-le-agri', sheet: '信贷总量', cell: 'B7', message: '产业链贷款大于涉农贷款', text: '含毛绒玩具加工企业贷款，非涉农', ...at },
      { key: 'W_NAME_QUARTER@封面!C5', ack: 'confirm', code: 'W_NAME_QUARTER', rule: null, sheet: '封面', cell: 'C5', message: '文件名与封面不一致', text: '已确认', ...at },
    ]);
  });
});

describe('a superseded original imported again', () => {
  let v1: string;
  let v2: string;
  let v1Id: number;
  beforeAll(async () => {
    v1 = writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q3', cells: { farmer_loans_bal: 20000 } }, join(tmp.dir, 's', '中行安康分行2025Q3.xlsx'));
    v2 = writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q3', cells: { farmer_loans_bal: 25000 } }, join(tmp.dir, 's', '中行安康分行2025Q3_更正.xlsx'));
    const a = await run({ paths: [v1] });
    v1Id = a.files[0]?.submissionId ?? 0;
    expect((await run({ paths: [v2], receivedDate: '2025-10-12' })).files[0]?.version).toBe(2);
  });

  it('is refused naming the version it equals and the one that corrected it; nothing changes', async () => {
    const copy = join(tmp.dir, 's', '重新发送的原表.xlsx');
    copyFileSync(v1, copy);
    const before = dumpConnection(ctx.db);
    const s = await run({ paths: [copy], receivedDate: '2025-10-15' });
    expect(s.files[0]?.status).toBe('rejected');
    expect(s.files[0]?.errors[0]?.code).toBe('E_DUPLICATE_SUPERSEDED');
    expect(s.files[0]?.errors[0]?.message).toContain('与第1版完全相同，该版已被第2版更正');
    expect(s.files[0]?.errors[0]?.message).toContain(`history --restore ${v1Id}`);
    // A refused file is kept for its 退回通知 (rejected_files); nothing else but the attempt's log.
    expectOnlyTheAttemptLogged(before, dumpConnection(ctx.db), 1);
    const dump = await h['data.dump']({ quarter: '2025Q3', institution: 'AK-BOC' }, {});
    expect(dump.ok && dump.value.find((r) => r.definedName === 'RV_farmer_loans_bal')?.value).toBe(25000);
  });

  it('restoring it stays a deliberate history.restore; then the correction is the superseded one', async () => {
    const r = await h['history.restore']({ submissionId: v1Id }, {});
    expect(r.ok && r.value.version).toBe(1);
    const s = await run({ paths: [v2], receivedDate: '2025-10-15' });
    expect(s.files[0]?.errors[0]?.code).toBe('E_DUPLICATE_SUPERSEDED');
    expect(s.files[0]?.errors[0]?.message).toContain('与第2版完全相同，该版已被第1版取代');
  });
});

describe('CLI', () => {
  it('lists a held file with its keys and exits 3; --confirm and --explain KEY=说明 decide', async () => {
    const dbPath = join(tmp.dir, 'cli.sqlite');
    const p = writeReport(ctx.db, { institution: 'AK-PSBC', quarter: '2025Q2' }, join(tmp.dir, 'c', '安康邮储2025年第三季度.xlsx'));
    // Received in July, within a month of the Q2 deadline: only the name is asked about.
    const held = await cli(['import', p, '--received', '2025-07-20', '--db', dbPath]);
    expect(held.code).toBe(3);
    expect(held.out).toMatch(/待确认 {2}安康邮储2025年第三季度\.xlsx {2}AK-PSBC/u);
    const key = /需确认 {2}(\S+)/u.exec(held.out)?.[1] ?? '';
    expect(key).toMatch(/^W_NAME_QUARTER@封面![A-Z]+\d+$/u);
    expect(held.out).toContain('待确认 1 个（未导入）');
    const explained = await cli(['import', p, '--received', '2025-07-20', '--dry-run', '--explain', `${key}=核实无误`, '--db', dbPath]);
    expect(explained.code).toBe(0);
    expect(explained.out).toContain('已确认');
    const confirmed = await cli(['import', p, '--received', '2025-07-20', '--confirm', '--db', dbPath]);
    expect(confirmed.code).toBe(0);
    const hist = await cli(['history', '--institution', 'AK-PSBC', '--quarter', '2025Q2', '--db', dbPath]);
    expect(hist.out).toContain(`第1版 确认：`);
    expect(hist.out).toContain(CONFIRM_ALL_TEXT);
  });
});
