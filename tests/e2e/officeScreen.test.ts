/**
 * Fits an office screen (issue 11): at 1366×768 and at a maximized 1366×680 nothing that
 * carries a number is cut off — 考核评估's ranking and breakdown (with its 得分), 权重模拟,
 * 目标跟踪, the chase list's 超期（天）; clicking a bank brings its breakdown into view and
 * the breakdown hides no item behind its own scroll; the import check puts problem files
 * first, keeps a refused row marked over the zebra stripes and shows no internal code;
 * times are local. Real handlers over a real database, the built window in headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Locator } from 'playwright-core';
import { startHarness, ROOT, type Harness } from './harness';
import { writeWithCell, type ManifestFile } from './files';
import { formatLocalDateTime } from '../../src/domain/present/time';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const LATEST = '2025Q4';
/** Two banks whose latest reports come with text in a number cell (refused). */
const BAD_BANKS = ['AK-CAB', 'AK-CCB'];

let h: Harness;
let work: string;

async function open(id: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/${id}`);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

/**
 * The cells and headers inside `scope` whose text does not fit: wider than the cell on one
 * line, or (a wrapping cell) more lines than the row holds, by their text.
 */
async function cutCells(scope: Locator): Promise<string[]> {
  return scope.locator('.dt-td, .dt-th').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => (el as HTMLElement).innerText.trim()),
  );
}

async function shot(name: string): Promise<void> {
  await h.page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe('fits an office screen', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-e2e-screen-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
    const sampleDir = join(work, 'sample');
    must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
    const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: ManifestFile[]; acks: Record<string, Record<string, string>> };
    const history = manifest.files.filter((f) => f.quarter !== LATEST);
    must(await h.handlers['import.files']({ paths: history.map((f) => join(sampleDir, f.file)), receivedDates: Object.fromEntries(history.map((f) => [join(sampleDir, f.file), f.receivedDate])), acks: manifest.acks }, {}));
    // The latest quarter through the window: two refused files among the good ones, listed last.
    const latest = manifest.files.filter((f) => f.quarter === LATEST && !f.resubmission);
    const incoming = join(work, 'incoming');
    mkdirSync(incoming, { recursive: true });
    const bad: string[] = [];
    for (const code of BAD_BANKS) {
      const src = join(sampleDir, latest.find((f) => f.institution === code)?.file ?? '');
      const dest = join(incoming, `zz_${code}_2025年四季度.xlsx`);
      await writeWithCell(src, dest, 'RV_loans_total_bal', '一百二十万');
      bad.push(dest);
    }
    const good = latest.filter((f) => !BAD_BANKS.includes(f.institution)).map((f) => join(sampleDir, f.file));
    await open('import');
    h.dialogs.files.push([...good, ...bad]);
    await h.page.getByRole('button', { name: '选择文件…' }).click();
    await h.page.getByLabel('收到日期').fill('2026-01-04');
    await h.page.getByRole('button', { name: '检查报表' }).click();
    await h.page.getByText(`共 ${good.length + bad.length} 个文件：可以导入 ${good.length} 个`).waitFor({ timeout: 90_000 });
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('数据导入: problem files first, a refused row stays marked over the stripes, no internal code, local times', async () => {
    const page = h.page;
    const table = page.locator('.panel', { hasText: '检查结果' }).locator('.dt-body');
    const rows = table.locator('[role=row]');
    // The two refused files head the list, though they were chosen last.
    expect(await rows.nth(0).innerText()).toContain('不能导入');
    expect(await rows.nth(1).innerText()).toContain('不能导入');
    expect(await rows.nth(2).innerText()).not.toContain('不能导入');
    // The second refused row is an odd (striped) one: it is marked like the first, not like its stripe.
    const bg = (i: number): Promise<string> => rows.nth(i).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg(1)).toBe(await bg(0));
    expect(await bg(1)).not.toBe(await bg(3));
    await page.locator('.issue').first().click();
    const text = await page.locator('.page').innerText();
    expect(text).not.toMatch(/\bE_[A-Z_]+\b/);
    await shot('screen-import-check');

    await page.getByRole('button', { name: /提交导入/ }).click();
    await page.getByText(/已导入 \d+ 个文件/).waitFor({ timeout: 90_000 });
    await page.locator('.page[data-ready=true]').waitFor();
    const batches = must(await h.handlers['batch.list']({}, {}));
    const newest = batches[0];
    if (!newest) throw new Error('no batch');
    // 导入时间 in local time (the services store UTC).
    await expect.poll(() => page.locator('.panel', { hasText: '导入批次' }).locator('.dt-body').innerText()).toContain(formatLocalDateTime(newest.createdAt));
  }, 180_000);

  it('考核评估 is honest: grades 暂定 while qualitative scores are missing; a year without reports has no ranking, no grades, no export', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await open('assessment');
    const score = must(await h.handlers['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    const scheme = must(await h.handlers['assessment.scheme']({ id: score.schemeId, version: score.schemeVersion }, {})).scheme;
    const needed = score.results.length * scheme.items.filter((i) => i.rule.type === 'qualitative').length;
    const entered = must(await h.handlers['assessment.qualitative']({ region: 'ankang', year: 2025 }, {})).length;
    expect(needed).toBeGreaterThan(entered);
    await expect.poll(() => page.locator('.provisional').innerText()).toContain(`定性评分已录入 ${entered}/${needed} 项`);
    const grades = await page.locator('.panel', { hasText: '年度考核评估排名' }).locator('.dt-body [role=row] .tag').allInnerTexts();
    expect(grades.length).toBe(score.results.length);
    for (const g of grades) expect(g).toMatch(/（暂定）$/);

    // 2026: the services' today is in it, no bank has reported yet.
    await page.getByRole('combobox', { name: '考核年度' }).selectOption('2026');
    await page.locator('.page[data-ready=true]').waitFor();
    await expect.poll(() => page.locator('.page').innerText()).toContain('2026年度还没有报送数据');
    expect(await page.locator('.panel', { hasText: '年度考核评估排名' }).count()).toBe(0);
    expect(await page.locator('.page').innerText()).not.toMatch(/优秀|良好|勉励/);
    expect(await page.getByRole('button', { name: '导出 Excel…' }).isDisabled()).toBe(true);
    await h.page.screenshot({ path: join(SHOTS, 'screen-assessment-no-reports.png') });
    await page.getByRole('combobox', { name: '考核年度' }).selectOption('2025');
    await page.locator('.page[data-ready=true]').waitFor();
  }, 120_000);

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1366, height: 680 },
  ]) {
    const tag = `${size.width}x${size.height}`;

    it(`考核评估 at ${tag}: ranking and breakdown whole, the bank clicked is brought into view, 权重模拟 uncut`, async () => {
      const page = h.page;
      await page.setViewportSize(size);
      await open('assessment');
      const ranking = page.locator('.panel', { hasText: '年度考核评估排名' });
      await expect.poll(() => ranking.locator('.dt-body [role=row]').count()).toBeGreaterThan(5);
      expect(await cutCells(ranking)).toEqual([]);
      // The last bank of the ranking: its breakdown comes into view below.
      const last = ranking.locator('.dt-body [role=row]').last();
      const name = (await last.locator('[role=cell]').nth(1).innerText()).trim();
      await last.click();
      const breakdown = page.locator('.panel.breakdown');
      await expect.poll(() => breakdown.locator('h2').innerText()).toBe(name);
      await expect
        .poll(async () => {
          const box = await breakdown.boundingBox();
          return box !== null && box.y >= 0 && box.y < size.height / 2;
        })
        .toBe(true);
      // Every item is drawn (no scroll of its own), no 得分 or 说明 is cut.
      const scores = must(await h.handlers['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
      const items = scores.results.find((i) => i.institutionName === name)?.indicators.length ?? 0;
      expect(items).toBeGreaterThan(5);
      expect(await breakdown.locator('.dt-body [role=row]').count()).toBe(items);
      expect(await breakdown.locator('.dt-more').count()).toBe(0);
      expect(await cutCells(breakdown)).toEqual([]);
      await shot(`screen-assessment-${tag}`);

      await page.getByRole('tab', { name: '权重模拟' }).click();
      const first = page.locator('.weights input').first();
      await first.fill(String(Number(await first.inputValue()) + 1));
      await page.getByRole('button', { name: '计算' }).click();
      await page.getByRole('columnheader', { name: '模拟总分' }).waitFor();
      expect(await cutCells(page.locator('.compare'))).toEqual([]);
      await shot(`screen-whatif-${tag}`);
      await page.getByRole('tab', { name: '排名与得分' }).click();
    }, 120_000);

    it(`目标跟踪 and the chase list at ${tag}: no figure cut`, async () => {
      const page = h.page;
      await page.setViewportSize(size);
      await open('targets');
      await expect.poll(() => page.locator('.dt-body [role=row]').count()).toBeGreaterThan(2);
      expect(await cutCells(page.locator('.page'))).toEqual([]);
      await shot(`screen-targets-${tag}`);

      await open('status');
      await page.getByRole('columnheader', { name: /超期/ }).waitFor();
      expect(await cutCells(page.locator('.panel', { has: page.getByRole('columnheader', { name: /超期/ }) }))).toEqual([]);
      await shot(`screen-status-${tag}`);
    }, 120_000);
  }
});
