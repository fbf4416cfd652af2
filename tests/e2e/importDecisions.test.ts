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

    await box.getByRole('checkbox').check();
    await expect.poll(() => commit.innerText()).toContain('（2 个文件）');
    await commit.click();
    await page.getByText('已导入 2 个文件').waitFor({ timeout: 60_000 });

    const hist = await h.handlers['history.list']({ institution: 'AK-ICBC', quarter: '2025Q2' }, {});
    expect(hist.ok && hist.value.length).toBe(1);
    expect(hist.ok && hist.value[0]?.decisions).toEqual([expect.objectContaining({ ack: 'confirm', code: 'W_NAME_QUARTER', text: '已确认', by: '李分析' })]);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
