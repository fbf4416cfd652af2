/**
 * The workbench walked as an analyst would, in headless Chromium against the real
 * services and a real database file: earlier quarters of the sample set are already
 * in (imported through the handlers with their arrival dates), the latest quarter is
 * imported through the window with one bad file that is fixed and re-imported.
 * Screenshots of every page land in tests/e2e/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { startHarness, ROOT, type Harness } from './harness';
import { writeWithCell, type ManifestFile } from './files';
import { formatAmount, formatAmountAuto, formatPercent } from '../../src/domain/present/number';
import type { Scheme } from '../../src/domain/assessment/types';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const LATEST = '2025Q4';
/** A bank whose latest report arrives with text in a number cell. */
const BAD_BANK = 'AK-CAB';
/** A bank whose latest report never arrives. */
const MISSING_BANK = 'BS-BCQ';

let h: Harness;
let work: string;
let sampleDir: string;
let latestFiles: ManifestFile[];

/** The whole page, not just the window: the frame scrolls inside, so the viewport grows to fit for the picture. */
async function shot(name: string): Promise<void> {
  const page = h.page;
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  const tall = await page.evaluate(() => {
    const s = document.querySelector('.scroll');
    return s ? s.scrollHeight + (document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0) : document.body.scrollHeight;
  });
  if (tall > size.height) await page.setViewportSize({ width: size.width, height: Math.min(Math.ceil(tall), 4000) });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  if (tall > size.height) await page.setViewportSize(size);
}

async function open(id: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/${id}`);
  await settled();
}

/** The page shows what the database holds now (after a change, its reload is in). */
async function settled(): Promise<void> {
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('workbench end to end', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-e2e-'));
    h = await startHarness(join(work, 'rfm.sqlite'));
    sampleDir = join(work, 'sample');
    must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
    const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: ManifestFile[]; acks: Record<string, Record<string, string>> };
    // The sample analyst's 说明 for the set's restated bases (提示).
    const manifestAcks = manifest.acks;
    const history = manifest.files.filter((f) => f.quarter !== LATEST);
    latestFiles = manifest.files.filter((f) => f.quarter === LATEST && !f.resubmission);
    // Earlier quarters: already imported, each file with the day it arrived.
    const paths = history.map((f) => join(sampleDir, f.file));
    const summary = must(await h.handlers['import.files']({ paths, receivedDates: Object.fromEntries(history.map((f) => [join(sampleDir, f.file), f.receivedDate])), acks: manifestAcks, note: '往期报表' }, {}));
    expect(summary.rejected).toBe(0);
  });

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('数据导入: picks the quarter’s files, shows the bad cell, commits, fixes and re-imports, rolls back', async () => {
    const page = h.page;
    const incoming = join(work, 'incoming');
    mkdirSync(incoming, { recursive: true });
    const good = latestFiles.filter((f) => f.institution !== BAD_BANK && f.institution !== MISSING_BANK).map((f) => join(sampleDir, f.file));
    const badSource = join(sampleDir, latestFiles.find((f) => f.institution === BAD_BANK)?.file ?? '');
    const badPath = join(incoming, '长安银行安康分行_2025年四季度.xlsx');
    const at = await writeWithCell(badSource, badPath, 'RV_loans_total_bal', '一百二十万');

    await open('import');
    h.dialogs.files.push([...good, badPath]);
    await page.getByRole('button', { name: '选择文件…' }).click();
    await page.getByText(`已选择 ${good.length + 1} 项`).waitFor();
    await page.getByLabel('收到日期').fill('2026-01-04');
    await page.getByRole('button', { name: '检查报表' }).click();
    await page.getByText(`共 ${good.length + 1} 个文件：可以导入 ${good.length} 个，不能导入 1 个`).waitFor({ timeout: 60_000 });
    // The bad file opens by itself; its error names the sheet and the cell.
    const issue = page.locator('.issue').first();
    expect(await issue.innerText()).toContain(`${at.sheet} ${at.cell}`);
    await issue.click();
    const detail = page.locator('.issue-detail');
    expect(await detail.innerText()).toContain(at.cell);
    expect(await detail.innerText()).toContain('一百二十万');
    expect(await detail.innerText()).toContain(`工作表「${at.sheet}」单元格 ${at.cell}`);
    await shot('import-preview');

    await page.getByRole('button', { name: /提交导入/ }).click();
    await page.getByText(`已导入 ${good.length} 个文件`).waitFor({ timeout: 60_000 });

    // The bank sends the corrected file: typed in as a path, checked, imported. The figure is
    // close to last quarter's (a jump of more than 50% would be a 提示 that needs a 说明).
    const lastQuarter = must(await h.handlers['data.dump']({ quarter: '2025Q3', institution: BAD_BANK }, {})).find((d) => d.key === 'loans_total_bal')?.value;
    const fixed = Math.round(Number(lastQuarter) * 102) / 100;
    await writeWithCell(badSource, badPath, 'RV_loans_total_bal', fixed);
    await page.getByRole('button', { name: '全部清除' }).click();
    await page.getByLabel('文件或文件夹路径').fill(badPath);
    await page.getByRole('button', { name: '添加路径' }).click();
    await page.getByRole('button', { name: '检查报表' }).click();
    await page.getByText('共 1 个文件：可以导入 1 个，不能导入 0 个').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /提交导入/ }).click();
    await page.getByText('已导入 1 个文件').waitFor();
    await settled();
    const dump = must(await h.handlers['data.dump']({ quarter: LATEST, institution: BAD_BANK }, {}));
    expect(dump.find((d) => d.key === 'loans_total_bal')?.value).toBe(fixed);

    // Roll the fix back, see the bank without a current report, then import it once more.
    const batches = page.locator('.panel', { hasText: '导入批次' }).locator('.dt-body');
    await batches.getByRole('button', { name: '回滚' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: '确认回滚' }).click();
    await expect.poll(() => batches.innerText()).toContain('已回滚');
    expect(must(await h.handlers['data.dump']({ quarter: LATEST, institution: BAD_BANK }, {}))).toEqual([]);
    await page.getByRole('button', { name: '检查报表' }).click();
    await page.getByText('共 1 个文件：可以导入 1 个').waitFor();
    await page.getByRole('button', { name: /提交导入/ }).click();
    await page.getByText('已导入 1 个文件').waitFor();
    await shot('import');
  }, 120_000);

  it('首页: the latest quarter’s headline, as the indicators compute it', async () => {
    await open('home');
    const text = await h.page.locator('.page').innerText();
    expect(text).toContain('2025年第四季度');
    const rows = must(await h.handlers['indicators.compute']({ quarter: LATEST, region: 'ankang', scopes: ['region'], ids: ['agri_loans_bal', 'agri_loans_growth', 'loans_total_growth', 'agri_npl_ratio'] }, {}));
    const value = (id: string): number | null => rows.find((r) => r.id === id)?.value ?? null;
    expect(text).toContain(formatAmountAuto(value('agri_loans_bal')).text);
    expect(text).toContain(formatPercent(value('agri_loans_growth'), 2));
    expect(text).toContain(`各项贷款增速 ${formatPercent(value('loans_total_growth'), 2)}`);
    expect(text).toContain(formatPercent(value('agri_npl_ratio'), 2));
    expect(await h.page.locator('.dt-body').innerText()).toContain('富硒茶');
    const totals = must(await h.handlers['status.matrix']({ quarter: LATEST, region: 'ankang' }, {})).totals.find((t) => t.quarter === LATEST);
    expect(text).toContain(`${totals?.reported} / ${(totals?.reported ?? 0) + (totals?.missing ?? 0)}`);
    await shot('home');
  });

  it('报送情况: the matrix marks the missing bank and the chase list names it', async () => {
    const page = h.page;
    await h.page.locator('nav.sidebar').getByRole('button', { name: '报送情况' }).click();
    await page.getByLabel('起始季度').selectOption('2024Q1');
    await page.getByLabel('截止季度').selectOption(LATEST);
    await page.locator('.total .q', { hasText: '2025年第四季度' }).waitFor();
    await page.getByRole('combobox', { name: '地区' }).selectOption('bishan');
    await expect.poll(() => page.locator('.dt-body').first().innerText()).toContain('重庆银行璧山支行');
    const row = page.locator('.dt-body').first().getByRole('row', { name: /重庆银行璧山支行/ });
    expect(await row.innerText()).toContain('未报');
    const chase = page.locator('.panel', { hasText: '催报清单' });
    expect(await chase.innerText()).toContain('重庆银行璧山支行');
    await page.getByRole('radio', { name: '逾期' }).click();
    await shot('status');
    await page.getByRole('radio', { name: '全部' }).click();
    await page.getByRole('combobox', { name: '地区' }).selectOption('ankang');
  });

  it('产业链: draws every chart of a chain, shows its figures, exports PNG at print size and SVG', async () => {
    const page = h.page;
    await open('chains');
    const titles = await page.locator('.chart-card h3').allInnerTexts();
    expect(titles.join('|')).toContain('富硒茶');
    await page.getByRole('radio', { name: '魔芋' }).click();
    await page.locator('.page[data-ready=true]').waitFor();
    const card = page.locator('.chart-card[data-chart="chain.institutions"]');
    await expect.poll(() => card.locator('h3').innerText()).toContain('魔芋');
    // The table under the chart carries the figures the option draws.
    const built = must(await h.handlers['charts.option']({ id: 'chain.institutions', params: { quarter: LATEST, chain: 'konjac' }, amountUnit: 'auto' }, {}));
    const axis = built.option.yAxis as { data: string[] };
    await card.getByRole('button', { name: '数据表' }).click();
    const tableText = await card.locator('.dt-body').innerText();
    expect(tableText).toContain(axis.data[0]);
    const firstBar = (built.option.series as { data: { label: { formatter: string } }[] }[])[0]?.data[0]?.label.formatter ?? '';
    expect(tableText).toContain(firstBar);
    await shot('chains');

    const png = join(work, 'exports', '魔芋分机构.png');
    const svg = join(work, 'exports', '魔芋分机构.svg');
    h.dialogs.savePaths.push(png);
    await card.getByRole('button', { name: '导出 PNG' }).click();
    await card.getByText(`已导出：${png}`).waitFor({ timeout: 30_000 });
    h.dialogs.savePaths.push(svg);
    await card.getByRole('button', { name: '导出 SVG' }).click();
    await card.getByText(`已导出：${svg}`).waitFor({ timeout: 30_000 });
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 15.5 cm at 300 dpi = 1831 pixels wide.
    expect(bytes.readUInt32BE(16)).toBe(Math.round((15.5 / 2.54) * 300));
    const svgText = readFileSync(svg, 'utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('魔芋');
  });

  it('考核评估: ranks the banks with grades, explains a score, takes a qualitative score, compares weights, exports', async () => {
    const page = h.page;
    await open('assessment');
    const ranking = page.locator('.panel', { hasText: '年度考核评估排名' }).locator('.dt-body');
    await expect.poll(() => ranking.locator('[role=row]').count()).toBeGreaterThan(5);
    expect(await ranking.innerText()).toMatch(/优秀|良好|一般|勉励/);
    const breakdown = page.locator('.panel').nth(2);
    expect(await breakdown.innerText()).toMatch(/得\s?[\d.]+\s?\/\s?[\d.]+\s?分|得分/);

    // A qualitative score with its reason.
    await page.getByRole('button', { name: '评分' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('得分').fill('2');
    await dialog.getByLabel('评分理由').fill('制定乡村振兴专项制度3项');
    await dialog.getByRole('button', { name: '保存评分' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.locator('td.reason', { hasText: '制定乡村振兴专项制度3项' }).waitFor();
    await shot('assessment');

    // What-if: double the first item's points, see both rankings side by side.
    await page.getByRole('tab', { name: '权重模拟' }).click();
    const first = page.locator('.weights input').first();
    await first.fill(String(Number(await first.inputValue()) * 2));
    await page.getByRole('button', { name: '计算' }).click();
    await page.getByRole('columnheader', { name: '模拟总分' }).waitFor();
    await shot('assessment-whatif');

    const out = join(work, 'exports', '考核评估.xlsx');
    h.dialogs.savePaths.push(out);
    // The page's own export (every bank's scores), not a table's 导出 Excel….
    await page.locator('.toolbar .actions').getByRole('button', { name: '导出 Excel…' }).click();
    await page.getByText(`已导出：${out}`).waitFor({ timeout: 30_000 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const numbers = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat()).filter((v) => typeof v === 'number');
    expect(numbers.length).toBeGreaterThan(10);
    await page.getByRole('tab', { name: '排名与得分' }).click();
  });

  it('金融兴产强县: sets a county target in place, shows completion against time progress, exports the table', async () => {
    const page = h.page;
    await open('progress');
    const table = page.locator('table.progress');
    expect(await table.innerText()).toContain('汉阴县');
    // 汉滨区 is the central district, outside the nine 县（市） of the action
    expect(await table.innerText()).not.toContain('汉滨区');
    const input = page.getByLabel('汉阴县年度目标（万元）');
    await input.fill('500000');
    await input.press('Enter');
    await page.getByText('已保存汉阴县2025年度目标：500,000.00 万元').waitFor();
    await settled();
    const targets = must(await h.handlers['progress.targets']({ year: 2025, region: 'ankang' }, {}));
    expect(targets.find((t) => t.countyName === '汉阴县')?.annualTarget).toBe(500000);
    let progress = must(await h.handlers['progress.table']({ year: 2025, quarter: 4, region: 'ankang' }, {}));
    let row = progress.rows.find((r) => r.county === '汉阴县');
    await expect.poll(() => table.locator('tr', { hasText: '汉阴县' }).innerText()).toContain(formatPercent(row?.completion ?? null, 1));
    // a county judged on its balance: progress is the increase from 年初, shown with the 年初余额
    await page.getByLabel('汉阴县考核口径').selectOption('county_lead_bal');
    await page.getByText('已将汉阴县2025年考核口径改为「首位产业贷款余额」。').waitFor();
    await settled();
    progress = must(await h.handlers['progress.table']({ year: 2025, quarter: 4, region: 'ankang' }, {}));
    row = progress.rows.find((r) => r.county === '汉阴县');
    expect(row).toMatchObject({ kind: 'stock', judge: 'increment' });
    await expect.poll(() => table.locator('tr', { hasText: '汉阴县' }).innerText()).toContain(formatAmount(row?.base ?? null));
    expect(await page.locator('.definitions').innerText()).toContain('(期末余额 − 年初余额) ÷ (目标余额 − 年初余额)');
    expect(await table.locator('tfoot').innerText()).toContain('余额（按增量）');
    await page.locator('.chart-card canvas, .chart-card svg').first().waitFor();
    await shot('progress');
    const out = join(work, 'exports', '进度表.xlsx');
    h.dialogs.savePaths.push(out);
    await page.getByRole('button', { name: '导出 Excel…' }).click();
    await page.getByText(`已导出：${out}`).waitFor({ timeout: 30_000 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.flatMap((ws) => ws.getSheetValues().flat()).filter((v) => typeof v === 'number').length).toBeGreaterThan(10);
  });

  it('目标跟踪: judges the seeds’ targets, adds an analyst’s own, exports', async () => {
    const page = h.page;
    await open('targets');
    const body = page.locator('.dt-body').first();
    await expect.poll(() => body.locator('[role=row]').count()).toBeGreaterThan(2);
    expect(await body.innerText()).toMatch(/已达成|进度正常|落后|无数据/);
    // 利率定价: every bank's new lending by tenor against the LPR in force when it lent, as the service has it.
    const pricing = must(await h.handlers['pricing.table']({ region: 'ankang', quarter: LATEST }, {}));
    const pov = pricing.products.find((p) => p.id === 'pov');
    const first = pov?.rows.find((r) => r.spreadBp !== null);
    if (!pov || !first || first.spreadBp === null) throw new Error('the sample set has no priced 脱贫人口小额信贷');
    const panel = page.getByRole('region', { name: '利率定价' });
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(pricing.products.filter((p) => p.rows.length > 0).reduce((a, p) => a + p.rows.length + p.totals.length, 0));
    const line = panel.locator('table').first().locator('tbody tr').filter({ hasText: first.name }).filter({ hasText: first.tenorLabel });
    expect(await line.innerText()).toContain(`${first.spreadBp > 0 ? '+' : ''}${first.spreadBp.toFixed(1)}BP`);
    expect(await line.innerText()).toContain(first.statusWord);
    await line.locator('td.explain').click();
    await expect.poll(() => page.getByRole('dialog', { name: '数据来源' }).innerText()).toContain(first.name);
    await page.getByRole('button', { name: '关闭数据来源' }).click();
    await page.getByRole('button', { name: '新增目标' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目标内容').fill('各项贷款余额不低于 10 万元');
    await dialog.getByLabel(/目标值/).fill('10');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已添加目标「各项贷款余额不低于 10 万元」').waitFor();
    await expect.poll(() => page.locator('.clause').innerText()).toContain('各项贷款余额不低于 10 万元');
    await shot('targets');
    const out = join(work, 'exports', '目标跟踪.xlsx');
    h.dialogs.savePaths.push(out);
    await page.getByRole('button', { name: '导出 Excel…' }).click();
    await page.getByText(`已导出：${out}`).waitFor({ timeout: 30_000 });
    expect(existsSync(out)).toBe(true);
  });

  it('机构与设置: lists the registry, edits an alias, checks and backs up the database', async () => {
    const page = h.page;
    await open('settings');
    const table = page.locator('.dt-body');
    await expect.poll(() => table.locator('[role=row]').count()).toBeGreaterThan(10);
    expect(await table.innerText()).toContain('AK-ABC');
    await shot('settings-institutions');

    await page.getByRole('row', { name: /AK-ABC/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const aliases = dialog.locator('textarea');
    await aliases.fill(`${await aliases.inputValue()}\n安康农行营业部`);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存机构/).waitFor();
    await settled();
    expect(await table.innerText()).toContain('安康农行营业部');
    const r = must(await h.handlers['registry.institutions']({}, {}));
    expect(r.find((i) => i.code === 'AK-ABC')?.aliases).toContain('安康农行营业部');

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

    await page.getByRole('tab', { name: '产业链与县区' }).click();
    expect(await page.locator('.page').innerText()).toContain('汉阴县');
    // each county says where its class and 首位产业 come from; the analyst corrects one, with its source
    const units = page.locator('table.units');
    expect(await units.locator('tr', { hasText: '石泉县' }).innerText()).toContain('富硒食品（预制菜）');
    expect(await units.locator('tr', { hasText: '汉滨区' }).innerText()).toContain('不列入进度表');
    await units.locator('tr', { hasText: '岚皋县' }).click();
    const unitDialog = page.getByRole('dialog');
    await unitDialog.getByLabel('首位产业', { exact: true }).fill('富硒魔芋');
    await unitDialog.getByLabel('首位产业依据').fill('');
    await unitDialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => unitDialog.getByRole('alert').innerText()).toContain('请写明岚皋县首位产业「富硒魔芋」的依据');
    await unitDialog.getByLabel('首位产业依据').fill('岚皋县「一县一策」清单（2024年）');
    await unitDialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存「岚皋县」的县域分类与首位产业。').waitFor();
    await settled();
    expect(await units.locator('tr', { hasText: '岚皋县' }).innerText()).toContain('富硒魔芋');
    const lg = must(await h.handlers['registry.regions']({}, {})).find((x) => x.code === 'ankang')?.units.find((u) => u.code === 'AK06');
    expect(lg).toMatchObject({ leadingIndustry: '富硒魔芋', industrySource: '岚皋县「一县一策」清单（2024年）' });
    await shot('settings-chains');

    await page.getByRole('tab', { name: '数据库' }).click();
    await page.getByRole('button', { name: '检查数据库完整性' }).click();
    await page.getByText('数据库完整性检查通过').waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/已备份到 /).waitFor();
    const backups = page.locator('.panel', { hasText: '备份与恢复' }).locator('.dt-body');
    await expect.poll(() => backups.innerText()).toContain('手动备份');
    await backups.getByRole('button', { name: '恢复' }).first().click();
    await page.getByRole('dialog', { name: '恢复数据库' }).getByRole('button', { name: '确认恢复' }).click();
    await page.getByText(/已从 .* 恢复数据库；恢复前的数据另存为/).waitFor();
    await expect.poll(() => backups.innerText()).toContain('恢复备份前');
    expect(existsSync(join(work, 'backups'))).toBe(true);
    await shot('settings-database');
  });

  it('考核方案: exports the region’s scheme, imports an edited version, refuses broken files, and 考核评估 scores with the new version', async () => {
    const page = h.page;
    const nav = page.locator('nav.sidebar');
    // 考核评估 has loaded the schemes once: it must see the new version on the next visit.
    await open('assessment');
    const picker = page.getByRole('combobox', { name: '考核方案' });
    expect(await picker.locator('option').allInnerTexts()).toEqual(['自动（已保存的年度用原版本）', '安康市金融机构服务乡村振兴考核评估方案（默认）（第1版，最新）']);
    // The year on screen has a saved result (scored with version 1): it must keep that version.
    const year = Number(await page.getByRole('combobox', { name: '考核年度' }).inputValue());
    expect(must(await h.handlers['assessment.score']({ region: 'ankang', year }, {})).schemeVersion).toBe(1);

    await nav.getByRole('button', { name: '机构与设置' }).click();
    await page.getByRole('tab', { name: '考核方案' }).click();
    const list = page.locator('.dt[aria-label="考核方案列表"] .dt-body');
    const row = list.getByRole('row', { name: /ankang-default/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/安康市金融机构服务乡村振兴考核评估方案（默认）[\s\S]*ankang-default[\s\S]*第1版[\s\S]*软件自带（示例）/);
    expect(await list.innerText()).not.toContain('bishan-default');
    const detail = page.getByRole('region', { name: '方案内容' });
    const item = (id: string) => detail.locator(`tr[data-item="${id}"]`);
    await expect.poll(() => item('agri_growth_vs_total').innerText()).toMatch(/涉农贷款增速不低于各项贷款增速[\s\S]*\b6\b[\s\S]*指标对比[\s\S]*涉农贷款比年初增速不低于各项贷款比年初增速时得满分，否则按 涉农贷款比年初增速 ÷ 各项贷款比年初增速 × 分值计分/);
    expect(await item('agri_growth').innerText()).toContain('0% 及以下不得分，10% 及以上得满分');
    expect(await item('agri_npl').innerText()).toMatch(/监管容忍度\s+涉农贷款不良率不超过本机构不良贷款率加 3 个百分点（监管容忍度）时得满分/);
    expect(await item('p_agri_decline').innerText()).toMatch(/涉农贷款余额比年初下降\s+3\s+达标计分：涉农贷款比年初增量低于 0 万元时扣 3 分，否则不扣分/);
    expect(await detail.innerText()).toMatch(/定量指标（75 分）[\s\S]*定性指标（25 分）[\s\S]*加分项（合计不超过 5 分）[\s\S]*扣分项（合计不超过 10 分）/);
    expect(await detail.innerText()).toMatch(/等次划分（按分数线）[\s\S]*优秀\s+90 分及以上/);

    // A broken file is refused, naming the file; nothing is stored.
    mkdirSync(join(work, 'schemes'), { recursive: true });
    const broken = join(work, 'schemes', '方案_残缺.json');
    writeFileSync(broken, '{ "id": "ankang-default", "items": [');
    h.dialogs.files.push([broken]);
    await page.getByRole('button', { name: '导入方案…' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('文件「方案_残缺.json」：方案文件不是有效的 JSON');
    expect(must(await h.handlers['assessment.schemes']({ region: 'ankang' }, {}))[0]?.versions).toEqual([1]);

    // Another region: its own scheme (graded by score: its groups have two or three banks), and no message left over from 安康.
    const regionPicker = page.getByRole('combobox', { name: '地区' });
    await regionPicker.selectOption('bishan');
    await list.getByRole('row', { name: /bishan-default/ }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => detail.innerText()).toMatch(/等次划分（按分数线）[\s\S]*优秀\s+90 分及以上/);
    // policy banks are their own group, said why; 季度报送 is a 扣分项
    expect(await detail.innerText()).toMatch(/政策性银行组（单独评价）\s+机构类型：政策性银行[\s\S]*客户群体/);
    expect(await item('p_report_late').innerText()).toMatch(/季度报送不及时（逾期、未报）\s+4\s+按报送情况扣分/);
    await regionPicker.selectOption('ankang');
    await row.waitFor();

    // Export through the save dialog: the file is the stored scheme, as JSON.
    const out = join(work, 'schemes', '安康方案.json');
    h.dialogs.savePaths.push(out);
    await page.getByRole('button', { name: '导出方案…' }).click();
    await page.getByText(`已导出：${out}`).waitFor();
    const exported = JSON.parse(readFileSync(out, 'utf8')) as Scheme;
    const stored = must(await h.handlers['assessment.scheme']({ id: 'ankang-default' }, {}));
    expect(stored.version).toBe(1);
    expect(exported).toEqual(stored.scheme);

    // Move two points between 定量 items (the 定量 total stays 75, as the validator asks) and import it.
    const edited = structuredClone(exported);
    const first = edited.items.find((i) => i.id === 'agri_growth_vs_total');
    const second = edited.items.find((i) => i.id === 'agri_increment');
    if (!first || !second) throw new Error('the shipped scheme lost its items');
    first.max += 2;
    second.max -= 2;
    const editedPath = join(work, 'schemes', '安康方案_修改.json');
    writeFileSync(editedPath, JSON.stringify(edited, null, 2));
    h.dialogs.files.push([editedPath]);
    await page.getByRole('button', { name: '导入方案…' }).click();
    await page.getByText('已导入方案「安康市金融机构服务乡村振兴考核评估方案（默认）」第 2 版').waitFor();
    await expect.poll(() => row.innerText()).toMatch(/第2版[\s\S]*第1、2版[\s\S]*导入：安康方案_修改\.json/);
    await expect.poll(() => item('agri_growth_vs_total').locator('td.pts').innerText()).toBe('8');
    expect(await item('agri_increment').locator('td.pts').innerText()).toBe('5');
    expect(must(await h.handlers['assessment.scheme']({ id: 'ankang-default' }, {})).version).toBe(2);
    await shot('settings-schemes');

    // The earlier version stays readable.
    const versionPicker = detail.getByRole('combobox', { name: '方案版本' });
    await versionPicker.selectOption('1');
    await expect.poll(() => item('agri_growth_vs_total').locator('td.pts').innerText()).toBe('6');
    await versionPicker.selectOption('2');
    await expect.poll(() => item('agri_growth_vs_total').locator('td.pts').innerText()).toBe('8');

    // A scheme whose points do not add up is refused, naming the file; nothing is stored.
    first.max += 1;
    const overweight = join(work, 'schemes', '方案_超分.json');
    writeFileSync(overweight, JSON.stringify(edited));
    h.dialogs.files.push([overweight]);
    await page.getByRole('button', { name: '导入方案…' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('文件「方案_超分.json」：方案有误，未导入：定量指标分值合计 76 分，与设定的 75 分不符。');
    expect(must(await h.handlers['assessment.scheme']({ id: 'ankang-default' }, {})).version).toBe(2);

    // 考核评估 reloads its schemes on the next visit and offers the new version; the saved year keeps version 1 until the analyst picks 2.
    await nav.getByRole('button', { name: '考核评估' }).click();
    await page.locator('.page[data-ready=true]').waitFor();
    await expect.poll(() => picker.locator('option').allInnerTexts()).toEqual([
      '自动（已保存的年度用原版本）',
      '安康市金融机构服务乡村振兴考核评估方案（默认）（第2版，最新）',
      '安康市金融机构服务乡村振兴考核评估方案（默认）（第1版）',
    ]);
    const schemeLine = page.locator('p', { hasText: '方案：' });
    await expect.poll(() => schemeLine.innerText()).toContain('方案：安康市金融机构服务乡村振兴考核评估方案（默认） 第1版（该年度考核结果保存时所用版本；最新为第2版');
    await shot('assessment-saved-version');
    await picker.selectOption('ankang-default@2');
    await expect.poll(() => schemeLine.innerText()).toMatch(/方案：安康市金融机构服务乡村振兴考核评估方案（默认） 第2版；/);
    const breakdown = page.locator('.panel').nth(2);
    await expect.poll(() => breakdown.getByRole('row', { name: /涉农贷款增速不低于各项贷款增速/ }).innerText()).toMatch(/得 [\d.]+\/8 分/);
  });

  it('never leaves 127.0.0.1 and raises no page error', () => {
    expect(h.offsiteRequests).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
