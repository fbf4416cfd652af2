/**
 * Figures as practice computes them, in the window at an office screen's 1366×768 (issue 12):
 * 璧山（八）'s 贴息率 against half the LPR in force when lent, in 目标跟踪's 利率定价 panel from
 * the sample's 2025Q4 (RV-2026.2) reports; the LPR table in 机构与设置 → LPR报价, saying where it
 * ends, refusing a month that would leave a gap and adding the next one with its source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

describe('贴息率 and the LPR table at 1366×768', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-practice-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
    const sample = join(work, 'sample');
    must(await h.handlers['sample.generate']({ out: sample, years: '2025' }, {}));
    const manifest = JSON.parse(readFileSync(join(sample, 'manifest.json'), 'utf8')) as { files: { file: string; receivedDate: string; resubmission: boolean }[] };
    const files = manifest.files.filter((f) => !f.resubmission);
    must(await h.handlers['import.files']({ paths: files.map((f) => join(sample, f.file)), receivedDates: Object.fromEntries(files.map((f) => [join(sample, f.file), f.receivedDate])), confirmAll: true }, {}));
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('目标跟踪 shows each 璧山 bank’s 贴息率 by tenor against half the LPR when lent', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/targets`);
    await page.getByRole('combobox', { name: '选择地区' }).selectOption('bishan');
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    const panel = page.getByRole('region', { name: '利率定价' });
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('农业产业项目贴息贷款');
    const text = await panel.innerText();
    expect(text).toContain('加权平均贴息率');
    expect(text).toContain('发放时LPR的50%');
    // The sample's 城商行 prices its longer subsidised loans above half the 5-year LPR.
    const t = must(await h.handlers['pricing.table']({ region: 'bishan', quarter: '2025Q4' }, {}));
    const above = t.products.find((p) => p.id === 'agri_subsidy')?.rows.filter((r) => r.status === 'above').map((r) => r.name) ?? [];
    expect(above.length).toBeGreaterThan(0);
    for (const name of above) expect(text).toContain(name);
    expect(text).toContain('高于LPR的50%');
    await panel.getByRole('heading', { name: /农业产业项目贴息贷款/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'practice-subsidy-1366x768.png') });
  }, 120_000);

  it('机构与设置 → LPR报价: where the table ends, a gap refused, the next month added with its source', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/settings`);
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'LPR报价' }).click();
    const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: 'LPR报价' }) });
    await expect.poll(() => panel.innerText()).toContain('2026年6月及以后的LPR尚未载入');
    expect(await panel.innerText()).toContain('录入 2026-06');
    // A date before the 20th is refused in words, and nothing is written.
    await page.getByLabel('发布日').fill('2026-06-15');
    await page.getByLabel('1年期LPR').fill('3.00');
    await page.getByLabel('5年期以上LPR').fill('3.50');
    await page.getByLabel('出处').fill('界面测试用报价（非公布数）');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => panel.innerText()).toContain('应在 2026-06-20 至 2026-06-30 之间');
    expect(must(await h.handlers['pricing.lpr']({}, {})).next).toBe('2026-06');
    await page.getByLabel('发布日').fill('2026-06-22');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已录入 2026-06 的LPR').waitFor();
    const l = must(await h.handlers['pricing.lpr']({}, {}));
    expect([l.next, l.coveredUntil, l.months.at(-1)?.oneYear]).toEqual(['2026-07', '2026-07-19', 0.03]);
    expect(await panel.innerText()).toContain('界面测试用报价（非公布数）（分析人员录入）');
    expect(await panel.innerText()).toContain('2026年7月及以后的LPR尚未载入');
    await page.screenshot({ path: join(SHOTS, 'practice-lpr-1366x768.png') });
  }, 120_000);
});
