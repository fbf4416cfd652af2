import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DB } from '../../src/services/db/database';
import { listAudit } from '../../src/services/db/audit';
import { addCoverage, coverageStatus, importCoverage, listCoverage, listRegionFacts, removeCoverage, setRegionFact } from '../../src/services/coverage';
import { evaluateTargets } from '../../src/services/targets';
import { listLedger } from '../../src/services/ledger';
import { memoryDb, tempDbPath } from '../helpers/reports';
import { cli } from '../helpers/cli';
import { openDatabase } from '../../src/services/db/database';
import type { CoverageStatus } from '../../src/api/coverage-types';

let db: DB;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

const SRC = '区民政局行政区划统计（2022年）';

/** 璧城街道 has 3 行政村, 大兴镇 4: every other 镇街 too, so the district adds up. */
function villages(): void {
  for (const u of ['璧城街道', '璧泉街道', '青杠街道', '来凤街道', '丁家街道', '大路街道', '河边镇', '福禄镇', '大兴镇', '正兴镇', '广普镇', '三合镇', '八塘镇', '七塘镇', '健龙镇']) {
    setRegionFact(db, { region: 'bishan', unit: u, fact: 'villages', value: u === '大兴镇' ? 4 : 3, asOf: '2022-01-01', source: SRC });
  }
}

describe('coverage counts each village once', () => {
  it('two banks covering one village count once: 2 of 大兴镇’s 4 villages, 50%', () => {
    villages();
    addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '大兴村', institution: '农商行璧山支行', asOf: '2022-06-30', source: '农商行站点清单' });
    addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '大兴村委会', institution: '邮储银行璧山支行', asOf: '2022-09-30', source: '邮储站点清单' });
    addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '青龙村', institution: 'BS-CQRCB', asOf: '2022-09-30', source: '农商行站点清单' });
    const s = coverageStatus(db, 'bishan', 'villages', '2022-12-31');
    const dx = s.units.find((u) => u.unitName === '大兴镇')!;
    // 大兴村 (two banks) + 青龙村 = 2 distinct of 4
    expect(dx).toMatchObject({ total: 4, covered: 2, records: 3, rate: 0.5, totalAsOf: '2022-01-01', totalSource: SRC });
    // the district: 14 × 3 + 4 = 46 villages, 2 covered
    expect(s).toMatchObject({ total: 46, covered: 2, records: 3, totalWords: '各镇街行政村数合计 46' });
    expect(s.rate).toBeCloseTo(2 / 46, 12);
    expect(s.definition).toContain('多家机构覆盖同一行政村只计一次');
    // what the banks' own counts would have said: 3 records → 3 villages
    expect(s.records).toBe(3);
    // by 2022-06-30 only 大兴村 was covered
    expect(coverageStatus(db, 'bishan', 'villages', '2022-06-30').units.find((u) => u.unitName === '大兴镇')?.covered).toBe(1);
  });

  it('the denominator is the region fact in force at the date; a correction is a new entry, the old one stays', () => {
    setRegionFact(db, { region: 'bishan', unit: '璧城街道', fact: 'villages', value: 5, asOf: '2021-12-31', source: SRC });
    setRegionFact(db, { region: 'bishan', unit: '璧城街道', fact: 'villages', value: 4, asOf: '2023-06-30', source: '区民政局（村改社区后）' });
    const at = (d: string) => coverageStatus(db, 'bishan', 'villages', d).units.find((u) => u.unitName === '璧城街道');
    expect(at('2022-12-31')).toMatchObject({ total: 5, totalAsOf: '2021-12-31' });
    expect(at('2023-12-31')).toMatchObject({ total: 4, totalSource: '区民政局（村改社区后）' });
    expect(listRegionFacts(db, 'bishan').filter((f) => f.unit === 'BS01').map((f) => f.value)).toEqual([4, 5]);
    // a district total needs every 镇街
    const s = coverageStatus(db, 'bishan', 'villages', '2023-12-31');
    expect(s.total).toBeNull();
    expect(s.totalWords).toContain('尚未录入行政村数，无法合计');
    expect(() => setRegionFact(db, { region: 'bishan', unit: '璧城街道', fact: 'villages', value: 4, asOf: '2023-06-30', source: ' ' })).toThrow(/请写明璧城街道行政村数的来源/);
    expect(() => setRegionFact(db, { region: 'bishan', unit: '不存在镇', fact: 'villages', value: 4, asOf: '2023-06-30', source: SRC })).toThrow(/不是璧山区的镇街/);
    expect(listAudit(db).filter((a) => a.action === 'coverage.fact')).toHaveLength(2);
  });

  it('新型农业经营主体: the 区农业农村委 roster is the denominator; an entity rated by two banks counts once (by its code)', () => {
    setRegionFact(db, { region: 'bishan', fact: 'nae', value: 20, asOf: '2023-12-31', source: '区农业农村委新型农业经营主体名录（2023年）' });
    const code = '93500227MA00000001';
    addCoverage(db, { region: 'bishan', kind: 'nae', name: '璧山区青杠花椒专业合作社', code, institution: 'BS-CQRCB', asOf: '2023-05-01', source: '农商行评级清单' });
    addCoverage(db, { region: 'bishan', kind: 'nae', name: '青杠花椒合作社', code, institution: 'BS-PSBC', asOf: '2023-07-01', source: '邮储评级清单' });
    for (let i = 0; i < 18; i++) addCoverage(db, { region: 'bishan', kind: 'nae', name: `家庭农场${i + 1}`, institution: 'BS-ABC', asOf: '2023-11-30', source: '农行评级清单' });
    const s: CoverageStatus = coverageStatus(db, 'bishan', 'nae', '2023-12-31');
    // 1 + 18 = 19 of 20 (20 records)
    expect(s).toMatchObject({ total: 20, covered: 19, records: 20, rate: 0.95 });
    expect(s.totalWords).toContain('区农业农村委新型农业经营主体名录');
  });

  it('「全覆盖」 and 「基本实现全覆盖（≥ 95%）」 targets: judged on distinct villages over the facts, per 镇街', () => {
    villages();
    // every village of 大兴镇 covered, by one bank or two
    for (const v of ['大兴村', '青龙村', '石堰村', '长河村']) addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: v, institution: 'BS-CQRCB', asOf: '2022-10-01', source: '清单' });
    addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '大兴村', institution: 'BS-PSBC', asOf: '2022-10-01', source: '清单' });
    setRegionFact(db, { region: 'bishan', fact: 'nae', value: 20, asOf: '2023-12-31', source: '区农业农村委名录' });
    for (let i = 0; i < 19; i++) addCoverage(db, { region: 'bishan', kind: 'nae', name: `主体${i}`, asOf: '2023-12-01', source: '人行核实' });
    const rows = evaluateTargets(db, { region: 'bishan', quarter: '2025Q4' });
    const village = rows.find((r) => r.id === 'bs-village-coverage')!;
    // judged at its deadline, 2022Q4: 4 of 46
    expect(village.quarter).toBe('2022Q4');
    expect(village.status).toBe('落后');
    expect(village.actual).toBeCloseTo(4 / 46, 12);
    expect(village.goalText).toBe('≥ 100%（全区行政村全覆盖）');
    expect(village.figures).toContain('各镇街行政村数合计 46，已覆盖 4 个（5 条机构记录，同一行政村只计一次）');
    expect(village.detailLabel).toBe('镇街');
    expect(village.details.find((d) => d.name === '大兴镇')).toMatchObject({ value: 1, met: true });
    expect(village.details.find((d) => d.name === '璧城街道')).toMatchObject({ value: 0, met: false });
    // 基本实现: 19 of 20 = 95% meets the stated tolerance
    const nae = rows.find((r) => r.id === 'bs-nae-rating')!;
    expect(nae).toMatchObject({ status: '已达成', actual: 0.95, quarter: '2023Q4' });
    expect(nae.goalText).toContain('基本实现全覆盖');
    expect(nae.goalText).toContain('≥ 95%');
  });

  it('without region facts the targets say 无数据 and why, never a bank-chosen denominator', () => {
    const rows = evaluateTargets(db, { region: 'bishan', quarter: '2025Q4' });
    const village = rows.find((r) => r.id === 'bs-village-coverage')!;
    expect(village.status).toBe('无数据');
    expect(village.figures).toContain('尚未录入行政村数');
  });

  it('the ledger shows the coverage of (十七) live, and each 镇街’s beside its status', () => {
    villages();
    addCoverage(db, { region: 'bishan', kind: 'villages', unit: '璧城街道', name: '白羊村', institution: 'BS-CQRCB', asOf: '2025-03-01', source: '清单' });
    const row = listLedger(db, { region: 'bishan', year: 2025 }).rows.find((r) => r.id === 'bs-17')!;
    const e = row.evidence.find((x) => x.kind === 'coverage')!;
    expect(e.value).toBeCloseTo(1 / 46, 12);
    expect(e.display).toContain('已覆盖 1 个');
    expect(row.towns.find((t) => t.unitName === '璧城街道')?.figure).toBe('覆盖 1/3（33.33%）');
  });

  it('records are withdrawn, not deleted; a village needs its 镇街; a bank outside the region is refused', () => {
    villages();
    const r = addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '大兴村', institution: 'BS-CQRCB', asOf: '2022-10-01', source: '清单' });
    expect(() => addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '大兴村', institution: 'BS-CQRCB', asOf: '2022-11-01', source: '清单' })).toThrow(/已记录/);
    removeCoverage(db, r.id);
    expect(listCoverage(db, 'bishan', 'villages')).toEqual([]);
    expect(coverageStatus(db, 'bishan', 'villages', '2022-12-31').covered).toBe(0);
    expect(listAudit(db).some((a) => a.action === 'coverage.remove')).toBe(true);
    expect(() => addCoverage(db, { region: 'bishan', kind: 'villages', name: '某村', asOf: '2022-10-01', source: '清单' })).toThrow(/行政村应写明所在镇街/);
    expect(() => addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '某村', institution: 'AK-ABC', asOf: '2022-10-01', source: '清单' })).toThrow(/不属于璧山区/);
  });
});

describe('importing a coverage list', () => {
  const tmp = tempDbPath();
  it('reads 镇街, 行政村, 机构 and 日期 from an .xlsx; one bad cell rejects the sheet, naming it', async () => {
    villages();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('覆盖名单');
    ws.addRow(['璧山区普惠金融到村覆盖名单']);
    ws.addRow(['镇街', '行政村', '覆盖机构', '建站日期']);
    ws.addRow(['大兴镇', '大兴村', '农商行璧山支行', '2022-06-30']);
    ws.addRow(['大兴镇', '大兴村', '邮储银行璧山支行', '2022-07-15']);
    ws.addRow(['河边镇', '白云村', '农行璧山支行', '2022-08-01']);
    const file = join(tmp.dir, '覆盖名单.xlsx');
    await wb.xlsx.writeFile(file);
    const r = importCoverage(db, file, { region: 'bishan', kind: 'villages' });
    expect(r).toMatchObject({ sheet: '覆盖名单', added: 3, kept: 0 });
    expect(coverageStatus(db, 'bishan', 'villages', '2022-12-31')).toMatchObject({ covered: 2, records: 3 });
    // importing it again adds nothing
    expect(importCoverage(db, file, { region: 'bishan', kind: 'villages' })).toMatchObject({ added: 0, kept: 3 });
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, '镇街,行政村,机构,日期\n大兴镇,石堰村,农商行璧山支行,2022-06-30\n某某镇,X村,农商行璧山支行,2022-06-30\n');
    try {
      importCoverage(db, bad, { region: 'bishan', kind: 'villages' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('A3');
      expect((e as Error).message).toContain('「某某镇」不是璧山区的镇街');
    }
    // nothing of the bad sheet was stored
    expect(listCoverage(db, 'bishan', 'villages').map((c) => c.name).sort()).toEqual(['大兴村', '大兴村', '白云村'].sort());
  });

  it('coverage CLI: a fact, a record, the status as JSON', async () => {
    const path = join(tmp.dir, 'cli.sqlite');
    openDatabase(path).close();
    expect((await cli(['coverage', '--db', path, '--fact', 'villages', '--unit', '大兴镇', '--value', '4', '--as-of', '2022-01-01', '--source', SRC])).code).toBe(0);
    expect((await cli(['coverage', '--db', path, '--add', '大兴村', '--unit', '大兴镇', '--institution', '农商行璧山支行', '--as-of', '2022-06-30', '--source', '清单'])).code).toBe(0);
    const r = await cli(['coverage', '--db', path, '--date', '2022-12-31', '--json']);
    const s = JSON.parse(r.out) as CoverageStatus;
    expect(s.units.find((u) => u.unitName === '大兴镇')).toMatchObject({ total: 4, covered: 1, rate: 0.25 });
    tmp.cleanup();
  });
});
