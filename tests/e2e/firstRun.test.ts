/**
 * First run of the desktop app: an empty database, the 首页 offers 加载示例数据,
 * and one click generates and imports the sample set through the real services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';

let h: Harness;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rfm-first-run-'));
  h = await startHarness(join(work, 'rfm.sqlite'));
}, 180_000);

afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('first run', () => {
  it('loads the sample data from the empty 首页 and then shows the headline', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/home`);
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByText('还没有报送数据').count()).toBe(1);

    await page.getByRole('button', { name: '加载示例数据' }).click();
    await page.getByText(/已加载示例数据：\d+ 个示例报表/).waitFor({ timeout: 170_000 });
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });

    const batches = await h.handlers['batch.list']({}, {});
    expect(batches.ok && batches.value[0]?.note).toBe('加载示例数据');
    const accepted = batches.ok ? (batches.value[0]?.accepted ?? 0) : 0;
    expect(accepted).toBeGreaterThan(300);
    await expect.poll(() => page.getByText('2025年第四季度').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('涉农贷款余额').count()).toBeGreaterThan(0);
    mkdirSync(join(ROOT, 'tests/e2e/screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'tests/e2e/screenshots/home-first-run.png') });
    expect(h.offsiteRequests).toEqual([]);
  }, 200_000);
});
