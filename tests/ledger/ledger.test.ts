import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DB } from '../../src/services/db/database';
import { listAudit } from '../../src/services/db/audit';
import { addLedgerAttachment, exportLedger, ledgerDocuments, listLedger, removeLedgerAttachment, setLedgerEntry } from '../../src/services/ledger';
import { insertReport, memoryDb, tempDbPath } from '../helpers/reports';
import { cli } from '../helpers/cli';
import { openDatabase } from '../../src/services/db/database';
import { readZip } from '../charts/zip';
import { expectOfficeFonts, readDocx } from '../helpers/docx';
import type { LedgerListing } from '../../src/api/ledger-types';

/**
 * The seed's text with its page layout undone (each line trimmed, lines joined). The two
 * policy documents are kept beside this test (copies of ../shared/seeds), so it runs anywhere.
 */
function seedText(file: string): string {
  return readFileSync(join(import.meta.dirname, 'seeds', file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .join('');
}

let db: DB;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

describe('the measures as shipped', () => {
  it('安康 17 and 璧山 29, numbered and worded as the documents write them', () => {
    const [ak, bs] = ['ankang', 'bishan'].map((r) => ledgerDocuments().find((d) => d.region === r)!);
    expect(ak?.measures.map((m) => m.no)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(bs?.measures.map((m) => m.label).slice(0, 3)).toEqual(['（一）', '（二）', '（三）']);
    expect(bs?.measures).toHaveLength(29);
    expect(bs?.measures[28]?.label).toBe('（二十九）');
    const akText = seedText('000_b4d626b8c312f837.txt');
    const bsText = seedText('003_d364193b1703309e.txt');
    for (const m of ak?.measures ?? []) expect(akText).toContain(`${m.no}.${m.text}`);
    for (const m of bs?.measures ?? []) {
      expect(bsText).toContain(`${m.label}${m.text}（责任单位：`);
      expect(bsText).toContain(`${m.text}（责任单位：${m.responsible.slice(0, 2).join('、')}`);
    }
    // 23 of 璧山's 29 include the PBOC branch; (五)(十七)(十九)(二十) name 各镇街
    expect(bs?.measures.filter((m) => m.responsible.includes('人行江津中心支行'))).toHaveLength(23);
    expect(bs?.measures.filter((m) => m.responsible.includes('各镇街')).map((m) => m.label)).toEqual(['（五）', '（十七）', '（十九）', '（二十）']);
    expect(bs?.measures.find((m) => m.no === 2)?.responsible).toEqual(['农发行璧山支行', '区生态环境局', '区水利局', '区农业农村委', '区林业局', '区供销社', '区金融发展促进中心']);
  });
});

describe('the ledger for a year', () => {
  it('starts every measure 未启动, records status, notes and attachments by name, each change audited', () => {
    let l = listLedger(db, { region: 'bishan', year: 2025 });
    expect(l.rows).toHaveLength(29);
    expect(l.counts).toEqual({ 未启动: 29, 推进中: 0, 已完成: 0, 不适用: 0 });
    setLedgerEntry(db, { measure: 'bs-17', year: 2025, status: '推进中', notes: '已制定「1+2+N」工作方案' });
    setLedgerEntry(db, { measure: 'bs-17', year: 2025, status: '已完成' });
    const id = addLedgerAttachment(db, { measure: 'bs-17', year: 2025, name: '璧山区1+2+N普惠金融工作方案.docx', note: '区政府办印发' });
    addLedgerAttachment(db, { measure: 'bs-17', year: 2025, name: '站点验收清单.xlsx' });
    removeLedgerAttachment(db, id);
    l = listLedger(db, { region: 'bishan', year: 2025 });
    const row = l.rows.find((r) => r.id === 'bs-17')!;
    // the notes stay when only the status changes
    expect(row.entry).toMatchObject({ status: '已完成', notes: '已制定「1+2+N」工作方案' });
    expect(row.entry.attachments.map((a) => a.name)).toEqual(['站点验收清单.xlsx']);
    expect(l.counts).toMatchObject({ 未启动: 28, 已完成: 1 });
    // another year is its own record
    expect(listLedger(db, { region: 'bishan', year: 2024 }).rows.find((r) => r.id === 'bs-17')?.entry.status).toBe('未启动');
    const log = listAudit(db)
      .filter((a) => a.action.startsWith('ledger.'))
      .sort((a, b) => a.id - b.id);
    expect(log.map((a) => a.action)).toEqual(['ledger.set', 'ledger.set', 'ledger.attach', 'ledger.attach', 'ledger.detach']);
    expect(log[1]?.detail).toMatchObject({ before: { status: '推进中', notes: '已制定「1+2+N」工作方案' }, after: { status: '已完成' } });
    expect(() => setLedgerEntry(db, { measure: 'bs-17', year: 2025, status: '完成了' })).toThrow(/状态「完成了」无效/);
    expect(() => setLedgerEntry(db, { measure: 'bs-30', year: 2025, status: '已完成' })).toThrow(/没有措施「bs-30」/);
  });

  it('measures naming 各镇街 are tracked per 镇街; the others refuse a 镇街', () => {
    setLedgerEntry(db, { measure: 'bs-19', year: 2025, unit: '璧城街道', status: '已完成', notes: '辖区新型主体建档完毕' });
    setLedgerEntry(db, { measure: 'bs-19', year: 2025, unit: 'BS07', status: '推进中' });
    const row = listLedger(db, { region: 'bishan', year: 2025 }).rows.find((r) => r.id === 'bs-19')!;
    expect(row.perTown).toBe(true);
    expect(row.towns).toHaveLength(15);
    expect(row.towns.find((t) => t.unitName === '璧城街道')).toMatchObject({ status: '已完成', notes: '辖区新型主体建档完毕' });
    expect(row.towns.find((t) => t.unit === 'BS07')).toMatchObject({ unitName: '河边镇', status: '推进中' });
    // the measure's own status is separate from its 镇街'
    expect(row.entry.status).toBe('未启动');
    expect(() => setLedgerEntry(db, { measure: 'bs-02', year: 2025, unit: '璧城街道', status: '已完成' })).toThrow(/不按镇街记录/);
    expect(() => setLedgerEntry(db, { measure: 'bs-19', year: 2025, unit: '汉滨区', status: '已完成' })).toThrow(/不是本地区的镇街/);
  });

  it('filters by 责任单位 and by status', () => {
    setLedgerEntry(db, { measure: 'bs-26', year: 2025, status: '推进中' });
    const pboc = listLedger(db, { region: 'bishan', year: 2025, responsible: '人行江津中心支行' });
    expect(pboc.rows).toHaveLength(23);
    expect(pboc.responsibleUnits).toContain('区金融发展促进中心');
    expect(listLedger(db, { region: 'bishan', year: 2025, responsible: '人行江津中心支行', status: '推进中' }).rows.map((r) => r.id)).toEqual(['bs-26']);
    expect(listLedger(db, { region: 'bishan', year: 2025, responsible: '区税务局' }).rows.map((r) => r.label)).toEqual(['（二十八）']);
    expect(() => listLedger(db, { region: 'bishan', year: 2025, responsible: '某某局' })).toThrow(/不是璧山区任务台账中的责任单位/);
    // 安康's plan names no 责任单位
    expect(listLedger(db, { region: 'ankang', year: 2025 }).responsibleUnits).toEqual([]);
  });

  it('measures with a figure show it live: the sum of the banks’ reports, and the target judged', () => {
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { pov_bal: 1200, pov_ytd: 300, keyarea_bal: { grain: 5000 } } });
    insertReport(db, { institution: 'AK-HBRCB', quarter: '2025Q3', values: { pov_bal: 800.5, keyarea_bal: { grain: 2500 } } });
    const l = listLedger(db, { region: 'ankang', year: 2025 });
    expect(l.quarter).toBe('2025Q3');
    const pov = l.rows.find((r) => r.id === 'ak-04')!.evidence.find((e) => e.id === 'pov_bal')!;
    // 1,200 + 800.5 = 2,000.5 万元
    expect(pov).toMatchObject({ label: '脱贫人口小额信贷余额', value: 2000.5, display: '2,000.50 万元', ref: { kind: 'indicator', region: 'ankang', quarter: '2025Q3', indicator: 'pov_bal' } });
    const grain = l.rows.find((r) => r.id === 'ak-01')!.evidence[0]!;
    expect(grain).toMatchObject({ label: '粮食和重要农产品贷款余额', value: 7500 });
    // a new report shows at once
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { pov_bal: 1300, keyarea_bal: { grain: 5000 } } });
    expect(listLedger(db, { region: 'ankang', year: 2025 }).rows.find((r) => r.id === 'ak-04')?.evidence.find((e) => e.id === 'pov_bal')?.value).toBe(2100.5);
    // a measure evidenced by a target: its state and figures
    insertReport(db, { institution: 'BS-PSBC', quarter: '2025Q2', values: { agri_loans_bal: 170000 } });
    const psbc = listLedger(db, { region: 'bishan', year: 2025 }).rows.find((r) => r.id === 'bs-03')!.evidence.find((e) => e.kind === 'target')!;
    expect(psbc).toMatchObject({ status: '已达成', ref: { kind: 'target', target: 'bs-psbc-16yi' } });
    expect(psbc.display).toContain('已达成');
    // a year with no reports says so, never 0
    expect(listLedger(db, { region: 'ankang', year: 2023 }).rows.find((r) => r.id === 'ak-04')?.evidence[0]?.display).toBe('无数据（本年度尚无报表）');
  });
});

describe('exports and the command line', () => {
  it('writes the filtered ledger to .xlsx and to a Word table', async () => {
    const tmp = tempDbPath();
    setLedgerEntry(db, { measure: 'bs-17', year: 2025, status: '已完成', notes: '全区行政村站点建成' });
    setLedgerEntry(db, { measure: 'bs-17', year: 2025, unit: '璧城街道', status: '已完成' });
    const l: LedgerListing = listLedger(db, { region: 'bishan', year: 2025, responsible: '人行江津中心支行' });
    const xlsx = await exportLedger(join(tmp.dir, '璧山区任务台账_2025年.xlsx'), l, { filters: '责任单位：人行江津中心支行', format: 'xlsx', issuer: '中国人民银行江津中心支行（璧山区）' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('任务台账')!;
    expect(ws.getCell('A1').value).toBe('璧山区金融支持乡村振兴任务台账（2025年）');
    expect(ws.getCell('A3').value).toBe('编号');
    const values = ws.getSheetValues().flat().filter((v): v is string => typeof v === 'string');
    expect(values).toContain('推动“1＋2＋N”普惠金融到村');
    expect(values.some((v) => v.includes('全区行政村站点建成') && v.includes('璧城街道已完成'))).toBe(true);
    expect(values.filter((v) => v === '未启动')).toHaveLength(22);
    const docx = await exportLedger(join(tmp.dir, '璧山区任务台账_2025年.docx'), l, { filters: '责任单位：人行江津中心支行', format: 'docx', issuer: '中国人民银行江津中心支行（璧山区）' });
    const xml = readZip(readFileSync(docx)).find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml).toContain('璧山区金融支持乡村振兴任务台账');
    expect(xml).toContain('（十七）');
    expect(xml).toContain('全区行政村站点建成');
    // 23 measures + the header row
    expect(xml.match(/<w:tr>|<w:tr /g)?.length).toBe(24);
    // The same 公文 faces and font table as the draft and the notices (exports/wordStyle.ts).
    expectOfficeFonts(readDocx(docx));
    // Seven columns of words print across the page, as the .xlsx does.
    expect(xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
    tmp.cleanup();
  });

  it('ledger --measure (status, notes, --attach) and the listing as JSON', async () => {
    const tmp = tempDbPath();
    openDatabase(tmp.path).close();
    expect((await cli(['ledger', '--db', tmp.path, '--measure', 'bs-05', '--year', '2025', '--status', '推进中', '--notes', '再贷款＋脱贫人口小额信贷已落地'])).code).toBe(0);
    expect((await cli(['ledger', '--db', tmp.path, '--measure', 'bs-05', '--year', '2025', '--attach', '再贷款台账.xlsx'])).out).toContain('再贷款台账.xlsx');
    const r = await cli(['ledger', '--db', tmp.path, '--year', '2025', '--region', 'bishan', '--status', '推进中', '--json']);
    expect(r.code).toBe(0);
    const l = JSON.parse(r.out) as LedgerListing;
    expect(l.rows.map((x) => [x.id, x.entry.status, x.entry.notes, x.entry.attachments.map((a) => a.name)])).toEqual([['bs-05', '推进中', '再贷款＋脱贫人口小额信贷已落地', ['再贷款台账.xlsx']]]);
    const bad = await cli(['ledger', '--db', tmp.path, '--year', '2025', '--status', '完成']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--status 应为 未启动、推进中、已完成、不适用 之一');
    const out = join(tmp.dir, '台账.docx');
    expect((await cli(['ledger', '--db', tmp.path, '--year', '2025', '--region', 'bishan', '--out', out])).out).toContain('已导出 29 项措施');
    tmp.cleanup();
  });
});
