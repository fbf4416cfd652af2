/**
 * Honest states through the real handler table over a real database file loaded with the
 * sample set of one year (2025, imported from the .xlsx files it writes): a year or quarter
 * without reports refuses every export in words, and while qualitative scores are missing
 * the score workbook (read back from the .xlsx), the Word draft (read back from the .docx),
 * the CLI and the result say 暂定 with x/y.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import type { HandlerTable } from '../../src/api/contract';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';
import { paragraphText, paragraphs, readDocx } from '../helpers/docx';

let work: string;
let dbPath: string;
let ctx: ServiceContext;
let h: HandlerTable;

function refusal(r: { ok: boolean; error?: { code: string; message: string } }): { code: string; message: string } {
  expect(r.ok).toBe(false);
  return r.error ?? { code: '', message: '' };
}

async function columnTexts(path: string, sheet: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: string[][] = [];
  ws.eachRow((r) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null || c.value === undefined ? '' : String(c.value)));
    rows.push(cells);
  });
  return rows;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rfm-honest-'));
  dbPath = join(work, 'rfm.sqlite');
  ctx = openContext(dbPath);
  h = createHandlers(ctx);
  const loaded = must(await h['sample.load']({ out: join(work, 'sample'), years: '2025' }, {}));
  expect(loaded.accepted).toBeGreaterThan(60);
}, 180_000);

afterAll(() => {
  closeContext(ctx);
  rmSync(work, { recursive: true, force: true });
});

describe('a year or quarter without reports', () => {
  it('refuses the score export in Chinese and writes no file', async () => {
    const out = join(work, '2024考核.xlsx');
    const e = refusal(await h['assessment.exportScores']({ region: 'ankang', year: 2024, out }, {}));
    expect(e.code).toBe('E_NO_REPORTS_YEAR');
    expect(e.message).toBe('安康市2024年度还没有任何机构的报表：不排名、不评等次，也不能导出考核评估结果。请先在「数据导入」导入该年度的报表，或选择其他年度。');
    expect(existsSync(out)).toBe(false);
    // The result the page reads says so too: no report, so the page shows no ranking.
    expect(must(await h['assessment.score']({ region: 'ankang', year: 2024, save: false }, {})).reports).toBe(0);
    expect(must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {})).reports).toBeGreaterThan(30);
  });

  it('refuses the progress table and the targets export for a quarter without reports', async () => {
    const progressOut = join(work, '进度表.xlsx');
    const table = must(await h['progress.table']({ year: 2024, quarter: 4, region: 'ankang' }, {}));
    expect(table.reports).toBe(0);
    expect(table.rows.every((r) => r.rank === null)).toBe(true);
    const p = refusal(await h['progress.export']({ year: 2024, quarter: 4, region: 'ankang', out: progressOut }, {}));
    expect(p.code).toBe('E_NO_REPORTS_QUARTER');
    expect(p.message).toContain('安康市2024年第四季度还没有任何机构的报表：不排名，也不能导出「金融兴产强县」进度表。');
    expect(existsSync(progressOut)).toBe(false);
    const targetsOut = join(work, '目标跟踪.xlsx');
    const t = refusal(await h['targets.export']({ region: 'ankang', quarter: '2024Q4', out: targetsOut }, {}));
    expect(t.message).toContain('安康市2024年第四季度还没有任何机构的报表');
    expect(existsSync(targetsOut)).toBe(false);
    const pack = refusal(await h['charts.pack']({ quarter: '2024Q4', out: join(work, 'pack') }, {}));
    expect(pack.message).toContain('尚无任何机构报送数据');
    // A quarter with reports exports as before.
    expect(must(await h['progress.export']({ year: 2025, quarter: 4, region: 'ankang', out: progressOut }, {})).table.reports).toBeGreaterThan(0);
    expect(existsSync(progressOut)).toBe(true);
  });

  it('the CLI prints no ranking for such a year and exits non-zero', async () => {
    closeContext(ctx);
    const r = await cli(['score', '--db', dbPath, '--region', 'ankang', '--year', '2024']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('安康市2024年度还没有任何机构的报表：不排名、不评等次');
    expect(r.out).not.toContain('勉励');
    const w = await cli(['score', '--db', dbPath, '--region', 'ankang', '--year', '2024', '--what-if', 'agri_share=5']);
    expect(w.code).toBe(1);
    expect(w.out).toBe('');
    ctx = openContext(dbPath);
    h = createHandlers(ctx);
  });
});

describe('grades while qualitative scores are missing', () => {
  it('the score workbook, the result and the CLI carry 暂定 and x/y until every score is in', async () => {
    const year = 2025;
    const first = must(await h['assessment.score']({ region: 'ankang', year, save: false }, {}));
    const grid = must(await h['assessment.qualitativeGrid']({ region: 'ankang', year }, {}));
    const banks = first.results.map((r) => r.institution);
    const items = grid.items.map((i) => i.id);
    expect(items.length).toBeGreaterThan(0);
    // One bank scored on every item: entered = items, needed = banks × items.
    const firstBank = banks[0] ?? '';
    must(await h['assessment.setQualitativeMany']({ entries: items.map((item) => ({ institution: firstBank, year, item, score: 2, reason: '制度健全，有专项方案' })) }, {}));
    const partial = must(await h['assessment.score']({ region: 'ankang', year, save: false }, {}));
    expect(partial.qualitative).toEqual({ entered: items.length, needed: banks.length * items.length });
    const line = `等次暂定：定性评分已录入 ${items.length}/${banks.length * items.length} 项，全部录入后等次才是本年度的结果。`;

    const out = join(work, '考核评估_暂定.xlsx');
    must(await h['assessment.exportScores']({ region: 'ankang', year, out }, {}));
    const rows = await columnTexts(out, '考核结果汇总');
    expect(rows[1]?.[0]).toBe('考核年度：2025年（等次暂定）');
    expect(rows.some((r) => r[0] === line)).toBe(true);
    const gradeCells = rows.slice(3, 3 + banks.length).map((r) => r[8] ?? '');
    expect(gradeCells).toHaveLength(banks.length);
    for (const g of gradeCells) expect(g).toMatch(/^(优秀|良好|一般|勉励)（暂定）$/);

    // The Word draft's 考核评估 table (the recorded result of the year, as just exported) says it too.
    const pack = must(await h['charts.pack']({ quarter: '2025Q4', region: 'ankang', out: join(work, 'pack') }, {}));
    const texts = paragraphs(readDocx(pack.report).document).map(paragraphText);
    expect(texts).toContain(line);
    expect(texts.some((t) => t.startsWith('考核年度：2025年（等次暂定）'))).toBe(true);
    expect(texts.some((t) => /^(优秀|良好|一般|勉励)（暂定）$/.test(t))).toBe(true);

    closeContext(ctx);
    const printed = await cli(['score', '--db', dbPath, '--region', 'ankang', '--year', String(year)]);
    expect(printed.code).toBe(0);
    expect(printed.out).toContain(line);
    expect(printed.out).toMatch(/(优秀|良好|一般|勉励)（暂定）/);
    ctx = openContext(dbPath);
    h = createHandlers(ctx);

    // Every bank scored: the grades stand, no 暂定 anywhere.
    must(await h['assessment.setQualitativeMany']({ entries: banks.flatMap((institution) => items.map((item) => ({ institution, year, item, score: 3, reason: '按评审组意见' }))) }, {}));
    const done = join(work, '考核评估_定稿.xlsx');
    const complete = must(await h['assessment.exportScores']({ region: 'ankang', year, out: done }, {})).result;
    expect(complete.qualitative).toEqual({ entered: banks.length * items.length, needed: banks.length * items.length });
    const final = await columnTexts(done, '考核结果汇总');
    expect(final[1]?.[0]).toBe('考核年度：2025年');
    expect(final.flat().some((c) => c.includes('暂定'))).toBe(false);
  });
});
