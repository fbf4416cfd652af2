/**
 * Honest states (issue 11) in the built window at 1366×768 over the real handlers: the sample
 * data's fictional bank is marked 示例 in 机构与设置 and 报送情况, is left out of the 考核评估
 * ranking (which says so, beside its 暂定 line) until the analyst makes it real from 机构与设置,
 * after which it is ranked under its real name; a year or quarter without reports says so in
 * words on 金融兴产强县 and 目标跟踪, whose exports are then disabled. Screenshots are saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const EXAMPLE_NAME = '汉阴县示例村镇银行';
const REAL_NAME = '陕西汉阴沪农商村镇银行';

let h: Harness;
let work: string;

async function open(id: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/${id}`);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

async function shot(name: string): Promise<void> {
  await h.page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-honest-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  must(await h.handlers['sample.load']({ out: join(work, 'sample'), years: '2025' }, {}));
}, 240_000);

afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('honest states', () => {
  it('marks the fictional bank 示例 in 机构与设置 and 报送情况, where it is not 应报', async () => {
    const page = h.page;
    await open('settings');
    const row = page.locator('.dt-body [role=row]', { hasText: EXAMPLE_NAME });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.tag').innerText()).toBe('示例');
    await expect.poll(() => page.locator('.example-note').innerText()).toContain(`「${EXAMPLE_NAME}」是示例数据中的虚构机构`);
    await shot('honest-settings-example');

    await open('status');
    const statusRow = page.locator('.dt-body [role=row]', { hasText: EXAMPLE_NAME });
    await expect.poll(() => statusRow.count()).toBe(1);
    expect(await statusRow.locator('.example-tag').innerText()).toBe('示例');
    const m = must(await h.handlers['status.matrix']({ quarter: '2025Q4', region: 'ankang' }, {}));
    const due = m.institutions.filter((i) => !i.example).length;
    await expect.poll(() => page.locator('.page').innerText()).toContain(`应报 ${due} 家`);
    await shot('honest-status-example');
  }, 120_000);

  it('考核评估 ranks without it, says so beside the 暂定 line, and ranks it once it is made real', async () => {
    const page = h.page;
    await open('assessment');
    await page.getByRole('combobox', { name: '考核年度' }).selectOption('2025');
    await page.locator('.page[data-ready=true]').waitFor();
    const ranking = page.locator('.panel', { hasText: '年度考核评估排名' });
    await expect.poll(() => ranking.locator('.dt-body [role=row]').count()).toBeGreaterThan(5);
    expect(await ranking.innerText()).not.toContain(EXAMPLE_NAME);
    await expect.poll(() => page.locator('.examples').innerText()).toContain(`示例机构不参加排名、不评等次：${EXAMPLE_NAME}（示例）`);
    const score = must(await h.handlers['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    await expect.poll(() => page.locator('.provisional').innerText()).toContain(`定性评分已录入 ${score.qualitative.entered}/${score.qualitative.needed} 项`);
    await shot('honest-assessment-example');

    // 机构与设置 → 转为正式机构: the real name and code are asked for.
    await open('settings');
    await page.getByRole('button', { name: '转为正式机构…' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('请填写本地这家机构的真实全称、机构代码和属性');
    expect(await dialog.getByRole('textbox', { name: '机构全称' }).inputValue()).toBe('');
    await dialog.getByRole('textbox', { name: '机构代码' }).fill('AK-HYRB');
    await dialog.getByRole('textbox', { name: '机构全称' }).fill(REAL_NAME);
    await shot('honest-make-real-dialog');
    await dialog.getByRole('button', { name: '转为正式机构' }).click();
    await expect.poll(() => page.locator('.ok-note').innerText()).toContain(`已转为正式机构「${REAL_NAME}」（AK-HYRB）`);
    await expect.poll(() => page.locator('.example-note').count()).toBe(0);

    await open('assessment');
    await expect.poll(() => page.locator('.panel', { hasText: '年度考核评估排名' }).innerText()).toContain(REAL_NAME);
    expect(await page.locator('.examples').count()).toBe(0);
    await shot('honest-assessment-made-real');
  }, 120_000);

  it('a year or quarter without reports says so on 金融兴产强县 and 目标跟踪, with no export', async () => {
    const page = h.page;
    await open('progress');
    await page.getByRole('combobox', { name: '年度' }).selectOption('2024');
    await page.getByRole('combobox', { name: '截至季度' }).selectOption('4');
    await page.locator('.page[data-ready=true]').waitFor();
    await expect.poll(() => page.locator('.no-reports').innerText()).toContain('2024年第四季度还没有任何机构的报表：实际完成、完成率和排名待报表导入后计算，本表不能导出');
    expect(await page.getByRole('button', { name: '导出 Excel…' }).isDisabled()).toBe(true);
    await shot('honest-progress-no-reports');

    await open('targets');
    await page.getByRole('combobox', { name: '评价季度' }).selectOption('2024Q4');
    await page.locator('.page[data-ready=true]').waitFor();
    await expect.poll(() => page.locator('.no-reports').innerText()).toContain('2024年第四季度还没有任何机构的报表：各目标无数据可评价，目标跟踪表不能导出');
    expect(await page.getByRole('button', { name: '导出 Excel…' }).isDisabled()).toBe(true);
    await shot('honest-targets-no-reports');
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
