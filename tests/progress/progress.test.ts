import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as cpexcel from 'xlsx/dist/cpexcel';
import type { DB } from '../../src/services/db/database';
import { listAudit } from '../../src/services/db/audit';
import { getCountyTargets, importCountyTargets, progressTable, setCountyTarget, setProgressSettings } from '../../src/services/progress';
import { listRegions, saveUnit } from '../../src/services/registry/regions';
import { elapsedShare, judgeProgress, rankDescending, timeProgress, windowTimeProgress } from '../../src/domain/progress';
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

describe('judging a measure by what it measures', () => {
  // 31 Mar 2025 is day 90 of 365: 时序进度 24.66%
  const q1 = 90 / 365;
  it('a stock is judged by its increase from 年初: 9.5亿 → 9.55亿 against a 10亿 target is 10% done, not 95.5%', () => {
    // (95,500 − 95,000) / (100,000 − 95,000) = 500 / 5,000 = 10% ; gap 10% − 24.66% = −14.66 points → behind
    const j = judgeProgress('increment', { actual: 95500, base: 95000, target: 100000, elapsed: q1, atDeadline: false });
    expect(j.completion).toBe(0.1);
    expect(j.gap).toBeCloseTo(0.1 - q1, 12);
    expect(j.behind).toBe(true);
    // what the table used to show: 95,500 / 100,000 = 95.5%, "ahead" by 70 points
    expect(judgeProgress('elapsed', { actual: 95500, base: null, target: 100000, elapsed: q1, atDeadline: false }).behind).toBe(false);
  });

  it('a stock target at or below 年初 has no progress to measure, and says so', () => {
    const j = judgeProgress('increment', { actual: 96000, base: 95000, target: 95000, elapsed: q1, atDeadline: false });
    expect(j).toMatchObject({ completion: null, gap: null, behind: null });
    expect(j.note).toContain('目标不高于年初余额');
    expect(judgeProgress('increment', { actual: 96000, base: null, target: 100000, elapsed: q1, atDeadline: false }).note).toContain('缺少年初余额');
  });

  it('a balance judged at the deadline only: no 进度差 before it, behind at it when short', () => {
    const mid = judgeProgress('deadline', { actual: 99000, base: 95000, target: 100000, elapsed: 0.748, atDeadline: false });
    expect(mid).toMatchObject({ completion: 0.99, gap: null, behind: null });
    const end = judgeProgress('deadline', { actual: 99000, base: 95000, target: 100000, elapsed: 1, atDeadline: true });
    expect(end.behind).toBe(true);
    expect(end.gap).toBeCloseTo(-0.01, 12);
  });

  it('时序进度 by quarters: 25/50/75/100%, and over a three-year action 2024–2026', () => {
    expect([1, 2, 3, 4].map((q) => elapsedShare({ year: 2025, q: q as 1 | 2 | 3 | 4 }, 'quarters'))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(elapsedShare({ year: 2025, q: 1 }, 'days')).toBe(q1);
    // 2025Q2 is quarter 6 of 12
    expect(windowTimeProgress({ year: 2025, q: 2 }, 2024, 2026, 'quarters')).toBe(0.5);
  });
});

describe('the progress table over stored reports', () => {
  let db: DB;
  beforeEach(() => {
    db = memoryDb();
    // 汉阴县 AK02 on 首位产业贷款余额 (a stock): 年初 60,000 + 35,000 = 95,000; 2025Q1 60,200 + 35,300 = 95,500
    insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { county_lead_bal: { AK02: 60000 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2024Q4', values: { county_lead_bal: { AK02: 35000 } } });
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q1', values: { county_lead_bal: { AK02: 60200, AK05: 8000 }, county_lead_ytd: { AK05: 300, AK07: 900 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2025Q1', values: { county_lead_bal: { AK02: 35300 }, county_lead_ytd: { AK05: 200, AK09: 100, AK01: 5000 } } });
    setCountyTarget(db, { county: '汉阴县', year: 2025, indicator: 'county_lead_bal', annualTarget: 100000 });
    // 紫阳县 AK05 and 旬阳市 AK09 on 当年累放 (a flow, the default measure)
    setCountyTarget(db, { county: 'AK05', year: 2025, annualTarget: 1600 });
    setCountyTarget(db, { county: '旬阳', year: 2025, annualTarget: 1000 });
  });
  afterEach(() => db.close());

  it('a county behind on increments: 汉阴 grew 500 of the 5,000 it needs by 31 Mar (10% against 24.7%)', () => {
    const t = progressTable(db, { year: 2025, quarter: 1 });
    expect(t.timeProgress).toBe(90 / 365);
    const row = (name: string) => t.rows.find((r) => r.county === name)!;
    expect(row('汉阴县')).toMatchObject({ kind: 'stock', judge: 'increment', indicatorLabel: '首位产业贷款余额', target: 100000, actual: 95500, base: 95000, completion: 0.1, behind: true });
    expect(row('汉阴县').gap).toBeCloseTo(0.1 - 90 / 365, 12);
    // 紫阳: 500 / 1,600 = 31.25% ahead of 24.66% ; 旬阳: 100 / 1,000 = 10% behind
    expect(row('紫阳县')).toMatchObject({ kind: 'flow', judge: 'elapsed', actual: 500, base: null, completion: 0.3125, behind: false, rank: 1 });
    expect(row('旬阳市')).toMatchObject({ completion: 0.1, behind: true, rank: 2 });
    // ranks compare like with like: 汉阴 is ranked among the 余额 counties alone
    expect(row('汉阴县').rank).toBe(1);
    // 平利 reports 900 of 累放 but has no target: shown, not judged
    expect(row('平利县')).toMatchObject({ target: null, actual: 900, completion: null, behind: null, rank: null });
    expect(t.behindCount).toBe(2);
  });

  it('each 合计 adds only the rows it totals: no county without a target, no 累放 added to a 余额', () => {
    const t = progressTable(db, { year: 2025, quarter: 1 });
    expect(t.totals.map((x) => x.indicator)).toEqual(['county_lead_bal', 'county_lead_ytd']);
    const flow = t.totals.find((x) => x.indicator === 'county_lead_ytd')!;
    // 紫阳 + 旬阳: targets 1,600 + 1,000 = 2,600 ; actual 500 + 100 = 600 (平利's 900 and 汉滨's 5,000 are not in it)
    expect(flow).toMatchObject({ counties: ['紫阳县', '旬阳市'], target: 2600, actual: 600, behindCount: 1 });
    expect(flow.completion).toBeCloseTo(600 / 2600, 12);
    expect(flow.behind).toBe(true);
    const stock = t.totals.find((x) => x.indicator === 'county_lead_bal')!;
    expect(stock).toMatchObject({ counties: ['汉阴县'], target: 100000, actual: 95500, base: 95000, completion: 0.1 });
  });

  it('汉滨区 (the central district) is outside the nine 县（市）: not a row, and said why', () => {
    const t = progressTable(db, { year: 2025, quarter: 1 });
    expect(t.rows.map((r) => r.county)).not.toContain('汉滨区');
    expect(t.counties).toBe(9);
    expect(t.excluded).toEqual([{ county: '汉滨区', reason: expect.stringContaining('不含汉滨区') }]);
    expect(t.definitions.join('')).toContain('汉滨区不列入本表');
    expect(() => setCountyTarget(db, { county: '汉滨区', year: 2025, annualTarget: 1 })).toThrow(/不在「金融兴产强县」行动范围内/);
  });

  it('every county row says where its class and 首位产业 come from (石泉 富硒食品（预制菜）, 镇坪 中药)', () => {
    const t = progressTable(db, { year: 2025, quarter: 1 });
    const row = (name: string) => t.rows.find((r) => r.county === name)!;
    expect(row('石泉县')).toMatchObject({ class: '产业功能县', leadingIndustry: '富硒食品（预制菜）' });
    expect(row('石泉县').industrySource).toContain('调整为富硒食品（预制菜）');
    expect(row('镇坪县')).toMatchObject({ class: '生态功能县', leadingIndustry: '中药（黄连、独活、玄参等）' });
    expect(row('汉阴县').class).toBe('产业功能县');
    expect(row('平利县').class).toBe('产业功能县');
    expect(row('紫阳县').class).toBe('农产品主产县');
    expect(t.rows.every((r) => r.classSource !== null && r.industrySource !== null)).toBe(true);
  });

  it('时序进度 by quarters is a setting: Q1 counts 25%, and the change is audited', () => {
    setProgressSettings(db, 'ankang', { timeMethod: 'quarters' });
    const t = progressTable(db, { year: 2025, quarter: 1 });
    expect(t.timeProgress).toBe(0.25);
    expect(t.definitions.join('')).toContain('按季度计算');
    // 紫阳 31.25% stays ahead of 25%
    expect(t.rows.find((r) => r.county === '紫阳县')?.gap).toBeCloseTo(0.0625, 12);
    expect(listAudit(db).some((a) => a.action === 'progress.settings')).toBe(true);
    expect(() => setProgressSettings(db, 'ankang', { timeMethod: 'weeks' })).toThrow(/无效/);
  });

  it('a 累放 target over a three-year action adds up the years; a 余额 one counts from the window’s start', () => {
    insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { county_lead_bal: { AK02: 60000 }, county_lead_ytd: { AK03: 4000 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2024Q4', values: { county_lead_bal: { AK02: 35000 }, county_lead_ytd: { AK03: 2000 } } });
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q2', values: { county_lead_ytd: { AK03: 1000 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2025Q2', values: { county_lead_ytd: { AK03: 500 } } });
    setCountyTarget(db, { county: '石泉县', year: 2025, indicator: 'county_lead_ytd', annualTarget: 6000, threeYearTarget: 18000, threeYearFrom: 2024, threeYearTo: 2026 });
    const t = progressTable(db, { year: 2025, quarter: 2 });
    const sq = t.rows.find((r) => r.county === '石泉县')!;
    // this year 1,000 + 500 = 1,500 of 6,000 = 25% ; three years: 2024 (4,000 + 2,000) + 1,500 = 7,500 of 18,000
    expect(sq).toMatchObject({ actual: 1500, completion: 0.25, behind: true });
    expect(sq.threeYear).toMatchObject({ from: 2024, to: 2026, target: 18000, actual: 7500 });
    expect(sq.threeYear?.completion).toBeCloseTo(7500 / 18000, 12);
    expect(sq.threeYear?.timeProgress).toBe(547 / 1096);
  });

  it('keeps targets with an audit trail and rejects bad ones', () => {
    expect(() => setCountyTarget(db, { county: '不存在县', year: 2025, annualTarget: 1 })).toThrow(/不在名录中/);
    expect(() => setCountyTarget(db, { county: '汉阴县', year: 2025, annualTarget: -5 })).toThrow(/非负数/);
    expect(() => setCountyTarget(db, { county: '汉阴县', year: 2025 })).toThrow(/至少填一项/);
    setCountyTarget(db, { county: '汉阴县', year: 2025, annualTarget: 99500, indicator: 'county_lead_bal' });
    const log = listAudit(db).filter((a) => a.action === 'county_target.set');
    expect(log.length).toBe(4);
    expect(getCountyTargets(db, 'ankang', 2025).find((x) => x.county === 'AK02')?.annualTarget).toBe(99500);
  });

  it('璧山 has towns, not counties: the table is refused in Chinese', () => {
    expect(() => progressTable(db, { region: 'bishan', year: 2025, quarter: 2 })).toThrow(/下设镇街，不适用/);
  });
});

describe('county classes and 首位产业 as the analyst keeps them', () => {
  it('an analyst edits a county with its source; a class without a source is refused', () => {
    const db = memoryDb();
    expect(() => saveUnit(db, { code: 'AK06', class: '生态功能县', leadingIndustry: '魔芋', industrySource: '岚皋县「一县一策」' })).toThrow(/县域分类「生态功能县」的依据/);
    const u = saveUnit(db, { code: 'AK06', class: '生态功能县', classSource: '安康日报2023', leadingIndustry: '富硒魔芋', industrySource: '岚皋县「一县一策」清单（2024）', leadingChain: 'konjac' });
    expect(u).toMatchObject({ class: '生态功能县', leadingIndustry: '富硒魔芋', industrySource: '岚皋县「一县一策」清单（2024）' });
    expect(listAudit(db).some((a) => a.action === 'registry.unit.save' && a.entityId === 'AK06')).toBe(true);
    db.close();
  });

  it('a database seeded by the earlier release gets the corrections, except where the analyst changed a county', () => {
    const tmp = tempDbPath();
    let db = openDatabase(tmp.path);
    // as the earlier release left it: 汉阴 农产品主产县, 石泉 蚕桑, 镇坪 秦巴生态肉业, no sources; 平利 edited by the analyst
    db.exec(`UPDATE region_units SET class_source = NULL, industry_source = NULL, county_action = 1;
      UPDATE region_units SET class = '产业功能县' WHERE code = 'AK01';
      UPDATE region_units SET class = '农产品主产县' WHERE code = 'AK02';
      UPDATE region_units SET leading_industry = '蚕桑', leading_chain = 'sericulture' WHERE code = 'AK03';
      UPDATE region_units SET leading_industry = '秦巴生态肉业', leading_chain = 'qinba_meat' WHERE code = 'AK08';
      UPDATE region_units SET class = '农产品主产县', leading_industry = '绞股蓝' WHERE code = 'AK07';
      UPDATE meta SET value = '1' WHERE key = 'units_revision:ankang';`);
    db.close();
    db = openDatabase(tmp.path);
    const units = new Map(listRegions(db).find((r) => r.code === 'ankang')!.units.map((u) => [u.code, u]));
    expect(units.get('AK01')).toMatchObject({ countyAction: false });
    expect(units.get('AK01')?.class).toBeUndefined();
    expect(units.get('AK02')).toMatchObject({ class: '产业功能县', classSource: expect.stringContaining('产业功能区') });
    expect(units.get('AK03')).toMatchObject({ leadingIndustry: '富硒食品（预制菜）' });
    expect(units.get('AK03')?.leadingChain).toBeUndefined();
    expect(units.get('AK08')).toMatchObject({ leadingIndustry: '中药（黄连、独活、玄参等）' });
    // the analyst's own 平利 stays as entered
    expect(units.get('AK07')).toMatchObject({ class: '农产品主产县', leadingIndustry: '绞股蓝' });
    expect(units.get('AK07')?.classSource).toBeUndefined();
    expect(listAudit(db).find((a) => a.action === 'registry.units_corrected')?.detail).toMatchObject({ corrected: ['AK01', 'AK02', 'AK03', 'AK08'] });
    db.close();
    tmp.cleanup();
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
    ws.addRow(['汉阴县', 0.9, 2.5, '2024-2026', '余额']);
    ws.addRow(['紫阳县', '1,000', null, null, '']);
    ws.addRow(['合计', 1.0, 2.5, null, null]);
    const file = join(tmp.dir, 'targets.xlsx');
    await wb.xlsx.writeFile(file);
    const r = importCountyTargets(db, file, { year: 2025 });
    expect(r.sheet).toBe('目标');
    // 0.9 亿元 = 9,000 万元 ; "1,000" in a 亿元 column = 10,000,000 万元
    expect(r.targets.map((t) => [t.countyName, t.annualTarget, t.threeYearTarget, t.threeYearFrom, t.threeYearTo])).toEqual([
      ['汉阴县', 9000, 25000, 2024, 2026],
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
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { county_lead_ytd: { AK02: 6000 } } });
    db.close();
    expect((await cli(['progress', '--db', tmp.path, '--set-target', '--county', '汉阴县', '--year', '2025', '--annual', '10000'])).code).toBe(0);
    const r = await cli(['progress', '--db', tmp.path, '--year', '2025', '--quarter', '3', '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as ProgressTable;
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['year', 'quarter', 'timeProgress', 'rows', 'totals', 'definitions']));
    // 当年累放 6,000 / 10,000 = 0.6 against 273/365 = 0.748 → behind
    expect(t.rows[0]).toMatchObject({ county: '汉阴县', class: '产业功能县', leadingIndustry: '秦巴生态肉业', target: 10000, actual: 6000, completion: 0.6, rank: 1, behind: true });
    const out = join(tmp.dir, 'progress.xlsx');
    expect((await cli(['progress', '--db', tmp.path, '--year', '2025', '--quarter', '3', '--out', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('进度表')!;
    expect(ws.getCell('A1').value).toBe('安康市「金融兴产强县」首位产业信贷支持进度表');
    // columns: 县, 类别, 首位产业, 口径, 目标, 实际, 完成率 … (no 年初余额 column without a 余额 target)
    expect(ws.getCell('D4').value).toBe('首位产业贷款当年累计发放');
    expect(ws.getCell('G4').value).toBe(0.6);
    expect(ws.getCell('G4').numFmt).toBe('0.0%');
    expect(ws.getCell('K4').value).toBe('落后');
    expect(ws.pageSetup.orientation).toBe('landscape');
    const notes = ws.getSheetValues().flat().filter((v): v is string => typeof v === 'string' && v.startsWith('说明'));
    expect(notes[0]).toContain('完成率 = 当年累计发放 ÷ 年度目标');
    expect(notes[0]).toContain('汉滨区不列入本表');
    // the setting from the command line
    expect((await cli(['progress', '--db', tmp.path, '--time-method', 'quarters'])).out).toContain('按季度计算');
    const q = JSON.parse((await cli(['progress', '--db', tmp.path, '--year', '2025', '--quarter', '3', '--json'])).out) as ProgressTable;
    expect(q.timeProgress).toBe(0.75);
    tmp.cleanup();
  });
});
