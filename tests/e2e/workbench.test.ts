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
import { insertReport } from '../helpers/reports';

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

    // The keyboard walks the table: arrows move, Enter opens, Escape closes.
    await table.locator('[role=row]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').getAttribute('aria-label')).toBe('编辑机构：中国银行安康分行');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

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

    // Back up now, then restore that backup: the safety copy is named in the note.
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/已备份到 /).waitFor();
    const backups = page.locator('.panel', { hasText: '备份与恢复' }).locator('.dt-body');
    await expect.poll(() => backups.innerText()).toContain('手动备份');
    await backups.getByRole('button', { name: '恢复' }).first().click();
    await page.getByRole('dialog', { name: '恢复数据库' }).getByRole('button', { name: '确认恢复' }).click();
    await page.getByText(/已从 .* 恢复数据库；恢复前的数据另存为/).waitFor();
    await expect.poll(() => backups.innerText()).toContain('恢复备份前');
    await shot('settings-database');
  });

  it('首页: headline cards and chains for the latest quarter, from the database', async () => {
    const page = h.page;
    // Two banks, year end and the latest quarter: 涉农 +20% and +10% against 各项 +5%.
    for (const [inst, base] of [['AK-ABC', 100_000], ['AK-HBRCB', 50_000]] as const) {
      insertReport(h.ctx.db, { institution: inst, quarter: '2025Q4', values: { loans_total_bal: base * 4, loans_total_ytd: base, agri_loans_bal: base, agri_loans_ytd: base / 2, npl_total_bal: 100, agri_npl_bal: 50, chain_bal: { selenium_tea: 1000, konjac: 500 } } });
    }
    insertReport(h.ctx.db, { institution: 'AK-ABC', quarter: '2026Q3', values: { loans_total_bal: 420_000, loans_total_ytd: 90_000, agri_loans_bal: 120_000, agri_loans_ytd: 60_000, npl_total_bal: 300, agri_npl_bal: 240, chain_bal: { selenium_tea: 1500, konjac: 400 }, chain_entities: { selenium_tea: 12 } } });
    insertReport(h.ctx.db, { institution: 'AK-HBRCB', quarter: '2026Q3', values: { loans_total_bal: 210_000, loans_total_ytd: 40_000, agri_loans_bal: 55_000, agri_loans_ytd: 20_000, npl_total_bal: 120, agri_npl_bal: 60, chain_bal: { selenium_tea: 700 } } });
    await page.goto(`${h.origin}/index.html#/home`);
    await page.locator('.page[data-ready=true]').waitFor();
    const text = await page.locator('.page').innerText();
    expect(text).toContain('2026年第三季度');
    // 涉农贷款余额 120,000 + 55,000 = 175,000 万元 = 17.50 亿元.
    expect(text).toContain('17.50');
    // Growth: 175,000 / 150,000 − 1 = 16.67%; all loans 630,000 / 600,000 − 1 = 5.00%.
    expect(text).toContain('16.67%');
    expect(text).toContain('各项贷款增速 5.00%');
    // 不良率: 300 / 175,000 = 0.17%.
    expect(text).toContain('0.17%');
    // 富硒茶: 1,500 + 700 = 2,200.00 万元.
    expect(await page.locator('.dt-body').innerText()).toMatch(/富硒茶[\s\S]*2,200\.00/);
    await shot('home');
  });

  it('never leaves 127.0.0.1 and raises no page error', () => {
    expect(h.offsiteRequests).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
