/**
 * 数据来源 and 报表查看 in the window, at 1366×768, against the real services: the
 * sample set (both regions, 2024–2025, with its 重报 files) is imported, then a figure
 * is clicked on every page and the panel must say exactly what figure.explain says
 * (title, value, formula, comparable set, every input with its file and sheet!cell).
 * From an input the bank's report opens; two versions are compared; an earlier one
 * is restored, with a backup taken first. Screenshots land in tests/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Locator } from 'playwright-core';
import type { Explanation, FigureRef } from '../../src/api/explain-types';
import { startHarness, ROOT, type Harness } from './harness';
import { writeWithCell } from './files';
import type { FileAck } from '../../src/api/types';
import { issueKey } from '../../src/domain/import/issueKey';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;
let sampleDir: string;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function explain(ref: FigureRef): Promise<Explanation> {
  return must(await h.handlers['figure.explain'](ref, {}));
}

async function open(id: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/${id}`);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

function panel(): Locator {
  return h.page.getByRole('dialog', { name: '数据来源' });
}

/** The panel shows what the explain handler returns, line for line and input by input. */
async function expectPanel(e: Explanation): Promise<void> {
  const p = panel();
  await expect.poll(() => p.locator('.fig-title').innerText(), { timeout: 30_000 }).toBe(e.title);
  expect(await p.locator('.fig-value').innerText()).toBe(e.display);
  expect(await p.locator('.definition').innerText()).toBe(e.definition);
  expect(await p.locator('.formula').innerText()).toBe(e.formula);
  if (e.comparable) expect(await p.locator('.comparable').innerText()).toBe(e.comparable);
  for (const f of e.facts) expect(await p.locator('.what').innerText()).toContain(f.value);
  for (const o of e.operands) expect(await p.locator('.what').innerText()).toContain(o.display);
  for (const x of e.excluded) expect(await p.locator('.excluded').innerText()).toContain(`${x.name}：${x.reason}`);
  expect(await p.locator('.components tr').count()).toBe(e.components.length);
  const rows = p.locator('table.inputs tbody tr');
  expect(await rows.count()).toBe(e.inputs.length);
  for (const [n, i] of e.inputs.entries()) {
    const text = await rows.nth(n).innerText();
    expect(text).toContain(i.institutionName);
    expect(text).toContain(i.file);
    expect(text).toContain(`${i.sheet}!${i.cell}`);
    expect(text).toContain(i.display);
    expect(text).toContain(`第${i.version}版`);
    expect(text).toContain(i.receivedDate);
    // The analyst's 说明 on a warning at this cell, stored with the report when it was accepted.
    for (const d of i.decisions ?? []) expect(text).toContain(d.text);
  }
}

async function shot(name: string): Promise<void> {
  await h.page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Where the 重报 typed 涉农贷款余额 in 亿元 (the form's cell for it). */
let agriCell: { sheet: string; cell: string };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-prov-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
  sampleDir = join(work, 'sample');
  must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
  const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: { file: string; institution: string; quarter: string; receivedDate: string }[]; acks: Record<string, FileAck> };
  const paths = manifest.files.map((f) => join(sampleDir, f.file));
  // With the sample analyst's 说明 for the restated bases (the manifest carries them), every file goes in.
  const all = must(await h.handlers['import.files']({ paths, receivedDates: Object.fromEntries(manifest.files.map((f) => [join(sampleDir, f.file), f.receivedDate])), acks: manifest.acks }, {}));
  expect([all.rejected, all.held]).toEqual([0, 0]);
  // 农行 resubmits its 2025Q4 report with 涉农贷款余额 typed in 亿元.
  const original = manifest.files.find((f) => f.institution === 'AK-ABC' && f.quarter === '2025Q4')?.file ?? '';
  agriCell = await writeWithCell(join(sampleDir, original), join(sampleDir, '中国农业银行安康分行_2025年四季度_更正.xlsx'), 'RV_agri_loans_bal', '168.5亿元');
  const corrected = join(sampleDir, '中国农业银行安康分行_2025年四季度_更正.xlsx');
  const checked = must(await h.handlers['import.files']({ paths: [corrected], receivedDate: '2026-01-15', dryRun: true }, {}));
  const explained: FileAck = Object.fromEntries((checked.files[0]?.warnings ?? []).filter((w) => w.ack).map((w) => [issueKey(w), '银行来电更正，已核实']));
  expect(must(await h.handlers['import.files']({ paths: [corrected], receivedDate: '2026-01-15', confirmAll: true, acks: { '*': explained } }, {})).accepted).toBe(1);
  must(await h.handlers['progress.setTarget']({ county: '汉阴县', year: 2025, annualTarget: 300000, source: '市金融办下达' }, {}));
  must(await h.handlers['progress.setTarget']({ county: '紫阳县', year: 2025, annualTarget: 120000, source: '市金融办下达' }, {}));
}, 240_000);

afterAll(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('数据来源 on every page', () => {
  it('首页: a card’s figure and a chain cell open their source; 复制 puts the table on the clipboard', async () => {
    await open('home');
    await h.page.locator('.stat .figure', { hasText: '涉农贷款余额' }).click();
    const e = await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_bal' });
    await expectPanel(e);
    // The 重报 in 亿元 shows as typed beside the converted value.
    expect(await panel().locator('table.inputs tbody tr', { hasText: '中国农业银行安康分行' }).innerText()).toMatch(/原填「168\.5亿元」[\s\S]*重报/);
    // …with the 说明 the analyst wrote to accept it (its components no longer add up: rule R26-56).
    expect(await panel().locator('table.inputs tbody tr', { hasText: '中国农业银行安康分行' }).innerText()).toContain('说明（R26-56）：银行来电更正，已核实');
    await shot('provenance-home');

    await panel().getByRole('button', { name: '复制' }).click();
    await panel().getByText('已复制数据来源表').waitFor();
    const clip = await h.page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toContain(`数字\t${e.title}`);
    expect(clip).toContain('机构\t季度\t期别\t项目\t数值\t文件\t工作表!单元格');
    for (const i of e.inputs) expect(clip).toContain(`${i.file}\t${i.sheet}!${i.cell}`);

    // The panel covers the right of the page: it is closed (Escape) before the next figure is clicked.
    await h.page.keyboard.press('Escape');
    await h.page.locator('.stat .figure', { hasText: '涉农贷款比年初增速' }).click();
    await expectPanel(await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_growth' }));
    expect(await panel().locator('.what').innerText()).toMatch(/基期[\s\S]*上年末/);

    await h.page.keyboard.press('Escape');
    await h.page.locator('.stat .figure', { hasText: '本季度报送' }).click();
    await expectPanel(await explain({ kind: 'reports', region: 'ankang', quarter: '2025Q4' }));

    await panel().getByRole('button', { name: '关闭数据来源' }).click();
    const tea = h.page.locator('.dt-body [role=row]', { hasText: '富硒茶' });
    await tea.locator('[role=cell]').nth(1).click();
    await expectPanel(await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'chain_bal', member: 'selenium_tea' }));
    await h.page.keyboard.press('Escape');
    expect(await panel().count()).toBe(0);
  });

  it('产业链: a bar of a chart and a figure of its data table', async () => {
    await open('chains');
    const card = h.page.locator('.chart-card[data-chart="chain.institutions"]');
    const built = must(await h.handlers['charts.option']({ id: 'chain.institutions', params: { quarter: '2025Q4', chain: 'selenium_tea' }, amountUnit: 'auto' }, {}));
    const first = built.figures[0]?.[0];
    if (!first) throw new Error('the chart has no figure behind its first bar');
    // The bar's own label is part of the bar: clicking it explains the bar.
    const label = (built.option.series as { data: { label?: { formatter: string } }[] }[])[0]?.data[0]?.label?.formatter ?? '';
    await card.locator('svg text', { hasText: label }).first().click();
    await expectPanel(await explain(first));
    await shot('provenance-chain-bar');
    await h.page.keyboard.press('Escape');

    await card.getByRole('button', { name: '数据表' }).click();
    await card.locator('.dt-body [role=row]').nth(1).locator('[role=cell]').nth(2).click();
    const ytd = built.figures[1]?.[1];
    if (!ytd) throw new Error('no figure behind the second row’s 当年累放');
    await expectPanel(await explain(ytd));
    await h.page.keyboard.press('Escape');
  });

  it('报送情况: a cell of the matrix, then 报表查看 with the two versions compared', async () => {
    await open('status');
    const page = h.page;
    await page.getByLabel('起始季度').selectOption('2024Q1');
    await page.getByLabel('截止季度').selectOption('2025Q4');
    await page.locator('.total .q', { hasText: '2025年第四季度' }).waitFor();
    const quarters = ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'];
    const row = page.locator('.dt-body').first().getByRole('row', { name: /汉阴县示例村镇银行/ });
    await row.locator('[role=cell]').nth(2 + quarters.indexOf('2024Q4')).click();
    await expectPanel(await explain({ kind: 'submission', institution: 'AK-HYVB', quarter: '2024Q4' }));
    await shot('provenance-status');

    await panel().getByRole('button', { name: '查看报表（报表查看）' }).click();
    await page.locator('.page[data-ready=true] .versions').waitFor();
    const view = must(await h.handlers['report.view']({ institution: 'AK-HYVB', quarter: '2024Q4' }, {}));
    expect(await page.locator('.versions h2').innerText()).toBe('汉阴县示例村镇银行（示例） · 2024年第四季度 · 版本记录');
    expect(await page.locator('.versions tbody tr').count()).toBe(view.versions.length);
    expect(await page.locator('.versions tbody').innerText()).toMatch(/第1版[\s\S]*已被替代[\s\S]*第2版（重报）[\s\S]*当前版本/);
    await page.getByRole('button', { name: '逐项比较' }).click();
    const diff = must(await h.handlers['report.diff']({ from: view.versions[0]?.id ?? 0, to: view.versions[1]?.id ?? 0 }, {}));
    expect(diff.rows.length).toBeGreaterThan(0);
    const rows = page.getByRole('table', { name: '版本差异' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(diff.rows.length);
    for (const [n, r] of diff.rows.entries()) {
      const text = await rows.nth(n).innerText();
      expect(text).toContain(`${r.sheet}!${r.cell}`);
      expect(text).toContain(r.before || '（空）');
      expect(text).toContain(r.after || '（空）');
    }
    // The form below marks the changed cells.
    expect(await page.locator('.form td.changed').count()).toBe(diff.rows.filter((r) => view.sections.some((s) => s.cells.some((c) => c.key === r.key && c.member === r.member))).length);
    await shot('report-diff');
  });

  it('报表查看 from an input: the bank’s report as imported; restoring the earlier version backs up first', async () => {
    await open('home');
    const page = h.page;
    await page.locator('.stat .figure', { hasText: '涉农贷款余额' }).click();
    const input = panel().locator('table.inputs tbody tr', { hasText: '中国农业银行安康分行' }).filter({ hasText: '2025Q4' });
    await input.getByRole('button', { name: '查看报表' }).click();
    await page.locator('.page[data-ready=true] .form').waitFor();
    expect(await panel().count()).toBe(0);
    const view = must(await h.handlers['report.view']({ institution: 'AK-ABC', quarter: '2025Q4' }, {}));
    expect(await page.locator('.form h2').innerText()).toBe('报表内容：第2版（重报）');
    // The form as drawn: 涉农贷款's row with its 期末余额 as converted, the cell and what the clerk typed.
    const cell = page.locator('.form td[data-key="agri_loans_bal"]');
    expect(await cell.innerText()).toMatch(new RegExp(`1,685,000\\.00[\\s\\S]*${agriCell.sheet}!${agriCell.cell}[\\s\\S]*原填「168\\.5亿元」`));
    expect(await page.locator('.form tr', { has: page.locator('td[data-key="agri_loans_bal"]') }).innerText()).toMatch(/^涉农贷款/);
    expect(await cell.getAttribute('class')).toContain('focus');
    const sections = await page.locator('.form .section h3').allInnerTexts();
    expect(sections.map((s) => s.split(' ')[0])).toEqual(view.sections.map((s) => s.title));
    await shot('report-view');

    await page.locator('.versions tbody tr[data-version="1"]').getByRole('button', { name: '恢复为当前版本' }).click();
    await page.getByRole('dialog', { name: '恢复为当前版本' }).getByRole('button', { name: '确认恢复' }).click();
    await page.getByText(/已将第1版（.*）恢复为当前版本；恢复前已自动备份数据库/).waitFor();
    // The page reloads by itself (the restore moved the data revision).
    await page.locator('.page[data-ready=true]').waitFor();
    const history = must(await h.handlers['history.list']({ institution: 'AK-ABC', quarter: '2025Q4' }, {}));
    expect(history.find((s) => s.version === 1)?.status).toBe('current');
    expect(must(await h.handlers['backup.list']({}, {})).backups.some((b) => b.reason.includes(`恢复报送记录${history.find((s) => s.version === 1)?.id}前`))).toBe(true);
    expect(await page.locator('.form h2').innerText()).toBe('报表内容：第1版');
    // The figure now reads the restored version.
    const after = await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_bal', institution: 'AK-ABC' });
    expect(after.inputs[0]?.version).toBe(1);
    await shot('report-restored');
  });

  it('考核评估: a bank’s total, one item of its breakdown, and the indicator behind it', async () => {
    await open('assessment');
    const page = h.page;
    const ranking = page.locator('.panel', { hasText: '年度考核评估排名' }).locator('.dt-body');
    await expect.poll(() => ranking.locator('[role=row]').count()).toBeGreaterThan(5);
    const year = Number(await page.getByRole('combobox', { name: '考核年度' }).inputValue());
    const result = must(await h.handlers['assessment.score']({ region: 'ankang', year, save: false }, {}));
    const firstRow = ranking.locator('[role=row]').first();
    const name = (await firstRow.locator('[role=cell]').nth(1).innerText()).trim();
    const bank = result.results.find((r) => r.institutionName === name);
    if (!bank) throw new Error(`no result for ${name}`);
    await firstRow.locator('[role=cell]').nth(8).click();
    await expectPanel(await explain({ kind: 'score', region: 'ankang', year, institution: bank.institution }));
    await shot('provenance-assessment-total');
    await h.page.keyboard.press('Escape');

    await firstRow.click();
    const breakdown = page.locator('.panel').nth(2).locator('.dt-body');
    const item = breakdown.getByRole('row', { name: /涉农贷款增速不低于各项贷款增速/ });
    await item.locator('[role=cell]').nth(3).click();
    const e = await explain({ kind: 'score', region: 'ankang', year, institution: bank.institution, item: 'agri_growth_vs_total' });
    await expectPanel(e);
    await shot('provenance-assessment-item');
    // From the item to the indicator it reads, down to the cells; and back.
    await panel().locator('.components button.link').first().click();
    const ref = e.components[0]?.ref;
    if (!ref) throw new Error('the item has no indicator behind it');
    await expectPanel(await explain(ref));
    await panel().getByRole('button', { name: '‹ 返回' }).click();
    await expectPanel(e);
    await h.page.keyboard.press('Escape');
  });

  it('金融兴产强县: a county’s 完成率 and its actual', async () => {
    await open('progress');
    const row = h.page.locator('table.progress tr', { hasText: '汉阴县' });
    await row.locator('td.explain').nth(1).click();
    await expectPanel(await explain({ kind: 'progress', region: 'ankang', year: 2025, quarter: '2025Q4', county: 'AK02' }));
    expect(await panel().innerText()).toContain('300,000.00 万元（市金融办下达');
    await shot('provenance-progress');
    await h.page.keyboard.press('Escape');
    await row.locator('td.explain').first().click();
    const measured = must(await h.handlers['progress.table']({ year: 2025, quarter: 4, region: 'ankang' }, {})).rows.find((r) => r.countyCode === 'AK02');
    await expectPanel(await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: measured?.indicator ?? '', member: 'AK02' }));
    await h.page.keyboard.press('Escape');
  });

  it('目标跟踪: how a target was judged and the figures behind it', async () => {
    await open('targets');
    const targets = must(await h.handlers['targets.evaluate']({ region: 'ankang' }, {}));
    const body = h.page.locator('.dt-body').first();
    await expect.poll(() => body.locator('[role=row]').count()).toBe(targets.length);
    await body.locator('[role=row]').first().locator('[role=cell]').nth(5).click();
    const t = targets[0];
    if (!t) throw new Error('no target');
    await expectPanel(await explain({ kind: 'target', region: 'ankang', target: t.id, quarter: t.quarter }));
    await shot('provenance-targets');
    await h.page.keyboard.press('Escape');
  });

  it('never leaves 127.0.0.1 and raises no page error', () => {
    expect(h.offsiteRequests).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
