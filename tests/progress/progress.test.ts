import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as cpexcel from 'xlsx/dist/cpexcel';
import type { DB } from '../../src/services/db/database';
import { listAudit } from '../../src/services/db/audit';
import { getCountyTargets, importCountyTargets, progressTable, setCountyTarget } from '../../src/services/progress';
import { rankDescending, timeProgress, windowTimeProgress } from '../../src/domain/progress';
import { insertReport, memoryDb, tempDbPath } from '../helpers/reports';
import { cli } from '../helpers/cli';
import { openDatabase } from '../../src/services/db/database';
import type { ProgressTable } from '../../src/api/assessment-types';

describe('时序进度 at each quarter end', () => {
  it('counts days: 2025 (365 days) and the leap year 2024 (366 days)', () => {
    // 31 Mar = 31 + 28 + 31 = 90 days; 30 Jun = 90 + 30 + 31 + 30 = 181; 30 Sep = 181 + 31 + 31 + 30 = 273
    expect(timeProgress({ year: 2025, q: 1 })).toBe(90 / 365);
    expect(timeProgress({ year: 2025, q: 2 })).toBe(181 / 365);
    expect(timeProgress({ year: 2025, q: 3 })).toBe(273 / 365);
    expect(timeProgress({ year: 2025, q: 4 })).toBe(1);
    // leap year: 29 Feb adds a day to every quarter end
    expect(timeProgress({ year: 2024, q: 1 })).toBe(91 / 366);
    expect(timeProgress({ year: 2024, q: 2 })).toBe(182 / 366);
    expect(timeProgress({ year: 2024, q: 3 })).toBe(274 / 366);
    expect(timeProgress({ year: 2024, q: 4 })).toBe(1);
  });

  it('over a three-year action 2024–2026: 30 Jun 2025 is (366 + 181) / (366 + 365 + 365) of the way', () => {
    expect(windowTimeProgress({ year: 2025, q: 2 }, 2024, 2026)).toBe(547 / 1096);
    expect(windowTimeProgress({ year: 2023, q: 4 }, 2024, 2026)).toBe(0);
    expect(windowTimeProgress({ year: 2026, q: 4 }, 2024, 2026)).toBe(1);
  });

  it('ranks completion highest first, ties share the rank, no value no rank', () => {
    expect(rankDescending([0.5, 0.8, null, 0.5, 0.9])).toEqual([3, 2, null, 3, 1]);
  });
});

describe('the progress table over stored reports', () => {
  let db: DB;
  beforeEach(() => {
    db = memoryDb();
    // 首位产业贷款余额 by county, two banks: AK01 汉滨区 = 3,000 + 1,500; AK05 紫阳县 = 800; AK09 旬阳市 = 2,400
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q2', values: { county_lead_bal: { AK01: 3000, AK05: 800 }, county_lead_ytd: { AK01: 1000, AK05: 200 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2025Q2', values: { county_lead_bal: { AK01: 1500, AK09: 2400 }, county_lead_ytd: { AK01: 500 } } });
    insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { county_lead_ytd: { AK01: 4000 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2024Q4', values: { county_lead_ytd: { AK01: 2000 } } });
    setCountyTarget(db, { county: '汉滨区', year: 2025, annualTarget: 9000 });
    setCountyTarget(db, { county: 'AK05', year: 2025, annualTarget: 1000 });
    setCountyTarget(db, { county: '旬阳', year: 2025, annualTarget: 4800 });
  });
  afterEach(() => db.close());

  it('computes 完成率, 进度差, rank and the behind flag at 2025Q2 (时序进度 181/365 = 49.6%)', () => {
    const t = progressTable(db, { year: 2025, quarter: 2 });
    expect(t.quarter).toBe('2025Q2');
    expect(t.timeProgress).toBe(181 / 365);
    const row = (name: string) => t.rows.find((r) => r.county === name)!;
    // 汉滨区: 4,500 / 9,000 = 50.0% ; gap = 0.5 − 0.49589 = +0.0041 → not behind
    expect(row('汉滨区')).toMatchObject({ class: '产业功能县', leadingIndustry: '富硒茶', target: 9000, actual: 4500, completion: 0.5, behind: false });
    expect(row('汉滨区').gap).toBeCloseTo(0.5 - 181 / 365, 12);
    // 紫阳县: 800 / 1,000 = 80% → rank 1 ; 旬阳市: 2,400 / 4,800 = 50% → ties 汉滨区 at rank 2
    expect(row('紫阳县')).toMatchObject({ completion: 0.8, rank: 1, behind: false });
    expect(row('旬阳市')).toMatchObject({ completion: 0.5, rank: 2 });
    expect(row('汉滨区').rank).toBe(2);
    // a county with no target: actual shown, no completion, no flag
    expect(row('汉阴县')).toMatchObject({ target: null, actual: null, completion: null, rank: null, behind: null });
    // totals: targets 9,000 + 1,000 + 4,800 = 14,800 ; actual 4,500 + 800 + 2,400 = 7,700 ; 7,700 / 14,800
    expect(t.total.target).toBe(14800);
    expect(t.total.actual).toBe(7700);
    expect(t.total.completion).toBeCloseTo(7700 / 14800, 12);
    expect(t.total.behindCount).toBe(0);
  });

  it('flags a county behind time progress at the year end', () => {
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q4', values: { county_lead_bal: { AK01: 4000, AK05: 1200 } } });
    const t = progressTable(db, { year: 2025, quarter: '2025Q4' });
    const hb = t.rows.find((r) => r.county === '汉滨区')!;
    // 4,000 / 9,000 = 44.4% against 100% → behind by 55.6 points
    expect(hb.completion).toBeCloseTo(4000 / 9000, 12);
    expect(hb.gap).toBeCloseTo(4000 / 9000 - 1, 12);
    expect(hb.behind).toBe(true);
    expect(t.rows.find((r) => r.county === '紫阳县')?.behind).toBe(false);
    expect(t.total.behindCount).toBe(1);
  });

  it('a 累放 target over a three-year action adds up the years', () => {
    setCountyTarget(db, { county: '汉滨区', year: 2025, indicator: 'county_lead_ytd', annualTarget: 6000, threeYearTarget: 18000, threeYearFrom: 2024, threeYearTo: 2026 });
    const t = progressTable(db, { year: 2025, quarter: 2 });
    const hb = t.rows.find((r) => r.county === '汉滨区')!;
    // this year 1,000 + 500 = 1,500 of 6,000 = 25% ; three years: 2024 (4,000 + 2,000) + 1,500 = 7,500 of 18,000
    expect(hb.actual).toBe(1500);
    expect(hb.completion).toBe(0.25);
    expect(hb.behind).toBe(true);
    expect(hb.threeYear).toMatchObject({ from: 2024, to: 2026, target: 18000, actual: 7500 });
    expect(hb.threeYear?.completion).toBeCloseTo(7500 / 18000, 12);
    expect(hb.threeYear?.timeProgress).toBe(547 / 1096);
  });

  it('keeps targets with an audit trail and rejects bad ones', () => {
    expect(() => setCountyTarget(db, { county: '不存在县', year: 2025, annualTarget: 1 })).toThrow(/不在名录中/);
    expect(() => setCountyTarget(db, { county: '汉滨区', year: 2025, annualTarget: -5 })).toThrow(/非负数/);
    expect(() => setCountyTarget(db, { county: '汉滨区', year: 2025 })).toThrow(/至少填一项/);
    setCountyTarget(db, { county: '汉滨区', year: 2025, annualTarget: 9500 });
    const log = listAudit(db).filter((a) => a.action === 'county_target.set');
    expect(log.length).toBe(4);
    expect(getCountyTargets(db, 'ankang', 2025).find((x) => x.county === 'AK01')?.annualTarget).toBe(9500);
  });

  it('璧山 has towns, not counties: the table is refused in Chinese', () => {
    expect(() => progressTable(db, { region: 'bishan', year: 2025, quarter: 2 })).toThrow(/下设镇街，不适用/);
  });
});

describe('importing a targets sheet', () => {
  const tmp = tempDbPath();
  let db: DB;
  beforeEach(() => {
    db = memoryDb();
  });
  afterEach(() => db.close());

  it('reads an .xlsx with 亿元 in the header and a three-year column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目标');
    ws.addRow(['2025年金融兴产强县目标']);
    ws.addRow(['县（市、区）', '年度目标（亿元）', '三年目标（亿元）', '三年行动期', '口径']);
    ws.addRow(['汉滨区', 0.9, 2.5, '2024-2026', '余额']);
    ws.addRow(['紫阳县', '1,000', null, null, '']);
    ws.addRow(['合计', 1.0, 2.5, null, null]);
    const file = join(tmp.dir, 'targets.xlsx');
    await wb.xlsx.writeFile(file);
    const r = importCountyTargets(db, file, { year: 2025 });
    expect(r.sheet).toBe('目标');
    // 0.9 亿元 = 9,000 万元 ; "1,000" in a 亿元 column = 10,000,000 万元
    expect(r.targets.map((t) => [t.countyName, t.annualTarget, t.threeYearTarget, t.threeYearFrom, t.threeYearTo])).toEqual([
      ['汉滨区', 9000, 25000, 2024, 2026],
      ['紫阳县', 10000000, null, null, null],
    ]);
  });

  it('reads a CSV with a 年度 column and names the bad cell', () => {
    const ok = join(tmp.dir, 'targets.csv');
    writeFileSync(ok, '县（市、区）,年度,年度目标（万元）\n石泉县,2025,"3,200"\n宁陕县,2025,800\n');
    const r = importCountyTargets(db, ok);
    expect(r.targets.map((t) => [t.countyName, t.year, t.annualTarget])).toEqual([
      ['石泉县', 2025, 3200],
      ['宁陕县', 2025, 800],
    ]);
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, '县（市、区）,年度,年度目标（万元）\n石泉县,2025,三千\n某某县,2025,1\n');
    try {
      importCountyTargets(db, bad);
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('C2 「三千」不是数字');
      expect(msg).toContain('A3');
      expect((e as { appError?: { where?: { file?: string; cell?: string } } }).appError?.where).toMatchObject({ file: 'bad.csv', cell: 'C2' });
    }
    // nothing half-imported
    expect(getCountyTargets(db, 'ankang', 2025).map((t) => t.countyName)).toEqual(['石泉县', '宁陕县']);
  });

  it('reads a CSV saved by Excel on Chinese Windows (GBK)', () => {
    const gbk = join(tmp.dir, 'gbk.csv');
    const utils = (cpexcel as unknown as { utils: { encode: (cp: number, s: string) => number[] } }).utils;
    writeFileSync(gbk, Buffer.from(utils.encode(936, '县（市、区）,年度目标（万元）\n岚皋县,1500\n')));
    expect(importCountyTargets(db, gbk, { year: 2026 }).targets.map((t) => [t.countyName, t.year, t.annualTarget])).toEqual([['岚皋县', 2026, 1500]]);
  });
});

describe('progress command', () => {
  const tmp = tempDbPath();
  it('sets a target, prints the table as JSON and writes the workbook', async () => {
    const db = openDatabase(tmp.path);
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { county_lead_bal: { AK01: 6000 } } });
    db.close();
    expect((await cli(['progress', '--db', tmp.path, '--set-target', '--county', '汉滨区', '--year', '2025', '--annual', '10000'])).code).toBe(0);
    const r = await cli(['progress', '--db', tmp.path, '--year', '2025', '--quarter', '3', '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as ProgressTable;
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['year', 'quarter', 'timeProgress', 'rows', 'total']));
    // 6,000 / 10,000 = 0.6 against 273/365 = 0.748 → behind
    expect(t.rows[0]).toMatchObject({ county: '汉滨区', class: '产业功能县', leadingIndustry: '富硒茶', target: 10000, actual: 6000, completion: 0.6, rank: 1, behind: true });
    const out = join(tmp.dir, 'progress.xlsx');
    expect((await cli(['progress', '--db', tmp.path, '--year', '2025', '--quarter', '3', '--out', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('进度表')!;
    expect(ws.getCell('A1').value).toBe('安康市「金融兴产强县」首位产业信贷支持进度表');
    expect(ws.getCell('F4').value).toBe(0.6);
    expect(ws.getCell('F4').numFmt).toBe('0.0%');
    expect(ws.getCell('J4').value).toBe('落后');
    expect(ws.pageSetup.orientation).toBe('landscape');
    tmp.cleanup();
  });
});
