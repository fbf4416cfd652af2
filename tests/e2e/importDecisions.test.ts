/**
 * 数据导入 with a file that needs the analyst's decision, in headless Chromium against the
 * real services: a Q3-named file whose cover says Q2 is checked as 待确认, 提交导入 leaves
 * it out until its warning is ticked, then commits it with the decision, which the version
 * history keeps (who, when, what).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { writeReport } from '../import/fixtures';
import { setLocalUser } from '../../src/services/settings/localUser';

let h: Harness;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-acks-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  setLocalUser(h.ctx.db, '李分析');
}, 180_000);

afterAll(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('数据导入: warnings that need a decision', () => {
  it('holds the file, shows the warning with a tick, and commits it once ticked', async () => {
    const page = h.page;
    const inbox = join(work, 'inbox');
    const copied = writeReport(h.ctx.db, { institution: 'AK-ICBC', quarter: '2025Q2' }, join(inbox, '工行安康分行_2025年三季度.xlsx'));
    const fine = writeReport(h.ctx.db, { institution: 'AK-CCB', quarter: '2025Q3' }, join(inbox, '建行安康分行_2025年三季度.xlsx'));

    await page.goto(`${h.origin}/index.html#/import`);
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    h.dialogs.files.push([copied, fine]);
    await page.getByRole('button', { name: '选择文件…' }).click();
    await page.getByLabel('收到日期').fill('2025-10-09');
    await page.getByRole('button', { name: '检查报表' }).click();
    await page.getByText('共 2 个文件：可以导入 1 个，待确认 1 个，不能导入 0 个').waitFor({ timeout: 60_000 });

    // The held file opens by itself, with its warning and a tick box.
    const box = page.getByRole('group', { name: '需要确认的警告' });
    await box.waitFor();
    expect(await box.innerText()).toContain('文件名写的是「2025年三季度」');
    expect(await box.innerText()).toContain('封面报告期却是 2025Q2');
    const commit = page.getByRole('button', { name: /提交导入/ });
    expect(await commit.innerText()).toContain('（1 个文件）');
    expect(await page.getByText('另有 1 个文件的警告待确认').count()).toBe(1);
    mkdirSync(join(ROOT, 'tests/e2e/screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'tests/e2e/screenshots/import-held.png') });

    // Two questions: the name says Q3 but the cover Q2, and a Q2 report arriving in October is 94 days late.
    expect(await box.innerText()).toContain('晚 94 天');
    const ticks = box.getByRole('checkbox');
    expect(await ticks.count()).toBe(2);
    await ticks.nth(0).check();
    await expect.poll(() => commit.innerText()).toContain('（1 个文件）');
    await ticks.nth(1).check();
    await expect.poll(() => commit.innerText()).toContain('（2 个文件）');
    await commit.click();
    await page.getByText('已导入 2 个文件').waitFor({ timeout: 60_000 });

    const hist = await h.handlers['history.list']({ institution: 'AK-ICBC', quarter: '2025Q2' }, {});
    expect(hist.ok && hist.value.length).toBe(1);
    expect(hist.ok && hist.value[0]?.decisions.map((d) => [d.code, d.text, d.by])).toEqual([
      ['W_NAME_QUARTER', '已确认', '李分析'],
      ['W_RECEIVED_VERY_LATE', '已确认', '李分析'],
    ]);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  it('corrects one file’s arrival date in the check table, and checks history as 补录', async () => {
    const page = h.page;
    const inbox = join(work, 'inbox2');
    const a = writeReport(h.ctx.db, { institution: 'AK-BOC', quarter: '2025Q3' }, join(inbox, '中行安康分行_2025Q3.xlsx'));
    const b = writeReport(h.ctx.db, { institution: 'AK-PSBC', quarter: '2025Q3' }, join(inbox, '安康邮储_2025Q3.xlsx'));
    await page.getByRole('button', { name: '全部清除' }).click();
    h.dialogs.files.push([a, b]);
    await page.getByRole('button', { name: '选择文件…' }).click();
    await page.getByLabel('收到日期', { exact: true }).fill('2025-10-10');
    await page.getByRole('button', { name: '检查报表' }).click();
    const table = page.locator('.dt-body').first();
    await expect.poll(() => table.innerText()).toContain('逾期');
    expect((await table.innerText()).match(/逾期/gu)?.length).toBe(2);

    // The bank's e-mail shows 10-09, the first working day after 国庆: on time.
    await page.getByLabel('中行安康分行_2025Q3.xlsx 的收到日期').fill('2025-10-09');
    await expect.poll(async () => (await table.innerText()).match(/逾期/gu)?.length ?? 0).toBe(1);
    expect(await table.innerText()).toContain('按时');

    await page.getByLabel('导入方式').selectOption('backfill');
    await page.getByRole('button', { name: '检查报表' }).click();
    await expect.poll(async () => (await table.innerText()).match(/补录/gu)?.length ?? 0).toBe(2);
    await page.screenshot({ path: join(ROOT, 'tests/e2e/screenshots/import-arrival.png') });
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
