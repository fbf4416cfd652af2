import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { progressParagraphs, progressTable } from '../../src/services/progress';
import { evaluateTargets } from '../../src/services/targets';
import type { DB } from '../../src/services/db/database';
import type { Progress } from '../../src/api/types';
import { memoryDb } from '../helpers/reports';
import { fillChartFixture } from './fixture';
import { chartsHandlers } from '../../src/services/api/charts';
import { wrapAll } from '../../src/services/api/wrap';
import type { PackResult } from '../../src/api/charts-types';
import { pngSize, readZip } from './zip';
import { formatNumber } from '../../src/domain/charts/format';
import { expectOfficeFonts, paragraphText, paragraphs, readDocx } from '../helpers/docx';
import { contentsPages, officeRenderer, plannedPages, renderDocx } from '../helpers/render';
import { PAGE_MM, TEXT_HEIGHT_MM, TEXT_WIDTH_MM } from '../../src/services/exports/wordStyle';

let db: DB;
let dir: string;
let pack: PackResult;
const progress: Progress[] = [];

beforeAll(async () => {
  db = memoryDb();
  fillChartFixture(db);
  dir = mkdtempSync(join(tmpdir(), 'rfm-pack-'));
  // Low dpi keeps the test quick; the size arithmetic is the same at 300 dpi.
  const r = await wrapAll(chartsHandlers({ db, dbPath: ':memory:' }))['charts.pack'](
    { quarter: '2025Q3', out: dir, region: 'ankang', dpi: 96, date: '2025-10-10' },
    { onProgress: (p) => progress.push(p) },
  );
  if (!r.ok) throw new Error(r.error.message);
  pack = r.value;
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report pack', () => {
  it('writes every chart as PNG and SVG at the requested size, reporting progress', () => {
    // 7 chains × 4 charts, + chain.counties for the 6 chains that are some county's 首位产业 (石泉's is 富硒食品（预制菜）),
    // + 5 region charts + county progress + 2 assessment charts (2024 is complete).
    expect(pack.charts.length).toBe(42);
    const files = readdirSync(join(dir, '图表', '安康市'));
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(pack.charts.length);
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(pack.charts.length);
    expect(files).toContain('01_安康市_2025年第三季度_富硒茶产业链贷款余额与当年累放.png');
    for (const c of pack.charts.slice(0, 5)) expect(pngSize(readFileSync(c.png)).width).toBe(586); // 15.5 cm at 96 dpi
    expect(progress.at(-1)).toMatchObject({ stage: '生成报告', done: pack.charts.length + 2, total: pack.charts.length + 2 });
    expect(progress.filter((p) => p.stage === '绘制图表')).toHaveLength(pack.charts.length);
  });

  it('writes a valid .docx with the title, Word tables and every chart as an image', () => {
    const entries = readZip(readFileSync(pack.report));
    const names = entries.map((e) => e.name);
    expect(names).toContain('[Content_Types].xml');
    expect(names).toContain('word/document.xml');
    const media = names.filter((n) => n.startsWith('word/media/'));
    const inReport = pack.charts.filter((c) => !['chain.counties', 'chain.share', 'chain.growth'].includes(c.id));
    expect(media).toHaveLength(inReport.length);
    const xml = entries.find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain('安康市金融支持乡村振兴情况报告');
    expect(xml).toContain('（2025年第三季度）');
    expect(xml).toContain('制表日期：2025年10月10日');
    // Chain table, institution table, county table, progress table, assessment summary (the targets tracker is in words).
    expect(xml.match(/<w:tbl>/g)?.length).toBe(5);
    expect(xml).toContain('时序进度');
    expect(xml).toContain('富硒茶');
    // 金融兴产强县 in words: the 合计 of the counties with a target on 当年累放, who is behind, and the rule
    const progress = progressTable(db, { region: 'ankang', year: 2025, quarter: '2025Q3' });
    const words = progressParagraphs(progress);
    expect(words).toHaveLength(1);
    expect(words[0]).toContain('按首位产业贷款当年累计发放口径设有年度目标的9个县（市）合计完成');
    expect(words[0]).toContain('完成率 = 当年累计发放 ÷ 年度目标');
    expect(xml).toContain(words[0]);
    // the table's own note says how it is computed, and that 汉滨区 is not in it
    expect(xml).toContain('汉滨区不列入本表');
    expect(xml).toContain('单位：万元');
    // The overview sentence states the stored 涉农贷款余额 in 亿元 (it is above 10亿元).
    const agri = db
      .prepare(`SELECT SUM(cv.num) AS s FROM current_values cv JOIN institutions i ON i.code = cv.institution WHERE i.region = 'ankang' AND cv.quarter = '2025Q3' AND cv.field_key = 'agri_loans_bal'`)
      .get() as { s: number };
    expect(xml).toContain(`涉农贷款余额${formatNumber(agri.s / 1_000_000 / 10_000, 2)}亿元`);
  });

  it('reports the policy targets as 目标跟踪 judges them for the quarter: a tally, each target behind with its figures, the tracker table', () => {
    const xml = readDocx(pack.report).document;
    const text = paragraphs(xml).map(paragraphText);
    const targets = evaluateTargets(db, { region: 'ankang', quarter: '2025Q3' });
    expect(targets.length).toBeGreaterThan(0);
    expect(text.some((t) => /^[一二三四五六七八九十]+、政策目标完成情况$/.test(t))).toBe(true);
    const count = (w: string): number => targets.filter((t) => t.status === w).length;
    const tally = text.find((t) => t.startsWith('安康市实施方案等政策文件中可用报送数据跟踪的目标共'));
    expect(tally).toBe(
      `安康市实施方案等政策文件中可用报送数据跟踪的目标共${targets.length}项，截至2025年第三季度末：${['已达成', '进度正常', '落后', '无数据'].filter((w) => count(w) > 0).map((w) => `${w}${count(w)}项`).join('，')}。`,
    );
    const behind = targets.filter((t) => t.status === '落后');
    if (behind.length > 0) {
      const line = text.find((t) => t.startsWith('落后的目标：')) ?? '';
      for (const t of behind) expect(line).toContain(`${t.indicatorLabel}（${t.goalText}，${t.byLabel}）：${t.figures}`);
    }
    // The tracker itself is in the workbook, named by region, one row per target; the draft says where.
    expect(text).toContain('逐项目标原文、考核标准和数据情况见报告数据表「安康市目标跟踪」。');
  });

  it('writes the tables as numbers with formats', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(pack.tables);
    const tracker = wb.getWorksheet('安康市目标跟踪');
    const targets = evaluateTargets(db, { region: 'ankang', quarter: '2025Q3' });
    const clauses: string[] = [];
    tracker?.eachRow((r) => clauses.push(String(r.getCell(2).value ?? '')));
    for (const t of targets) expect(clauses).toContain(t.clause);
    const ws = wb.getWorksheet('安康市产业链');
    if (!ws) throw new Error('sheet 安康市产业链 missing');
    expect(String(ws.getCell('A1').value)).toBe('安康市重点产业链贷款情况表');
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === '富硒茶') row = n;
    });
    const balance = ws.getRow(row).getCell(2);
    const stored = db
      .prepare(
        `SELECT SUM(cv.num) AS s FROM current_values cv JOIN institutions i ON i.code = cv.institution WHERE i.region = 'ankang' AND cv.quarter = '2025Q3' AND cv.field_key = 'chain_bal' AND cv.member = 'selenium_tea'`,
      )
      .get() as { s: number };
    expect(balance.value).toBe(Math.round(stored.s / 10_000) / 100);
    expect(balance.numFmt).toBe('#,##0.00');
    expect(typeof ws.getRow(row).getCell(5).value).toBe('number');
    expect(ws.getRow(row).getCell(5).numFmt).toBe('0.0%');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['安康市产业链', '安康市分机构', '安康市分县', '进度表', '安康市目标跟踪', '安康市考核结果汇总', '安康市评分明细']);
  });
});

describe('the Word draft as it prints', () => {
  const EMU_PER_MM = 36_000;

  it('names the 公文 faces with Times New Roman for Latin in every run, with a font table for substitution', () => {
    expect(expectOfficeFonts(readDocx(pack.report))).toBeGreaterThan(100);
  });

  it('prints each figure at most half a page tall and the text width wide, its numbered caption kept with it', () => {
    const ps = paragraphs(readDocx(pack.report).document);
    const pictures = ps.map((p, i) => ({ p, i })).filter(({ p }) => p.includes('<w:drawing>'));
    expect(pictures.length).toBe(readDocx(pack.report).media.length);
    pictures.forEach(({ p, i }, n) => {
      expect(p).toContain('<w:keepNext/>');
      expect(p).toContain('<w:keepLines/>');
      const caption = paragraphText(ps[i + 1] ?? '');
      expect(caption).toMatch(new RegExp(`^图${n + 1}　\\S`));
      const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(p) ?? [];
      expect(Number(cx)).toBeLessThanOrEqual(TEXT_WIDTH_MM * EMU_PER_MM);
      // Two figures with their captions share a page.
      expect(Number(cy)).toBeLessThan((TEXT_HEIGHT_MM / 2) * EMU_PER_MM);
      expect(Number(cy)).toBeGreaterThan(0.3 * (TEXT_HEIGHT_MM / 2) * EMU_PER_MM);
    });
  });

  it('opens with a table of contents: a TOC field over the heading styles, each entry linked to its heading with a page number', () => {
    const d = readDocx(pack.report);
    expect(d.document).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(d.document).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-[12]&quot;<\/w:instrText>/);
    expect(d.settings).toMatch(/<w:updateFields( w:val="true")?\/>/);
    const ps = paragraphs(d.document);
    const entries = ps.filter((p) => /<w:pStyle w:val="TOC[12]"\/>/.test(p));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    let lastPage = 0;
    for (const e of entries) {
      const anchor = /w:anchor="([^"]+)"/.exec(e)?.[1] ?? '';
      const heading = ps.find((p) => p.includes(`w:name="${anchor}"`)) ?? '';
      expect(heading, `heading of ${anchor}`).toMatch(/<w:pStyle w:val="Heading[12]"\/>/);
      const [, title, page] = /^(.*?)(\d+)$/.exec(paragraphText(e)) ?? [];
      expect(title).toBe(paragraphText(heading));
      expect(Number(page)).toBeGreaterThanOrEqual(lastPage);
      lastPage = Number(page);
    }
  });

  it('keeps the header row of each table on every page and its rows whole', () => {
    const tables = readDocx(pack.report).document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables.length).toBe(5);
    for (const t of tables) {
      const rows = t.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
      expect(rows[0]).toContain('<w:tblHeader/>');
      for (const r of rows) expect(r).toContain('<w:cantSplit/>');
    }
  });

  const missing = officeRenderer();
  it.skipIf(missing !== null)(`prints through LibreOffice with every page full, each heading on the page its contents entry says ${missing ?? ''}`, () => {
    const pages = renderDocx(pack.report, join(dir, 'rendered'));
    // The layout the figures were planned with is LibreOffice's: the same number of pages.
    expect(pages.length).toBe(plannedPages(pack.report));
    // Each heading where the contents put it (the first page holds the contents themselves).
    const toc = contentsPages(pack.report, pages);
    expect(toc.length).toBeGreaterThanOrEqual(4);
    expect(toc.filter((e) => e.printed !== e.listed)).toEqual([]);
    // No page but the last is left more than 40% blank: the planner only leaves room a figure does not fit even shrunk to 76%
    // (0.76 × a half-page figure and its caption is 39% of the 版心). Before, pages around figures were half empty.
    const blank = pages.slice(0, -1).map((p, i) => ({ page: i + 1, blank: Math.round(p.blank * 100) }));
    expect(blank.filter((p) => p.page > 1 && p.blank > 40)).toEqual([]);
    for (const p of pages) expect(p.text).toMatch(/[\u4e00-\u9fff]/);
    expect(PAGE_MM.top).toBe(37);
  }, 300_000);
});
