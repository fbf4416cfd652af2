import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DB } from '../../src/services/db/database';
import { addTarget, evaluateTargets, loadLpr, lprRateOn, removeTarget, seedTargets } from '../../src/services/targets';
import { lprCoveredUntil, lprInForce } from '../../src/domain/lpr';
import { insertReport, memoryDb, tempDbPath } from '../helpers/reports';
import { cli } from '../helpers/cli';
import { openDatabase } from '../../src/services/db/database';
import type { TargetStatus } from '../../src/api/assessment-types';

let db: DB;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

const find = (rows: TargetStatus[], id: string): TargetStatus => rows.find((r) => r.id === id) as TargetStatus;

describe('the seeds’ targets', () => {
  it('every row of the domain brief’s table is a record with source, who, goal and deadline', () => {
    const ids = seedTargets().map((t) => t.id);
    expect(ids).toEqual(['ak-agri-growth', 'ak-agri-npl', 'ak-pov-lpr', 'ak-sgl-subsidy', 'ak-reports', 'bs-adbc-60yi', 'bs-psbc-16yi', 'bs-icbcvb-yoy', 'bs-subsidy-lpr', 'bs-guarantee-fee', 'bs-village-coverage', 'bs-nae-rating']);
    const rows = evaluateTargets(db);
    expect(rows.every((r) => r.status === '无数据')).toBe(true);
  });

  it('LPR: the rate in force at the quarter end', () => {
    // 2024-09-30: 3.35% (from 2024-07-22); 2024-12-31: 3.10% (from 2024-10-21); 2025-06-30: 3.00%
    expect(lprRateOn(db, '2024-09-30')).toBe(0.0335);
    expect(lprRateOn(db, '2024-12-31')).toBe(0.031);
    expect(lprRateOn(db, '2025-06-30')).toBe(0.03);
    expect(lprRateOn(db, '2024-12-31', 'fiveYear')).toBe(0.036);
    // Before the reformed LPR (2019-08-20) and after the table's last fixing there is no LPR, not a guess.
    expect(lprRateOn(db, '2019-08-19')).toBeNull();
    const t = loadLpr();
    const until = lprCoveredUntil(t) as string;
    expect(lprInForce(t, until)).not.toBeNull();
    expect(lprInForce(t, `${until.slice(0, 8)}${String(Number(until.slice(8)) + 1).padStart(2, '0')}`)).toBeNull();
  });

  it('安康: headline, 不良率 stability, LPR, subsidies and timely reports', () => {
    for (const [code, a0, t0] of [
      ['AK-ABC', 60000, 100000],
      ['AK-HBRCB', 20000, 30000],
    ] as const) {
      insertReport(db, { institution: code, quarter: '2024Q4', values: { agri_loans_bal: a0, loans_total_bal: t0, agri_npl_bal: a0 * 0.01 } });
    }
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { agri_loans_bal: 67380, loans_total_bal: 108100, agri_npl_bal: 673.8, pov_bal: 1000, pov_rate: 0.03, sgl_bal: 100, sgl_subsidy_share: 0.5 } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2025Q3', values: { agri_loans_bal: 21000, loans_total_bal: 33000, agri_npl_bal: 420, pov_bal: 500, pov_rate: 0.0345 }, daysLate: 2 });
    const rows = evaluateTargets(db, { region: 'ankang', quarter: '2025Q3' });
    // 涉农: (67,380 + 21,000 − 80,000) / 80,000 = 10.475% ; 各项: (108,100 + 33,000 − 130,000) / 130,000 = 8.538% → met
    const head = find(rows, 'ak-agri-growth');
    expect(head.status).toBe('已达成');
    expect(head.actual).toBeCloseTo(8380 / 80000 - 11100 / 130000, 12);
    // 不良率 (673.8 + 420) / 88,380 = 1.2376% vs 年初 (600 + 200) / 80,000 = 1% + 0.5 pp tolerance → met
    expect(find(rows, 'ak-agri-npl').status).toBe('已达成');
    expect(find(rows, 'ak-agri-npl').figures).toContain('年初 1.00%，容忍后上限 1.50%');
    // Pricing is judged on the year's new lending by tenor (RV-2026.1 on): these RV-2025.1 reports have none → 无数据, not 0
    const lpr = find(rows, 'ak-pov-lpr');
    expect(lpr.status).toBe('无数据');
    expect(lpr.indicatorLabel).toBe('当年新发放脱贫人口小额信贷利率与发放时LPR');
    expect(find(rows, 'ak-sgl-subsidy').status).toBe('已达成');
    // HBRCB's 2025Q3 report arrived late; the other active banks did not report at all
    const rep = find(rows, 'ak-reports');
    expect(rep.status).toBe('落后');
    expect(rep.figures).toContain('逾期 1 家（陕西汉滨农村商业银行）');
  });

  it('璧山: cumulative 60亿, a balance path to 16亿, year-on-year growth, deadlines already passed', () => {
    // 农发行: 累放 2021–2024 each 120,000 (Q4), 2025Q3 60,000 → 540,000 of 600,000; time share 2021-01-01…2025-09-30
    for (const y of [2021, 2022, 2023, 2024]) insertReport(db, { institution: 'BS-ADBC', quarter: `${y}Q4`, values: { agri_loans_ytd: 120000 } });
    insertReport(db, { institution: 'BS-ADBC', quarter: '2025Q3', values: { agri_loans_ytd: 60000 } });
    // 邮储: 2022Q3 100,000 → goal 160,000 by 2025Q4 (13 quarters); at 2025Q3 (12 quarters in) the path is 100,000 + 60,000 × 12/13
    insertReport(db, { institution: 'BS-PSBC', quarter: '2022Q3', values: { agri_loans_bal: 100000 } });
    insertReport(db, { institution: 'BS-PSBC', quarter: '2025Q3', values: { agri_loans_bal: 150000 } });
    insertReport(db, { institution: 'BS-ICBCVB', quarter: '2024Q3', values: { agri_loans_bal: 8000 } });
    insertReport(db, { institution: 'BS-ICBCVB', quarter: '2025Q3', values: { agri_loans_bal: 8800, villages_total: 100, villages_covered: 100, nae_total: 40, nae_rated: 30 } });
    insertReport(db, { institution: 'BS-CQRCB', quarter: '2022Q4', values: { villages_total: 120, villages_covered: 120 } });
    const rows = evaluateTargets(db, { region: 'bishan', quarter: '2025Q3' });
    const adbc = find(rows, 'bs-adbc-60yi');
    expect(adbc.actual).toBe(540000);
    // 540,000 / 600,000 = 90% < elapsed share 1,734 / 1,826 days = 94.96% → 落后 (expected 569,770)
    expect(adbc.expected).toBeCloseTo(600000 * (1734 / 1826), 6);
    expect(adbc.status).toBe('落后');
    const psbc = find(rows, 'bs-psbc-16yi');
    expect(psbc.expected).toBeCloseTo(100000 + 60000 * (12 / 13), 6);
    expect(psbc.status).toBe('落后');
    expect(find(rows, 'bs-icbcvb-yoy').status).toBe('已达成');
    // 行政村全覆盖 judged at its deadline 2022Q4: the bank's own 120 / 120 no longer decides —
    // without the district's 行政村 counts (region facts) there is no denominator
    const village = find(rows, 'bs-village-coverage');
    expect(village.quarter).toBe('2022Q4');
    expect(village.status).toBe('无数据');
    expect(village.figures).toContain('尚未录入行政村数');
    // 信用建档评级 by 2023Q4: no data then
    expect(find(rows, 'bs-nae-rating')).toMatchObject({ quarter: '2023Q4', status: '无数据' });
  });

  it('analysts add a target (validated, audited) and it is judged like the seeds’', () => {
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { chain_bal: { selenium_tea: 12000 } } });
    expect(() => addTarget(db, { id: 'ak-agri-growth', source: 'x', clause: 'x', region: 'ankang', who: 'x', scope: 'region', indicator: 'agri_share', goal: { kind: 'value', op: '>=', value: 0.5 }, byLabel: '' })).toThrow(
      /已用于政策文件中的目标/,
    );
    expect(() => addTarget(db, { id: 'x1', source: 'x', clause: 'x', region: 'ankang', who: 'x', scope: 'region', indicator: 'nope', goal: { kind: 'value', op: '>=', value: 1 }, byLabel: '' })).toThrow(/指标「nope」不存在/);
    addTarget(db, { id: 'ak-tea-1yi', source: '分析人员', clause: '富硒茶产业链贷款余额达到1亿元', region: 'ankang', who: '全市', scope: 'region', indicator: 'chain_bal', member: 'selenium_tea', goal: { kind: 'value', op: '>=', value: 10000 }, by: '2025Q4', byLabel: '' });
    const row = find(evaluateTargets(db, { region: 'ankang', quarter: '2025Q3' }), 'ak-tea-1yi');
    expect(row).toMatchObject({ origin: 'analyst', status: '已达成', actual: 12000, byLabel: '2025年第4季度末' });
    removeTarget(db, 'ak-tea-1yi');
    expect(evaluateTargets(db).some((r) => r.id === 'ak-tea-1yi')).toBe(false);
    expect(() => removeTarget(db, 'ak-reports')).toThrow(/不能删除/);
  });
});

describe('targets command', () => {
  it('prints JSON, adds a target from a file and exports the tracker', async () => {
    const tmp = tempDbPath();
    const d = openDatabase(tmp.path);
    insertReport(d, { institution: 'BS-PSBC', quarter: '2025Q3', values: { agri_loans_bal: 170000 } });
    d.close();
    const r = await cli(['targets', '--db', tmp.path, '--region', 'bishan', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as TargetStatus[];
    expect(find(rows, 'bs-psbc-16yi')).toMatchObject({ status: '已达成', actual: 170000, goal: 160000, quarter: '2025Q3' });
    const file = join(tmp.dir, 't.json');
    writeFileSync(file, JSON.stringify({ id: 'bs-psbc-18yi', source: '分析人员', clause: '涉农贷款余额18亿元', region: 'bishan', who: '邮储银行璧山支行', institution: 'BS-PSBC', scope: 'institution', indicator: 'agri_loans_bal', goal: { kind: 'value', op: '>=', value: 180000 }, byLabel: '2026年末', by: '2026Q4' }));
    expect((await cli(['targets', '--db', tmp.path, '--add', file])).code).toBe(0);
    const out = join(tmp.dir, 'targets.xlsx');
    const e = await cli(['targets', '--db', tmp.path, '--out', out]);
    expect(e.code).toBe(0);
    expect(e.out).toContain('2026年末');
    expect(e.out).toContain('已导出');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('目标跟踪')!;
    const statuses: string[] = [];
    ws.eachRow((row, n) => n > 3 && statuses.push(String(row.getCell(7).value)));
    expect(statuses).toContain('已达成');
    expect(statuses).toContain('进度正常');
    tmp.cleanup();
  });
});
