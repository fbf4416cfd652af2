/**
 * 历史数据补录 from a wide summary (institutions down, quarters or fields across, merged
 * headers), through the real handlers and the CLI on real .xlsx files: the mapping is
 * proposed from the header and shown with the values it would store; nothing is stored
 * until the analyst confirms it; a confirmed mapping is remembered by the layout's
 * fingerprint and used for the next file with the same header; a corrected mapping
 * (a mapping file) replaces it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WideMapping } from '../../src/api/history-types';
import { dumpConnection } from '../hardening/helpers/db-dump';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';
import { historyEnv, writeHistoryBook, type SheetSpec } from './helpers';

const env = historyEnv('history-wide');

/** 涉农贷款余额 merged over four quarters, 当年累放 at year end, a title above, 合计 and a note below. */
function quartersAcross(adbc: (number | string)[], psbc: number[]): SheetSpec {
  return {
    name: '涉农贷款',
    rows: [
      ['璧山区各银行2024年涉农贷款情况（万元）', null, null, null, null, null],
      ['机构名称', '涉农贷款余额', null, null, null, '涉农贷款当年累计发放额'],
      [null, '2024年一季度', '2024年二季度', '2024年三季度', '2024年末', '2024年末'],
      ['农发行璧山支行', ...adbc],
      ['璧山邮储', ...psbc],
      ['合计', 0, 0, 0, 0, 0],
      ['注：数据摘自各行报送的统计报表。'],
    ],
    merges: ['A1:F1', 'B2:E2', 'A2:A3'],
  };
}

function storedValue(inst: string, quarter: string, key: string): { num: number; sheet: string; cell: string; file: string } | undefined {
  return env.ctx.db
    .prepare(
      `SELECT c.num, c.sheet, c.cell, s.file_name AS file FROM current_values c JOIN submissions s ON s.id = c.submission_id
       WHERE c.institution = ? AND c.quarter = ? AND c.field_key = ? AND c.member = ''`,
    )
    .get(inst, quarter, key) as { num: number; sheet: string; cell: string; file: string } | undefined;
}

describe('wide layout', () => {
  it('proposes the mapping from merged headers, shows what it would store, and stores nothing until confirmed', async () => {
    const path = writeHistoryBook(env.dir, '2024年涉农贷款汇总.xlsx', [quartersAcross([1000, 1100, 1200, 1300, 150000], [90000, 95000, 98000, 100000, 40000])]);
    const before = dumpConnection(env.ctx.db);
    const r = await env.run(path);
    expect(r.status).toBe('needsMapping');
    const sheet = r.sheets[0];
    expect(sheet).toMatchObject({ sheet: '涉农贷款', layout: 'wide', mappingSource: 'proposed', titles: ['璧山区各银行2024年涉农贷款情况（万元）'] });
    expect(sheet?.mapping).toMatchObject({ institutionColumn: 'A', headerRows: [2, 3], firstDataRow: 4 });
    expect(sheet?.columns.map((c) => [c.column, c.header, c.field, c.quarter, c.count])).toEqual([
      ['B', '涉农贷款余额 / 2024年一季度', 'agri_loans_bal', '2024Q1', 2],
      ['C', '涉农贷款余额 / 2024年二季度', 'agri_loans_bal', '2024Q2', 2],
      ['D', '涉农贷款余额 / 2024年三季度', 'agri_loans_bal', '2024Q3', 2],
      ['E', '涉农贷款余额 / 2024年末', 'agri_loans_bal', '2024Q4', 2],
      ['F', '涉农贷款当年累计发放额 / 2024年末', 'agri_loans_ytd', '2024Q4', 2],
    ]);
    expect(sheet?.columns[3]?.samples).toEqual(['中国农业发展银行璧山支行 1300 万元', '中国邮政储蓄银行璧山支行 100000 万元']);
    expect(r.valueCount).toBe(10);
    expect(r.values.find((v) => v.cell === 'E5')).toMatchObject({ institution: 'BS-PSBC', quarter: '2024Q4', key: 'agri_loans_bal', display: '100000 万元' });
    expect(dumpConnection(env.ctx.db)).toEqual(before);
    // The CLI says the same and exits 3.
    const out = await cli(['history-import', path, '--db', env.dbPath]);
    expect(out.code).toBe(3);
    expect(out.out).toContain('系统推测，待确认');
    expect(out.out).toContain('--accept-mapping');
    expect(dumpConnection(env.ctx.db)).toEqual(before);
  });

  it('stores the confirmed mapping’s values with their cells and remembers the layout for the next file', async () => {
    const path = join(env.dir, '2024年涉农贷款汇总.xlsx');
    const out = await cli(['history-import', path, '--accept-mapping', '--db', env.dbPath]);
    expect(out.code, out.out + out.err).toBe(0);
    expect(storedValue('BS-PSBC', '2024Q3', 'agri_loans_bal')).toEqual({ num: 98000_000000, sheet: '涉农贷款', cell: 'D5', file: '2024年涉农贷款汇总.xlsx' });
    expect(storedValue('BS-ADBC', '2024Q4', 'agri_loans_ytd')).toMatchObject({ num: 150000_000000, cell: 'F4' });
    const layouts = must(await env.h['historyData.layouts']({}, {}));
    expect(layouts).toHaveLength(1);
    expect(layouts[0]?.example).toBe('2024年涉农贷款汇总.xlsx「涉农贷款」');
    // Another file with the same header (next month's corrected copy): read without asking.
    const next = writeHistoryBook(env.dir, '2024年涉农贷款汇总（修订）.xlsx', [quartersAcross([1000, 1100, 1200, 1350, 150000], [90000, 95000, 98000, 100000, 40000])]);
    const r = await env.run(next);
    expect(r.status).toBe('accepted');
    expect(r.sheets[0]).toMatchObject({ mappingSource: 'remembered', fingerprint: layouts[0]?.fingerprint });
    expect(r.groups.find((g) => g.institution === 'BS-ADBC' && g.quarter === '2024Q4')).toMatchObject({ outcome: 'updated', changed: 1 });
    expect(r.groups.filter((g) => g.outcome === 'unchanged')).toHaveLength(7);
    expect(storedValue('BS-ADBC', '2024Q4', 'agri_loans_bal')).toMatchObject({ num: 1350_000000, file: '2024年涉农贷款汇总（修订）.xlsx' });
  });

  it('a mapping file corrects the proposal: written, edited, imported, and remembered in its place', async () => {
    const path = writeHistoryBook(env.dir, '2023年末.xlsx', [
      {
        name: '2023年末各行贷款',
        rows: [
          ['2023年末各机构贷款情况'],
          ['机构', '各项贷款余额', '涉农贷款余额', '其中：农户', '备注'],
          ['BS-ADBC', 500000, 300000, 1000, '含转贷款'],
          ['BS-PSBC', 400000, 120000, 60000, ''],
        ],
      },
    ]);
    const mapFile = join(env.dir, 'map.json');
    const w = await cli(['history-import', path, '--write-mapping', mapFile, '--db', env.dbPath]);
    expect(w.code, w.out + w.err).toBe(3);
    const written = JSON.parse(readFileSync(mapFile, 'utf8')) as Record<string, WideMapping>;
    const m = written['2023年末各行贷款'];
    expect(m?.columns.map((c) => [c.column, c.field, c.quarter])).toEqual([
      ['B', 'loans_total_bal', '2023Q4'],
      ['C', 'agri_loans_bal', '2023Q4'],
      ['D', null, '2023Q4'],
      ['E', null, '2023Q4'],
    ]);
    // The analyst says what 「其中：农户」 is.
    const d = m?.columns.find((c) => c.column === 'D');
    if (d) d.field = 'farmer_loans_bal';
    writeFileSync(mapFile, JSON.stringify(written));
    const r = await cli(['history-import', path, '--mapping', mapFile, '--db', env.dbPath]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(storedValue('BS-PSBC', '2023Q4', 'farmer_loans_bal')).toMatchObject({ num: 60000_000000, cell: 'D4' });
    const again = await env.run(path);
    expect(again.sheets[0]?.mappingSource).toBe('remembered');
    expect(again.sheets[0]?.columns.find((c) => c.column === 'D')?.field).toBe('farmer_loans_bal');
  });

  it('a bad cell in a wide sheet refuses the file with the cell named', async () => {
    const path = writeHistoryBook(env.dir, '有错.xlsx', [quartersAcross([1000, 1100, '一千二', 1300, 150000], [90000, 95000, 98000, 100000, 40000])]);
    const before = dumpConnection(env.ctx.db);
    const r = await env.run(path, { acceptProposed: true });
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.code, e.sheet, e.cell])).toEqual([['E_VALUE_NOT_NUMBER', '涉农贷款', 'D4']]);
    expect(dumpConnection(env.ctx.db)).toEqual(before);
  });
});
