/**
 * 退回重报: a refused file and a report accepted with a 提示 each become a 退回通知
 * (.docx and .xlsx, read back): bank, quarter, the file received (name, date, SHA-256
 * prefix), every problem with sheet!cell, what was typed, what is expected, the 说明 given,
 * and the 重报 deadline in working days of the working calendar. 报送情况 then shows 已退回,
 * and 已重报 once the corrected file is in; the chase list exports as a 催报通知.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { freshDb, tempDir, writeReport } from '../import/fixtures';
import { createHandlers } from '../../src/services/api/handlers';
import { must } from '../helpers/result';
import { readZip } from '../charts/zip';
import { expectOfficeFonts, readDocx } from '../helpers/docx';
import { officeRenderer, renderDocx } from '../helpers/render';
import { cellLabel, chaseList, statusRows } from '../../src/domain/present/status';
import { workingDaysAfter } from '../../src/domain/returns/notice';
import { workCalendar } from '../../src/domain/calendar';
import { parseIsoDate, formatDate } from '../../src/domain/quarter';
import type { DB } from '../../src/services/db/database';
import type { HandlerTable } from '../../src/api/contract';

let db: DB;
let dbPath: string;
let dir: string;
let h: HandlerTable;

function docxText(path: string): string {
  const xml = readZip(readFileSync(path)).find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
  return xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

beforeAll(() => {
  dir = tempDir('rfm-returns-');
  ({ db, dbPath } = freshDb(dir));
  h = createHandlers({ db, dbPath });
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('working days', () => {
  it('counts past weekends and holidays: 3 working days after 2025-09-30 is 2025-10-13 (国庆 and 中秋 off, 10-11 worked)', () => {
    const cal = workCalendar([
      ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((date) => ({ date, kind: 'holiday' as const, name: '国庆节、中秋节' })),
      { date: '2025-10-11', kind: 'workday' as const, name: '调休上班' },
    ]);
    const d = parseIsoDate('2025-09-30');
    if (!d) throw new Error('date');
    expect(formatDate(workingDaysAfter(d, 1, cal))).toBe('2025-10-09');
    expect(formatDate(workingDaysAfter(d, 3, cal))).toBe('2025-10-11');
    expect(formatDate(workingDaysAfter(d, 4, cal))).toBe('2025-10-13');
  });
});

describe('退回通知', () => {
  it('from a refused file: every problem with its cell, what was typed and what is expected; .docx and .xlsx agree', async () => {
    const bad = writeReport(db, { institution: 'AK-ABC', quarter: '2025Q4', cells: { loans_total_bal: '十万', farmer_loans_bal: -5 } }, join(dir, 'in', '农行安康分行2025年四季度.xlsx'));
    const r = must(await h['import.files']({ paths: [bad], receivedDate: '2026-01-06' }, {}));
    expect(r.files[0]?.status).toBe('rejected');
    const sha = r.files[0]?.sha256 ?? '';
    const list = must(await h['returns.list']({ region: 'ankang', quarter: '2025Q4' }, {}));
    expect(list).toHaveLength(1);
    const c = list[0];
    expect(c).toMatchObject({ source: { kind: 'rejected' }, institution: 'AK-ABC', quarter: '2025Q4', fileName: '农行安康分行2025年四季度.xlsx', receivedDate: '2026-01-06', sha256: sha, notice: null });
    const out = join(dir, 'out', '退回通知_中国农业银行安康分行_2025年第四季度.docx');
    const made = must(await h['returns.notice']({ source: c?.source ?? { kind: 'rejected', id: 0 }, out }, {}));
    const n = made.notice;
    // The tests' clock: 2026-03-02 (a Monday); 3 working days on is Thursday 03-05.
    expect(n).toMatchObject({ number: '安康退〔2026〕1号', date: '2026-03-02', deadline: '2026-03-05', institutionName: '中国农业银行安康分行', quarterLabel: '2025年第四季度', shaPrefix: sha.slice(0, 12), issuer: '中国人民银行安康市分行' });
    const typed = n.problems.find((p) => p.typed === '十万');
    expect(typed).toMatchObject({ level: '错误', item: '各项贷款余额', sheet: '信贷总量' });
    expect(typed?.expected).toMatch(/^必填，数值（万元/);
    expect(n.problems.some((p) => p.typed === '-5' && /不小于 0/.test(p.expected ?? ''))).toBe(true);
    const text = docxText(made.path);
    expectOfficeFonts(readDocx(made.path));
    for (const s of [
      '中国人民银行安康市分行',
      '安康退〔2026〕1号',
      '关于退回中国农业银行安康分行2025年第四季度金融支持乡村振兴工作情况报表的通知',
      '中国农业银行安康分行：',
      '你单位于2026年1月6日报送的2025年第四季度金融支持乡村振兴工作情况报表（文件名：农行安康分行2025年四季度.xlsx，SHA-256 前12位：' + sha.slice(0, 12) + '）',
      '于2026年3月5日（星期四）前重新报送（自通知之日起 3 个工作日（按节假日安排计算））',
      `${typed?.sheet}!${typed?.cell}`,
      '十万',
      '2026年3月2日',
    ])
      expect(text).toContain(s);
    // The same notice again (as .xlsx): same number and deadline, no second notice
    const xlsx = join(dir, 'out', '退回通知_中国农业银行安康分行_2025年第四季度.xlsx');
    const again = must(await h['returns.notice']({ source: c?.source ?? { kind: 'rejected', id: 0 }, out: xlsx }, {}));
    expect(again.notice.number).toBe('安康退〔2026〕1号');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cells = wb.getWorksheet('退回通知')?.getSheetValues().flat().filter((v): v is string => typeof v === 'string') ?? [];
    expect(cells[0]).toBe('关于退回中国农业银行安康分行2025年第四季度金融支持乡村振兴工作情况报表的通知（安康退〔2026〕1号）');
    expect(cells).toContain('十万');
    expect(cells).toContain(`${typed?.sheet}!${typed?.cell}`);
    expect((db.prepare(`SELECT count(*) AS n FROM return_notices`).get() as { n: number }).n).toBe(1);
    expect((db.prepare(`SELECT action FROM audit_log WHERE action = 'return.notice'`).all() as unknown[]).length).toBe(1);

    // 报送情况: 已退回, on the chase list with the 重报 deadline; then the corrected file → 已重报
    const m = must(await h['status.matrix']({ quarter: '2025Q4', region: 'ankang' }, {}));
    const cell = m.cells.find((x) => x.institution === 'AK-ABC');
    expect(cell?.returned).toEqual({ number: '安康退〔2026〕1号', date: '2026-03-02', deadline: '2026-03-05', resubmitted: null });
    expect(cellLabel(cell)).toBe('已退回 03-02');
    const chase = chaseList(statusRows(m.institutions, m.cells), '2025Q4', { y: 2026, m: 3, d: 2 }, m.deadlines[0]?.deadline ?? null);
    expect(chase.find((i) => i.code === 'AK-ABC')).toMatchObject({ state: '已退回', deadline: '2026-03-05' });
    const good = writeReport(db, { institution: 'AK-ABC', quarter: '2025Q4' }, join(dir, 'in', '农行安康分行2025年四季度_重报.xlsx'));
    expect(must(await h['import.files']({ paths: [good], receivedDate: '2026-03-02', confirmAll: true }, {})).files[0]?.status).toBe('accepted');
    const after = must(await h['status.matrix']({ quarter: '2025Q4', region: 'ankang' }, {})).cells.find((x) => x.institution === 'AK-ABC');
    expect(after?.returned?.resubmitted).toBe('2026-03-02');
    expect(cellLabel(after)).toBe('已重报 03-02');
  });

  it('from a report accepted with a 提示: the rule, the stored figure and the 说明 accepted for it', async () => {
    const file = writeReport(db, { institution: 'AK-CCB', quarter: '2025Q4', cells: { RV_chain_bal__selenium_tea: 70000 } }, join(dir, 'in', '建行2025Q4.xlsx'));
    const check = must(await h['import.files']({ paths: [file], receivedDate: '2026-01-05', dryRun: true }, {}));
    const f = check.files[0];
    expect(f?.status).toBe('held');
    const acks = Object.fromEntries((f?.undecided ?? []).map((k) => [k, '富硒茶产业链含城区加工企业贷款，已核实']));
    expect(must(await h['import.files']({ paths: [file], receivedDate: '2026-01-05', acks: { [f?.sha256 ?? '']: acks }, confirmAll: true }, {})).files[0]?.status).toBe('accepted');
    const c = must(await h['returns.list']({ region: 'ankang' }, {})).find((x) => x.source.kind === 'submission' && x.institution === 'AK-CCB');
    expect(c).toBeTruthy();
    const made = must(await h['returns.notice']({ source: c?.source ?? { kind: 'submission', id: 0 }, out: join(dir, 'out', '退回通知_建行.docx'), workingDays: 5 }, {}));
    expect(made.notice.number).toBe('安康退〔2026〕2号');
    expect(made.notice.deadline).toBe('2026-03-09');
    const hint = made.notice.problems.find((p) => p.expected?.includes('各产业链贷款余额之和 ≤ 涉农贷款余额'));
    expect(hint).toMatchObject({ level: '提示', explanation: '富硒茶产业链含城区加工企业贷款，已核实' });
    const text = docxText(made.path);
    expect(text).toContain('富硒茶产业链含城区加工企业贷款，已核实');
    expect(text).toContain('应满足：各产业链贷款余额之和 ≤ 涉农贷款余额');
  });

  it('the chase list as a 催报通知; a notice of a file without a bank or quarter is refused in Chinese', async () => {
    const out = join(dir, 'out', '催报通知_安康市_2025年第四季度.docx');
    const r = must(await h['status.chaseNotice']({ region: 'ankang', quarter: '2025Q4', out }, {}));
    expect(r.items).toBeGreaterThan(5);
    const text = docxText(out);
    expectOfficeFonts(readDocx(out));
    expect(text).toContain('关于催报2025年第四季度金融支持乡村振兴工作情况报表的通知');
    expect(text).toContain('各有关金融机构：');
    expect(text).toContain('中国工商银行安康分行');
    expect(text).toContain('尚未报送');
    expect(text).toContain('安康催〔2025〕4号');
    // 农行's corrected file came after the deadline: 逾期, no longer 已退回
    expect(text).toMatch(/中国农业银行安康分行\n逾期报送/);
    const r2 = await h['returns.notice']({ source: { kind: 'rejected', id: 999 }, out: join(dir, 'out', 'x.docx') }, {});
    expect(r2.ok ? '' : r2.error.message).toBe('拒收文件记录 999不存在，无法生成退回通知。');
  });

  const missing = officeRenderer();
  it.skipIf(missing !== null)(`the 退回通知 prints through LibreOffice on A4 in Chinese, its table header repeated on the next page ${missing ?? ''}`, async () => {
    const c = must(await h['returns.list']({ region: 'ankang', quarter: '2025Q4' }, {})).find((x) => x.source.kind === 'rejected');
    const out = join(dir, 'print', '退回通知.docx');
    const made = must(await h['returns.notice']({ source: c?.source ?? { kind: 'rejected', id: 0 }, out }, {}));
    const pages = renderDocx(made.path, join(dir, 'print'));
    // The head (标志, 文号, a two-line 标题, 主送, seven lines of 正文) fills about 60% of the 版心 and the sign-off
    // (经办人, 落款, 成文日期) about 20%; each problem is a table row of three or four lines of 小五 (about 8%): three
    // problems go to two pages, the third row and the sign-off on the second.
    expect(made.notice.problems).toHaveLength(3);
    expect(pages).toHaveLength(2);
    const text = pages.map((p) => p.text.replace(/\s+/g, ''));
    for (const s of ['中国人民银行安康市分行', '安康退〔2026〕1号', '退回中国农业银行安康分行', '信贷总量', '十万', '—1—']) expect(text[0]).toContain(s);
    for (const s of ['2026年3月2日', '—2—']) expect(text[1]).toContain(s);
    // The header row repeats where the table goes on.
    for (const t of text) expect(t).toContain('问题及填报要求');
    expect(pages[0]?.blank).toBeLessThan(0.3);
  }, 300_000);
});
