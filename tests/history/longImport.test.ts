/**
 * 历史数据补录 in the long layout (机构, 报告期, 字段, 成员, 数值), through the real handlers
 * and the CLI on real .xlsx files: every value stored as 补录 with file, sheet and cell;
 * bad input refused with the cell named and the database unchanged (dump diff); the same
 * file again changes nothing; a second file makes a new version that carries the earlier
 * values; a bank's real report replaces the history and wins everywhere.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { reportCounts } from '../../src/services/assessment/reports';
import { diffDumps, dumpConnection } from '../hardening/helpers/db-dump';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';
import { writeReport } from '../import/fixtures';
import { historyEnv, LONG_HEADER, writeHistoryBook } from './helpers';

const env = historyEnv('history-long');

function changedTables(before: ReturnType<typeof dumpConnection>, after: ReturnType<typeof dumpConnection>): string[] {
  return Object.entries(diffDumps(before, after))
    .filter(([, d]) => d.added.length + d.removed.length > 0)
    .map(([t]) => t)
    .sort();
}

describe('long layout', () => {
  it('stores each value as 补录 with its file, sheet and cell; institutions, periods, fields and members as analysts write them', async () => {
    const path = writeHistoryBook(env.dir, '璧山历年数据.xlsx', [
      {
        name: '历史数据',
        rows: [
          ['2021—2024年各行涉农贷款（分析人员汇总）'],
          LONG_HEADER,
          ['BS-ADBC', '2024Q4', 'agri_loans_ytd', '', '150,000'],
          ['农发行璧山支行', '2023年第四季度', '涉农贷款当年累计发放额（万元）', '', '12亿元'],
          ['中国邮政储蓄银行璧山支行', { t: 'n', v: 44834, z: 'yyyy-mm-dd' }, '涉农贷款余额', '', 98000.5],
          ['璧山邮储', '2024年末', '贷款余额', '花椒', 100],
          ['璧山邮储', '2024年末', 'chain_bal', 'navel_orange', '２００'],
          ['合计', '', '', '', 248300.5],
        ],
      },
    ]);
    const before = dumpConnection(env.ctx.db);
    const r = await env.run(path);
    expect(r.status).toBe('accepted');
    expect(r.errors).toEqual([]);
    expect(r.sheets.map((s) => [s.sheet, s.layout, s.values])).toEqual([['历史数据', 'long', 5]]);
    expect(r.groups.map((g) => [g.institution, g.quarter, g.outcome, g.values])).toEqual([
      ['BS-ADBC', '2023Q4', 'new', 1],
      ['BS-ADBC', '2024Q4', 'new', 1],
      ['BS-PSBC', '2022Q3', 'new', 1],
      ['BS-PSBC', '2024Q4', 'new', 2],
    ]);
    // 12亿元 converted exactly and said so, at its cell.
    expect(r.notes.find((n) => n.code === 'N_CONVERTED')).toMatchObject({ sheet: '历史数据', cell: 'E4' });
    const after = dumpConnection(env.ctx.db);
    expect(changedTables(before, after)).toEqual(['audit_log', 'import_batches', 'submission_values', 'submissions']);
    const values = env.ctx.db
      .prepare(
        `SELECT s.institution, s.quarter, s.kind, s.origin, s.late, s.file_name AS file, v.field_key AS key, v.member, v.num, v.raw, v.sheet, v.cell, v.defined_name AS name
         FROM submissions s JOIN submission_values v ON v.submission_id = s.id ORDER BY s.institution, s.quarter, v.field_key, v.member`,
      )
      .all();
    expect(values).toEqual([
      { institution: 'BS-ADBC', quarter: '2023Q4', kind: 'backfill', origin: 'history', late: 0, file: '璧山历年数据.xlsx', key: 'agri_loans_ytd', member: '', num: 120000_000000, raw: '12亿元', sheet: '历史数据', cell: 'E4', name: 'RV_agri_loans_ytd' },
      { institution: 'BS-ADBC', quarter: '2024Q4', kind: 'backfill', origin: 'history', late: 0, file: '璧山历年数据.xlsx', key: 'agri_loans_ytd', member: '', num: 150000_000000, raw: '150,000', sheet: '历史数据', cell: 'E3', name: 'RV_agri_loans_ytd' },
      { institution: 'BS-PSBC', quarter: '2022Q3', kind: 'backfill', origin: 'history', late: 0, file: '璧山历年数据.xlsx', key: 'agri_loans_bal', member: '', num: 98000_500000, raw: '98000.5', sheet: '历史数据', cell: 'E5', name: 'RV_agri_loans_bal' },
      { institution: 'BS-PSBC', quarter: '2024Q4', kind: 'backfill', origin: 'history', late: 0, file: '璧山历年数据.xlsx', key: 'chain_bal', member: 'navel_orange', num: 200_000000, raw: '２００', sheet: '历史数据', cell: 'E7', name: 'RV_chain_bal__navel_orange' },
      { institution: 'BS-PSBC', quarter: '2024Q4', kind: 'backfill', origin: 'history', late: 0, file: '璧山历年数据.xlsx', key: 'chain_bal', member: 'zanthoxylum', num: 100_000000, raw: '100', sheet: '历史数据', cell: 'E6', name: 'RV_chain_bal__zanthoxylum' },
    ]);
    // The status matrix shows 补录; the quarter counts neither on time nor late.
    const m = must(await env.h['status.matrix']({ quarter: '2024Q4', region: 'bishan' }, {}));
    expect(m.cells.find((c) => c.institution === 'BS-ADBC')).toMatchObject({ state: '补录', resubmissions: 0 });
  });

  it('refuses a file with bad cells, naming file, sheet and cell, and changes nothing', async () => {
    const path = writeHistoryBook(env.dir, '有错的汇总.xlsx', [
      {
        name: '汇总',
        rows: [
          LONG_HEADER,
          ['BS-ADBC', '2022Q4', 'agri_loans_ytd', '', '1,23,4'],
          ['不存在的银行', '2022Q4', 'agri_loans_ytd', '', 100],
          ['BS-ADBC', '2022年第五季度', 'agri_loans_ytd', '', 100],
          ['BS-ADBC', '2022Q4', '不存在的项目', '', 100],
          ['BS-ADBC', '2022Q4', 'agri_loans_bal', '', -5],
          ['BS-ADBC', '2026Q1', 'agri_loans_bal', '', 5],
          ['BS-ADBC', '2022Q4', '贷款余额', '', 5],
          ['BS-ADBC', '2022Q3', 'agri_loans_bal', '', 5],
          ['农发行璧山支行', '2022年三季度', '涉农贷款余额', '', 6],
        ],
      },
    ]);
    const before = dumpConnection(env.ctx.db);
    const r = await env.run(path);
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.code, `${e.sheet}!${e.cell}`])).toEqual([
      ['E_VALUE_BAD_SEPARATOR', '汇总!E2'],
      ['E_HISTORY_INSTITUTION', '汇总!A3'],
      ['E_HISTORY_QUARTER', '汇总!B4'],
      ['E_HISTORY_FIELD', '汇总!C5'],
      ['E_NEGATIVE', '汇总!E6'],
      ['E_HISTORY_QUARTER_FUTURE', '汇总!B7'],
      ['E_HISTORY_MEMBER_MISSING', '汇总!D8'],
      ['E_HISTORY_DUPLICATE', '汇总!E10'],
    ]);
    expect(r.errors.every((e) => /[\u4e00-\u9fff]/u.test(e.message))).toBe(true);
    expect(r.errors[7]?.message).toContain('汇总!E9');
    expect(dumpConnection(env.ctx.db)).toEqual(before);
    // The CLI names file, sheet and cell and exits 2.
    const out = await cli(['history-import', path, '--db', env.dbPath]);
    expect(out.code).toBe(2);
    expect(out.out).toContain('错误  有错的汇总.xlsx 汇总!E2：「涉农贷款当年累计发放额」的千分位分隔符位置不对');
    expect(out.out).toContain('数据库未作任何改动');
    expect(dumpConnection(env.ctx.db)).toEqual(before);
  });

  it('refuses what is no history workbook, and the same file again changes nothing', async () => {
    const before = dumpConnection(env.ctx.db);
    const missing = await env.run(join(env.dir, '没有这个文件.xlsx'));
    expect(missing.status).toBe('rejected');
    expect(missing.errors[0]?.code).toBe('E_FILE_NOT_FOUND');
    const empty = writeHistoryBook(env.dir, '空表.xlsx', [{ name: 'Sheet1', rows: [['随便写的'], ['没有机构']] }]);
    const e = await env.run(empty);
    expect(e.errors.map((x) => x.code)).toEqual(['E_HISTORY_EMPTY']);
    const again = await env.run(join(env.dir, '璧山历年数据.xlsx'));
    expect(again.status).toBe('accepted');
    expect(again.groups.every((g) => g.outcome === 'unchanged')).toBe(true);
    expect(again.batchId).toBeNull();
    expect(dumpConnection(env.ctx.db)).toEqual(before);
  });

  it('a later file for the same quarters makes a new version that carries the earlier values with their own file', async () => {
    const path = writeHistoryBook(env.dir, '补充.xlsx', [
      {
        name: '补充',
        rows: [LONG_HEADER, ['BS-PSBC', '2024Q4', 'agri_loans_bal', '', 150000], ['BS-PSBC', '2024Q4', 'chain_bal', '花椒', 120]],
      },
    ]);
    const r = await env.run(path);
    expect(r.groups).toMatchObject([{ institution: 'BS-PSBC', quarter: '2024Q4', outcome: 'updated', values: 2, changed: 1, version: 2 }]);
    const rows = env.ctx.db
      .prepare(
        `SELECT v.field_key AS key, v.member, v.num, COALESCE(v.file_name, s.file_name) AS file, v.sheet, v.cell FROM current_values c
         JOIN submission_values v ON v.submission_id = c.submission_id AND v.field_key = c.field_key AND v.member = c.member
         JOIN submissions s ON s.id = c.submission_id WHERE c.institution = 'BS-PSBC' AND c.quarter = '2024Q4' ORDER BY v.field_key, v.member`,
      )
      .all();
    expect(rows).toEqual([
      { key: 'agri_loans_bal', member: '', num: 150000_000000, file: '补充.xlsx', sheet: '补充', cell: 'E2' },
      { key: 'chain_bal', member: 'navel_orange', num: 200_000000, file: '璧山历年数据.xlsx', sheet: '历史数据', cell: 'E7' },
      { key: 'chain_bal', member: 'zanthoxylum', num: 120_000000, file: '补充.xlsx', sheet: '补充', cell: 'E3' },
    ]);
    const versions = must(await env.h['history.list']({ institution: 'BS-PSBC', quarter: '2024Q4' }, {}));
    expect(versions.map((v) => [v.origin, v.version, v.status, v.kind])).toEqual([
      ['history', 1, 'superseded', 'backfill'],
      ['history', 2, 'current', 'backfill'],
    ]);
  });

  it('the real report replaces the history and wins everywhere', async () => {
    // BS-PSBC's real 2024Q4 report arrives a day after its deadline.
    const report = writeReport(env.ctx.db, { institution: 'BS-PSBC', quarter: '2024Q4', cells: { agri_loans_bal: 65000 } }, join(env.dir, 'BS-PSBC_2024Q4.xlsx'));
    const deadline = (env.ctx.db.prepare(`SELECT deadline FROM periods WHERE quarter = '2024Q4'`).get() as { deadline: string }).deadline;
    const late = new Date(`${deadline}T12:00:00Z`);
    late.setUTCDate(late.getUTCDate() + 1);
    const s = must(await env.h['import.files']({ paths: [report], receivedDate: late.toISOString().slice(0, 10) }, {}));
    expect(s.files[0]?.errors).toEqual([]);
    expect(s.files[0]).toMatchObject({ status: 'accepted', version: 1, late: true, kind: 'regular' });
    expect(s.files[0]?.notes.map((n) => n.code)).toContain('N_REPLACES_HISTORY');
    // No 重报 warning or count: the history was not a report.
    expect(s.files[0]?.warnings.map((w) => w.code)).not.toContain('W_CLOSED_QUARTER');
    const m = must(await env.h['status.matrix']({ quarter: '2024Q4', region: 'bishan' }, {}));
    expect(m.cells.find((c) => c.institution === 'BS-PSBC')).toMatchObject({ state: '逾期', resubmissions: 0 });
    // Every value now is the report's: the history's 脐橙 figure is gone with it.
    const dump = must(await env.h['data.dump']({ quarter: '2024Q4', institution: 'BS-PSBC' }, {}));
    expect(dump.find((d) => d.key === 'agri_loans_bal')).toMatchObject({ value: 65000, sheet: '信贷总量' });
    expect(dump.find((d) => d.key === 'chain_bal' && d.member === 'navel_orange')?.value).not.toBe(200);
    // The timeliness judges the real report (late), not the 补录 that came first.
    expect(reportCounts(env.ctx.db, ['BS-PSBC'], 2024, '2026-01-06').get('BS-PSBC')).toMatchObject({ late: 1, backfilled: 0 });
    // History for that quarter again: the report stands, nothing changes.
    const before = dumpConnection(env.ctx.db);
    const again = await env.run(join(env.dir, '补充.xlsx'));
    expect(again.groups).toMatchObject([{ institution: 'BS-PSBC', quarter: '2024Q4', outcome: 'report' }]);
    expect(again.notes.map((n) => n.code)).toContain('N_HISTORY_REPORT_WINS');
    expect(dumpConnection(env.ctx.db)).toEqual(before);
    // Restoring the superseded history over the report is refused.
    const versions = must(await env.h['history.list']({ institution: 'BS-PSBC', quarter: '2024Q4' }, {}));
    const hist = versions.find((v) => v.origin === 'history' && v.version === 2);
    const restore = await env.h['history.restore']({ submissionId: hist?.id ?? 0 }, {});
    expect(restore.ok).toBe(false);
    if (!restore.ok) expect(restore.error.code).toBe('E_HISTORY_BEHIND_REPORT');
    expect(dumpConnection(env.ctx.db)).toEqual(before);
  });
});
