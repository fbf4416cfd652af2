/**
 * 定性评分表 end to end at 1366×768: scores and reasons typed into the grid in place and saved
 * together (a cell without its reason is marked and holds the save back); the blank grid
 * downloaded, filled as the 评审组 would in Excel (ExcelJS on the downloaded file), imported
 * through the preview of every change; the grid then shows what the database holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { startHarness, ROOT, type Harness } from './harness';
import { importSample, openAssessment } from './files';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

describe('定性评分表 at 1366×768', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-qgrid-e2e-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
    await importSample(h, join(work, 'sample'), '2025');
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('enters scores in place with their reasons, downloads the blank grid and imports a filled one', async () => {
    const page = h.page;
    await openAssessment(h, 'ankang', '2025');
    await page.getByRole('tab', { name: '定性评分表' }).click();
    const grid = must(await h.handlers['assessment.qualitativeGrid']({ region: 'ankang', year: 2025 }, {}));
    const [first, second] = grid.items;
    if (!first || !second) throw new Error('the 安康 scheme has fewer than two qualitative items');
    const abc = grid.institutions.find((i) => i.code === 'AK-ABC');
    const boc = grid.institutions.find((i) => i.code === 'AK-BOC');
    if (!abc || !boc) throw new Error('AK-ABC / AK-BOC missing from the grid');
    const table = page.getByRole('table', { name: '定性评分表' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(grid.institutions.length);

    // Two cells typed in place; the second has no reason yet: marked, and the save is held back.
    await page.getByLabel(`${abc.name}「${first.label}」得分`).fill(String(first.max - 1));
    await page.getByLabel(`${abc.name}「${first.label}」理由`).fill('落实再贷款政策，专项额度执行到位');
    await page.getByLabel(`${boc.name}「${second.label}」得分`).fill('2.5');
    await page.getByRole('button', { name: '保存修改（2）' }).click();
    await page.getByText('有 1 个单元格需要修改（已标红），修改后再保存。').waitFor();
    expect(await table.locator(`tr[data-institution="AK-BOC"] td[data-item="${second.id}"]`).getAttribute('class')).toContain('bad');
    expect(must(await h.handlers['assessment.qualitative']({ region: 'ankang', year: 2025 }, {}))).toEqual([]);
    await page.getByLabel(`${boc.name}「${second.label}」理由`).fill('制度较完整，考核办法已印发');
    await page.getByRole('button', { name: '保存修改（2）' }).click();
    await page.getByText('已保存 2 项定性评分（已记入审计日志）。').waitFor();
    expect(must(await h.handlers['assessment.qualitative']({ region: 'ankang', year: 2025 }, {})).map((e) => [e.institution, e.item, e.score, e.reason])).toEqual([
      ['AK-ABC', first.id, first.max - 1, '落实再贷款政策，专项额度执行到位'],
      ['AK-BOC', second.id, 2.5, '制度较完整，考核办法已印发'],
    ]);
    await expect.poll(() => page.getByRole('button', { name: /^保存修改/ }).innerText()).toBe('保存修改（0）');
    await page.screenshot({ path: join(SHOTS, 'assessment-qualitative-grid.png') });

    // The blank grid for the 评审组, filled in Excel and imported through the preview.
    const blank = join(work, '安康市2025年度定性评分表（空白）.xlsx');
    h.dialogs.savePaths.push(blank);
    await page.getByRole('button', { name: '下载空白评分表…' }).click();
    // Written once the note names it (the file appears while ExcelJS is still writing it).
    await page.locator('.qgrid').getByText(/已导出/).waitFor();
    expect(existsSync(blank)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('the grid has no sheet');
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && (row.values as unknown[]).includes('机构代码')) header = n;
    });
    const cols = new Map<string, number>();
    ws.getRow(header).eachCell((c, col) => cols.set(String(c.value), col));
    let cccRow = 0;
    for (let r = header + 1; r <= ws.rowCount; r++) if (ws.getCell(r, cols.get('机构代码') ?? 1).value === 'AK-CCB') cccRow = r;
    ws.getCell(cccRow, cols.get(`${first.label}得分（满分${first.max}）`) ?? 0).value = 3;
    ws.getCell(cccRow, cols.get(`${first.label}理由`) ?? 0).value = '评审组评议：创新产品两项';
    const filled = join(work, '评审组已填.xlsx');
    await wb.xlsx.writeFile(filled);
    h.dialogs.files.push([filled]);
    await page.getByRole('button', { name: '导入评分表…' }).click();
    const dialog = page.getByRole('dialog', { name: '导入定性评分表：核对改动' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/将保存 1 项评分[\s\S]*评审组评议：创新产品两项/);
    expect(must(await h.handlers['assessment.qualitative']({ region: 'ankang', year: 2025 }, {}))).toHaveLength(2);
    await dialog.getByRole('button', { name: '确认导入（1 项）' }).click();
    await page.getByText('已从「评审组已填.xlsx」导入 1 项定性评分（已记入审计日志）。').waitFor();
    const ccb = grid.institutions.find((i) => i.code === 'AK-CCB');
    await expect.poll(() => page.getByLabel(`${ccb?.name}「${first.label}」得分`).inputValue()).toBe('3');
    expect(must(await h.handlers['assessment.qualitative']({ region: 'ankang', year: 2025 }, {}))).toHaveLength(3);
  });
});
