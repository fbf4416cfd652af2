/**
 * 审计日志 at 1366×768: a change made in another page is on the log at once (who, when, what, in
 * words), filtered by category and text; 导出 Excel writes every matching entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { startHarness, ROOT, type Harness } from './harness';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

describe('审计日志 at 1366×768', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-audit-e2e-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('lists each change in words, filters by category and text, exports what it shows', async () => {
    const page = h.page;
    must(await h.handlers['settings.setLocalUser']({ name: '李分析' }, {}));
    await page.goto(`${h.origin}/index.html#/audit`);
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    const body = page.locator('.dt-body').first();
    await expect.poll(() => body.innerText()).toContain('设置本机使用人');
    // A change made elsewhere while the page is open shows without leaving it.
    const item = must(await h.handlers['assessment.qualitativeGrid']({ region: 'ankang', year: 2025 }, {})).items[0];
    must(await h.handlers['assessment.setQualitative']({ institution: 'AK-ABC', year: 2025, item: item?.id ?? '', score: 4, reason: '制定乡村振兴专项制度3项' }, {}));
    await expect.poll(() => body.innerText(), { timeout: 15_000 }).toContain('制定乡村振兴专项制度3项');
    await page.getByRole('combobox', { name: '类别' }).selectOption({ label: '考核评分' });
    await page.getByLabel('关键词').fill('专项制度');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.locator('.page').innerText()).toContain('符合条件 1 条');
    expect(await body.innerText()).toMatch(/李分析[\s\S]*考核评分[\s\S]*定性评分/);
    await page.screenshot({ path: join(SHOTS, 'audit.png') });

    const out = join(work, '审计日志.xlsx');
    h.dialogs.savePaths.push(out);
    await page.getByRole('button', { name: '导出 Excel…' }).last().click();
    await page.getByText(/已导出/).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain('定性评分');
    expect(cells.join('|')).toContain('制定乡村振兴专项制度3项');
    expect(cells.join('|')).not.toContain('设置本机使用人');
  });
});
