/**
 * 考核方案 edited in a grid (机构与设置 → 考核方案) at 1366×768, over the real handlers and the
 * sample reports: a weight typed in place turns the 定量 total red with the difference and holds
 * 保存 back, a second weight puts it right, Enter moves down the column, a column copied from
 * Excel (TSV on the clipboard, Ctrl+V) fills the qualitative items, a cut-off out of order is
 * marked in place and two columns (等次, 分数线) paste by name; 保存为新版本 with a 修改说明 stores version 2 beside version 1, 考核评估
 * scores with it and says so, and the 审计日志 shows who changed which figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { importSample, openAssessment } from './files';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

async function go(title: string): Promise<void> {
  await h.page.locator('nav.sidebar').getByRole('button', { name: title, exact: true }).click();
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

describe('考核方案 grid at 1366×768', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-scheme-e2e-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    await importSample(h, join(work, 'sample'), '2025');
    must(await h.handlers['settings.setLocalUser']({ name: '李分析' }, {}));
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('edits weights and a cut-off with live totals, pastes a column from Excel, saves version 2 that 考核评估 then uses', async () => {
    const page = h.page;
    await openAssessment(h, 'ankang', '2025');
    await expect.poll(() => page.locator('.page').innerText()).toContain('第1版');
    const v1 = must(await h.handlers['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));

    await go('机构与设置');
    await page.getByRole('tab', { name: '考核方案' }).click();
    await page.getByRole('button', { name: '修改分值与等次…' }).click();
    const editor = page.getByRole('region', { name: '修改考核方案' });
    await editor.waitFor();
    const quantTotal = editor.locator('tr[data-total="quantitative"]');
    const save = editor.getByRole('button', { name: '保存为新版本（第2版）' });
    expect(await quantTotal.innerText()).toMatch(/定量指标合计（应为 75 分）\s+75\s+75/u);

    // One weight up: the total is red, says by how much, and 保存 is held back.
    const increment = editor.getByLabel('「涉农贷款比年初增量」分值');
    await increment.fill('8');
    await expect.poll(() => quantTotal.getAttribute('class')).toContain('mismatch');
    expect(await quantTotal.innerText()).toMatch(/76\s*多 1 分/u);
    expect(await editor.locator('[data-subtotal="loan_total"]').innerText()).toBe('小计 21 分');
    expect(await editor.locator('tr[data-total="overall"]').innerText()).toMatch(/101\s*多 1 分/u);
    await editor.getByLabel('修改说明').fill('按市分行2026年考核通知调整权重');
    expect(await save.isDisabled()).toBe(true);
    expect(await editor.locator('[data-blockers]').innerText()).toContain('定量指标合计 76 分，应为 75 分（多 1 分）');
    await quantTotal.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'scheme-editor-total-red.png') });

    // Enter moves down the column as in Excel; the next weight down puts the total right.
    await increment.press('Enter');
    const growth = editor.getByLabel('「涉农贷款比年初增速」分值');
    expect(await growth.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('6');
    await expect.poll(() => quantTotal.getAttribute('class')).not.toContain('mismatch');
    expect(await quantTotal.innerText()).toMatch(/75\s*$/u);

    // Three decimals, and a cut-off above the one better than it: marked in place.
    const nae = editor.getByLabel('「新型农业经营主体贷款占涉农贷款比重」分值');
    await nae.fill('5.125');
    expect(await editor.locator('tr[data-item="nae_share"]').innerText()).toContain('最多两位小数');
    await nae.fill('5');
    const good = editor.getByLabel('「良好」分数线');
    await good.fill('95');
    expect(await editor.locator('tr[data-grade="良好"]').innerText()).toContain('分数线 95 分应低于「优秀」的 90 分');
    // The rows keep their order while a line is out of it (nothing jumps under the cursor).
    expect(await editor.locator('tr[data-grade]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-grade')))).toEqual(['优秀', '良好', '一般', '勉励']);
    expect(await good.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await save.isDisabled()).toBe(true);
    // Two columns copied from Excel (等次, 分数线) fill by name, wherever they are pasted.
    await page.evaluate(() => navigator.clipboard.writeText('良好\t78.5\r\n'));
    await editor.getByLabel('「优秀」分数线').focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => good.inputValue()).toBe('78.5');
    expect(await editor.getByLabel('「优秀」分数线').inputValue()).toBe('90');
    expect(await editor.getByText('已按名称粘贴 1 格。').isVisible()).toBe(true);
    expect(await editor.locator('tr[data-grade="良好"]').innerText()).toContain('78.5 分及以上、不足 90 分');

    // The qualitative weights pasted as a column copied from Excel (CRLF, a trailing line end).
    await page.evaluate(() => navigator.clipboard.writeText('6\r\n4\r\n5\r\n5\r\n5\r\n'));
    await editor.getByLabel('「政策实施」分值').focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => editor.getByLabel('「制度建设」分值').inputValue()).toBe('4');
    expect(await editor.getByLabel('「政策实施」分值').inputValue()).toBe('6');
    expect(await editor.getByLabel('「外部评价」分值').inputValue()).toBe('5');
    expect(await editor.getByText('已粘贴 5 格。').isVisible()).toBe(true);
    expect(await editor.locator('tr[data-total="qualitative"]').getAttribute('class')).not.toContain('mismatch');
    expect(await save.isDisabled()).toBe(false);
    expect(await editor.getByRole('status').filter({ hasText: '将保存 5 处修改' }).innerText()).toContain('等次「良好」分数线 80 分 → 78.50 分');
    await page.screenshot({ path: join(SHOTS, 'scheme-editor-ready.png') });

    await save.click();
    await page.getByText(/已保存为「安康市金融机构服务乡村振兴考核评估方案（默认）」第 2 版（5 处修改，已记入审计日志），第 1 版保留/u).waitFor();
    const [summary] = must(await h.handlers['assessment.schemes']({ region: 'ankang' }, {}));
    expect(summary?.versions).toEqual([1, 2]);
    expect(summary?.history[1]).toMatchObject({ createdBy: '李分析', note: '按市分行2026年考核通知调整权重', source: 'edit' });
    const v2scheme = must(await h.handlers['assessment.scheme']({ id: 'ankang-default' }, {})).scheme;
    expect(Object.fromEntries(v2scheme.items.filter((i) => ['agri_increment', 'agri_growth', 'q_policy', 'q_system'].includes(i.id)).map((i) => [i.id, i.max]))).toEqual({
      agri_increment: 8,
      agri_growth: 6,
      q_policy: 6,
      q_system: 4,
    });
    expect(must(await h.handlers['assessment.scheme']({ id: 'ankang-default', version: 1 }, {})).scheme.items.find((i) => i.id === 'agri_increment')?.max).toBe(7);
    // The panel now shows version 2 with its note.
    const detail = page.getByRole('region', { name: '方案内容' });
    await expect.poll(() => detail.innerText()).toContain('修改说明\n按市分行2026年考核通知调整权重');
    await page.getByText('本版来源').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'scheme-editor-saved.png') });

    // 考核评估 scores with version 2 and says so; its figures are the handlers' under version 2.
    await go('考核评估');
    await expect.poll(() => page.locator('.page').innerText()).toContain('方案：安康市金融机构服务乡村振兴考核评估方案（默认） 第2版');
    const v2 = must(await h.handlers['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    expect(v2.schemeVersion).toBe(2);
    const moved = v2.results.find((r) => Math.abs(r.total - (v1.results.find((x) => x.institution === r.institution)?.total ?? r.total)) > 0.005);
    expect(moved, 'some bank’s total moves with the new weights').toBeDefined();
    await expect.poll(() => page.locator('.page').innerText()).toContain(moved?.total.toFixed(2) ?? '');
    await page.getByText('方案：安康市金融机构服务乡村振兴考核评估方案（默认） 第2版').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'scheme-editor-assessment-v2.png') });

    // 审计日志: who, and each figure before and after, in words.
    await go('审计日志');
    await expect.poll(() => page.locator('.page').innerText()).toContain('修改考核方案（新版本）');
    const text = await page.locator('.page').innerText();
    expect(text).toContain('李分析');
    expect(text).toContain('修改前：7 分，修改后：8 分');
    await page.screenshot({ path: join(SHOTS, 'scheme-editor-audit.png') });
  });
});
