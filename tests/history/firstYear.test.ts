/**
 * The first year of use, through the real handlers on real files: with only 2025's reports
 * 同比 is 无数据, the 十四五 60亿 target cannot add up 2021–2024 and the 16亿 path has no
 * 2022Q3 start. An analyst's prior figure (with its source) fills in where no detail exists;
 * a history import brings the detail, which then wins over the prior; the bank's real
 * report for a quarter replaces the history values in 同比 too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { TargetStatus } from '../../src/api/assessment-types';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';
import { writeReport } from '../import/fixtures';
import { historyEnv, LONG_HEADER, writeHistoryBook } from './helpers';

const env = historyEnv('history-first-year');

async function importReport(institution: string, quarter: string, cells: Record<string, number> = {}): Promise<void> {
  const path = writeReport(env.ctx.db, { institution, quarter, cells }, join(env.dir, `${institution}_${quarter}.xlsx`));
  // Last year's reports entered now: 补录 mode (neither on time nor late).
  const s = must(await env.h['import.files']({ paths: [path], mode: 'backfill' }, {}));
  expect(s.files[0]?.errors, JSON.stringify(s.files[0]?.errors)).toEqual([]);
  expect(s.files[0]?.status).toBe('accepted');
}

async function target(id: string, quarter: string): Promise<TargetStatus> {
  const all = must(await env.h['targets.evaluate']({ region: 'bishan', quarter }, {}));
  const t = all.find((x) => x.id === id);
  if (!t) throw new Error(`no target ${id}`);
  return t;
}

async function yoy(quarter: string, institution: string): Promise<number | null> {
  const rows = must(await env.h['indicators.compute']({ quarter, region: 'bishan', ids: ['agri_loans_yoy'], scopes: ['institution'] }, {}));
  const row = rows.find((r) => r.institution === institution);
  return row ? row.value : null;
}

beforeAll(async () => {
  // The first year: 2025's reports only (the form's defaults: 涉农贷款余额 60,000, 当年累放 30,000 万元).
  await importReport('BS-ADBC', '2025Q4');
  await importReport('BS-PSBC', '2025Q3');
});

describe('the first year of use', () => {
  it('without history: 同比 无数据, 60亿 cannot add up, the 16亿 path has no start', async () => {
    expect(await yoy('2025Q3', 'BS-PSBC')).toBeNull();
    const adbc = await target('bs-adbc-60yi', '2025Q4');
    expect(adbc.status).toBe('无数据');
    expect(adbc.figures).toContain('2021年');
    const psbc = await target('bs-psbc-16yi', '2025Q3');
    expect(psbc.expected).toBeNull();
  });

  it('a prior figure with its source fills in where no detail exists, in the computation and in 数据来源', async () => {
    const set = await cli(['target-prior', '--target', 'bs-adbc-60yi', '--period', '2021-2024', '--amount', '450000', '--source', '农发行璧山支行2025年1月书面报告', '--db', env.dbPath]);
    expect(set.code, set.out + set.err).toBe(0);
    must(await env.h['targets.setPrior']({ target: 'bs-psbc-16yi', period: '2022Q3', amount: 45000, source: '邮储银行璧山支行2022年三季度统计报表' }, {}));
    const bad = await env.h['targets.setPrior']({ target: 'bs-adbc-60yi', period: '2022-2025', amount: 1, source: 'x' }, {});
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('从 2021 年算起');
    const adbc = await target('bs-adbc-60yi', '2025Q4');
    expect(adbc.actual).toBe(480000);
    expect(adbc.status).toBe('落后');
    expect(adbc.figures).toContain('2021—2024年 450,000.00万元（分析人员录入，来源：农发行璧山支行2025年1月书面报告）');
    expect(adbc.prior).toMatchObject({ period: '2021-2024', amount: 450000, used: true });
    const psbc = await target('bs-psbc-16yi', '2025Q3');
    // 45,000 at 2022Q3, 160,000 by 2025Q4: 12 of 13 quarters gone.
    expect(psbc.expected).toBeCloseTo(45000 + (115000 * 12) / 13, 6);
    expect(psbc.figures).toContain('起点 2022Q3 45,000.00万元（分析人员录入');
    const e = must(await env.h['figure.explain']({ kind: 'target', region: 'bishan', target: 'bs-adbc-60yi', quarter: '2025Q4' }, {}));
    expect(e.components.map((c) => c.label)).toEqual(['2021—2024年（分析人员录入）', '2025年']);
    expect(e.components[0]?.display).toContain('来源：农发行璧山支行2025年1月书面报告');
  });

  it('after a history import: 同比 and both targets are computed from the detail, each input traced to its cell', async () => {
    const path = writeHistoryBook(env.dir, '往年数据.xlsx', [
      {
        name: '往年',
        rows: [
          LONG_HEADER,
          ['农发行璧山支行', '2021年末', '涉农贷款当年累计发放额', '', 100000],
          ['农发行璧山支行', '2022年末', '涉农贷款当年累计发放额', '', 110000],
          ['农发行璧山支行', '2023年末', '涉农贷款当年累计发放额', '', 120000],
          ['农发行璧山支行', '2024年末', '涉农贷款当年累计发放额', '', 130000],
          ['邮储银行璧山支行', '2022Q3', '涉农贷款余额', '', 40000],
          ['邮储银行璧山支行', '2024Q3', '涉农贷款余额', '', 50000],
          ['邮储银行璧山支行', '2024Q3', '各项贷款余额', '', 90000],
        ],
      },
    ]);
    const r = await cli(['history-import', path, '--db', env.dbPath]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(await yoy('2025Q3', 'BS-PSBC')).toBeCloseTo(0.2, 9);
    const adbc = await target('bs-adbc-60yi', '2025Q4');
    expect(adbc.actual).toBe(490000);
    expect(adbc.prior).toMatchObject({ used: false });
    expect(adbc.figures).toContain('2021年 100,000.00万元');
    expect(adbc.figures).toContain('未采用：各年报表数据齐全');
    const psbc = await target('bs-psbc-16yi', '2025Q3');
    expect(psbc.expected).toBeCloseTo(40000 + (120000 * 12) / 13, 6);
    expect(psbc.prior).toMatchObject({ used: false });
    const e = must(await env.h['figure.explain']({ kind: 'target', region: 'bishan', target: 'bs-adbc-60yi', quarter: '2025Q4' }, {}));
    expect(e.components.map((c) => c.label)).toEqual(['2021年', '2022年', '2023年', '2024年', '2025年']);
    expect(e.inputs.find((i) => i.quarter === '2022Q4')).toMatchObject({ file: '往年数据.xlsx', sheet: '往年', cell: 'E3', value: 110000 });
    const y = must(await env.h['figure.explain']({ kind: 'indicator', region: 'bishan', quarter: '2025Q3', indicator: 'agri_loans_yoy', institution: 'BS-PSBC' }, {}));
    expect(y.inputs.find((i) => i.quarter === '2024Q3' && i.key === 'agri_loans_bal')).toMatchObject({ file: '往年数据.xlsx', cell: 'E7', value: 50000 });
  });

  it('the real report for a quarter replaces its history values in 同比', async () => {
    await importReport('BS-PSBC', '2024Q3', { agri_loans_bal: 48000 });
    expect(await yoy('2025Q3', 'BS-PSBC')).toBeCloseTo(0.25, 9);
    const y = must(await env.h['figure.explain']({ kind: 'indicator', region: 'bishan', quarter: '2025Q3', indicator: 'agri_loans_yoy', institution: 'BS-PSBC' }, {}));
    expect(y.inputs.find((i) => i.quarter === '2024Q3' && i.key === 'agri_loans_bal')).toMatchObject({ file: 'BS-PSBC_2024Q3.xlsx', value: 48000 });
  });
});
