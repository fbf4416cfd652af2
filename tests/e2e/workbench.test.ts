/**
 * The workbench walked as an analyst would, in headless Chromium against the real
 * services and a real database file. Screenshots of every page land in
 * tests/e2e/screenshots/ (git-ignored) for a human to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

async function shot(name: string): Promise<void> {
  await h.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('workbench end to end', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-e2e-'));
    h = await startHarness(join(work, 'rfm.sqlite'));
    await h.page.goto(`${h.origin}/index.html#/settings`);
  });

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('机构与设置: lists the registry, edits an alias, checks the database', async () => {
    const page = h.page;
    await page.getByRole('heading', { name: '机构名录' }).waitFor();
    const table = page.locator('.dt-body');
    await expect.poll(() => table.locator('[role=row]').count()).toBeGreaterThan(10);
    expect(await table.innerText()).toContain('AK-ABC');
    await shot('settings-institutions');

    // Edit an institution: add an alias, save, see it in the table and in the database.
    await page.getByRole('row', { name: /AK-ABC/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const aliases = dialog.locator('textarea');
    await aliases.fill(`${await aliases.inputValue()}\n安康农行营业部`);
    await shot('settings-edit-institution');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存机构/).waitFor();
    expect(await table.innerText()).toContain('安康农行营业部');
    const r = await h.handlers['registry.institutions']({}, {});
    expect(r.ok && r.value.find((i) => i.code === 'AK-ABC')?.aliases).toContain('安康农行营业部');

    // A bad code is refused with a Chinese sentence, and Escape closes the dialog.
    await page.getByRole('button', { name: '新增机构' }).click();
    await dialog.locator('input').first().fill('bad code!');
    await dialog.locator('input').nth(1).fill('测试银行');
    await dialog.locator('input').nth(1).press('Enter');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('机构代码「BAD CODE!」无效');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('tab', { name: '数据库' }).click();
    await page.getByRole('button', { name: '检查数据库完整性' }).click();
    await page.getByText('数据库完整性检查通过').waitFor();
    await shot('settings-database');
  });

  it('never leaves 127.0.0.1 and raises no page error', () => {
    expect(h.offsiteRequests).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
