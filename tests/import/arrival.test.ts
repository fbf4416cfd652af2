/**
 * Arrival dates per file, through the real handlers on real files: last year's folder
 * imported with today's date is not silently 逾期 (each file asks), dates given per file
 * or taken — only when asked — from the files' modified times judge each file on its own,
 * 补录 stores history as neither on time nor late (and the timeliness score, the status
 * matrix and the target tracker agree), and a 重报 for a long-closed quarter asks first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { ImportSummary } from '../../src/api/types';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { reportCounts } from '../../src/services/assessment/reports';
import { writeReport } from './fixtures';
import { diffDumps, dumpConnection } from '../hardening/helpers/db-dump';
import { tempDir } from '../hardening/helpers/temp';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';

const tmp = tempDir('arrival');
let ctx: ServiceContext;
let h: HandlerTable;
let clock: Clock;


async function run(args: Parameters<HandlerTable['import.files']>[0]): Promise<ImportSummary> {
  return must(await h['import.files'](args, {}));
}

beforeAll(() => {
  clock = setClock(fixedClock('2026-12-01T10:00:00+08:00'));
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
});
afterAll(() => {
  closeContext(ctx);
  setClock(clock);
  tmp.cleanup();
});

describe('last year’s folder', () => {
  let folder: string;
  let files: string[];
  beforeAll(() => {
    folder = join(tmp.dir, '2024年报表');
    files = ['AK-ABC', 'AK-ICBC'].map((inst) => writeReport(ctx.db, { institution: inst, quarter: '2024Q3' }, join(folder, `${inst}.xlsx`)));
    // The files were sent (and last written) on time, in October 2024.
    for (const f of files) utimesSync(f, new Date('2024-10-08T09:00:00+08:00'), new Date('2024-10-08T09:00:00+08:00'));
  });

  it('imported with today’s date, each file asks instead of being marked 逾期 silently', async () => {
    const before = dumpConnection(ctx.db);
    const s = await run({ paths: [folder] });
    expect(s).toMatchObject({ accepted: 0, held: 2 });
    for (const f of s.files) {
      expect(f).toMatchObject({ receivedDate: '2026-12-01', receivedBasis: 'today', modifiedDate: '2024-10-08', deadline: '2024-10-08', late: true });
      const w = f.warnings.find((x) => x.code === 'W_RECEIVED_VERY_LATE');
      expect(w?.ack).toBe('confirm');
      expect(w?.message).toContain('收到日期 2026-12-01 比 2024Q3 的报送截止日 2024-10-08 晚 784 天');
      expect(w?.message).toContain('补录');
    }
    expect(Object.keys(diffDumps(before, dumpConnection(ctx.db))).sort()).toEqual(['audit_log', 'import_batches']);
  });

  it('the modified date is offered with each file and used only when asked', async () => {
    const s = await run({ paths: [folder], dryRun: true, receivedFromModified: true });
    for (const f of s.files) {
      expect(f).toMatchObject({ status: 'accepted', receivedDate: '2024-10-08', receivedBasis: 'mtime', late: false });
      expect(f.notes.map((n) => n.message)).toContain('收到日期取自文件修改日期 2024-10-08。');
    }
  });

  it('dates given per file judge each file on its own', async () => {
    const [a, b] = files;
    const s = await run({ paths: [folder], receivedDates: { [a ?? '']: '2024-10-08', 'AK-ICBC.xlsx': '2024-10-09' } });
    expect(s.files.map((f) => [f.institution, f.receivedBasis, f.late, f.status])).toEqual([
      ['AK-ABC', 'file', false, 'accepted'],
      ['AK-ICBC', 'file', true, 'accepted'],
    ]);
    expect(b).toBeDefined();
    const hist = must(await h['history.list']({ institution: 'AK-ICBC', quarter: '2024Q3' }, {}));
    expect(hist[0]).toMatchObject({ receivedDate: '2024-10-09', receivedBasis: 'file', kind: 'regular', late: true });
  });
});

describe('补录 (backfill)', () => {
  it('stores history as neither on time nor late, everywhere', async () => {
    const p = writeReport(ctx.db, { institution: 'AK-CCB', quarter: '2024Q2' }, join(tmp.dir, 'bf', 'AK-CCB-2024Q2.xlsx'));
    const s = await run({ paths: [p], mode: 'backfill' });
    expect(s.files[0]).toMatchObject({ status: 'accepted', kind: 'backfill', late: null, receivedDate: '2026-12-01' });
    expect(s.files[0]?.warnings.filter((w) => w.ack)).toEqual([]);
    const m = must(await h['status.matrix']({ quarter: '2024Q2', region: 'ankang' }, {}));
    expect(m.cells.find((c) => c.institution === 'AK-CCB')?.state).toBe('补录');
    expect(m.totals[0]).toMatchObject({ reported: 1, late: 0, backfilled: 1 });
    expect(reportCounts(ctx.db, ['AK-CCB'], 2024).get('AK-CCB')).toMatchObject({ due: 4, late: 0, missing: 3, backfilled: 1 });
    const score = must(await h['assessment.score']({ region: 'ankang', year: 2024, save: false }, {}));
    // The scheme's 季度报送及时性 item (a 扣分项 in the samples), found by what it counts.
    const item = score.results.find((r) => r.institution === 'AK-CCB')?.indicators.find((i) => i.explanation.includes('逾期报送'));
    expect(item?.explanation).toContain('逾期报送 0 次、未报送 3 次（补录 1 期，不计及时性）');
    const targets = must(await h['targets.evaluate']({ quarter: '2024Q2', region: 'ankang' }, {}));
    expect(targets.find((t) => t.id === 'ak-reports')?.figures).toContain('补录 1 家（不计及时性）');
    const hist = must(await h['history.list']({ institution: 'AK-CCB', quarter: '2024Q2' }, {}));
    expect(hist[0]).toMatchObject({ kind: 'backfill', late: false });
  });

  it('a deadline moved later does not make a 补录 late', async () => {
    must(await h['deadlines.set']({ quarter: '2024Q2', date: '2024-07-01', reason: '测试：提前' }, {}));
    const m = must(await h['status.matrix']({ quarter: '2024Q2', region: 'ankang' }, {}));
    expect(m.cells.find((c) => c.institution === 'AK-CCB')?.state).toBe('补录');
    must(await h['deadlines.set']({ quarter: '2024Q2', date: null, reason: '恢复' }, {}));
  });
});

describe('a 重报 for a quarter long closed', () => {
  let v1: string;
  beforeAll(async () => {
    v1 = writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q2', cells: { farmer_loans_bal: 20000 } }, join(tmp.dir, 'cl', '中行安康分行2025Q2.xlsx'));
    expect((await run({ paths: [v1], receivedDate: '2025-07-07' })).accepted).toBe(1);
  });

  it('within the next quarter’s deadline it goes in; after it, it asks first', async () => {
    const v2 = writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q2', cells: { farmer_loans_bal: 21000 } }, join(tmp.dir, 'cl', '中行安康分行2025Q2_更正.xlsx'));
    const early = await run({ paths: [v2], receivedDate: '2025-10-09', dryRun: true });
    expect(early.files[0]?.warnings.map((w) => w.code)).not.toContain('W_CLOSED_QUARTER');
    const late = await run({ paths: [v2], receivedDate: '2025-10-10' });
    expect(late.files[0]?.status).toBe('held');
    const w = late.files[0]?.warnings.find((x) => x.code === 'W_CLOSED_QUARTER');
    expect(w?.ack).toBe('confirm');
    expect(w?.message).toContain('本文件是「中国银行安康分行」2025年第二季度的重报，将替换第 1 版；收到于 2025-10-10，已过下一季度（2025Q3）的报送截止日 2025-10-09');
    const ok = await run({ paths: [v2], receivedDate: '2025-10-10', confirmAll: true });
    expect(ok.files[0]).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('once the year’s assessment was saved after the year ended, a 重报 says it changes the scores', async () => {
    const v3 = writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q2', cells: { farmer_loans_bal: 22000 } }, join(tmp.dir, 'cl', 'v3.xlsx'));
    must(await h['assessment.score']({ region: 'ankang', year: 2025, save: true }, {}));
    const s = await run({ paths: [v3], receivedDate: '2025-10-10', dryRun: true });
    const w = s.files[0]?.warnings.find((x) => x.code === 'W_CLOSED_QUARTER');
    expect(w?.message).toMatch(/2025年度考核评估结果已于 2026-12-01 10:00 保存，重报将改变该年度的考核得分/u);
  });
});

describe('CLI', () => {
  it('--received-from-mtime and --backfill say what they did', async () => {
    const dbPath = join(tmp.dir, 'cli.sqlite');
    const p = writeReport(ctx.db, { institution: 'AK-PSBC', quarter: '2024Q4' }, join(tmp.dir, 'cli', 'AK-PSBC.xlsx'));
    utimesSync(p, new Date('2025-01-06T09:00:00+08:00'), new Date('2025-01-06T09:00:00+08:00'));
    const m = await cli(['import', p, '--dry-run', '--received-from-mtime', '--db', dbPath]);
    expect(m.code).toBe(0);
    expect(m.out).toContain('收到 2025-01-06（文件修改日期，截止 2025-01-06）');
    const b = await cli(['import', p, '--backfill', '--db', dbPath]);
    expect(b.code).toBe(0);
    expect(b.out).toContain('补录模式');
    expect(b.out).toContain('【补录】');
  });
});
