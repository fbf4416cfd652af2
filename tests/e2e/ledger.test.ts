/**
 * 任务台账 end to end at an office screen's 1366×768: the 璧山 measures with their
 * 责任单位, filtered by unit and status; a status, notes, an attachment and a 镇街's
 * state recorded in the page; figures live from imported reports; exports to Excel and Word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { startHarness, ROOT, type Harness } from './harness';
import { readZip } from '../charts/zip';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('任务台账 at 1366×768', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-ledger-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
    const sample = join(work, 'sample');
    must(await h.handlers['sample.generate']({ out: sample, years: '2025' }, {}));
    const manifest = JSON.parse(readFileSync(join(sample, 'manifest.json'), 'utf8')) as { files: { file: string; receivedDate: string; resubmission: boolean }[] };
    const files = manifest.files.filter((f) => !f.resubmission);
    must(await h.handlers['import.files']({ paths: files.map((f) => join(sample, f.file)), receivedDates: Object.fromEntries(files.map((f) => [join(sample, f.file), f.receivedDate])) }, {}));
  });

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('lists 璧山’s 29 measures, filters by 责任单位 and status, records progress, exports', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/ledger`);
    await page.getByRole('combobox', { name: '地区' }).selectOption('bishan');
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: '年度' }).selectOption('2025');
    const body = page.locator('.dt-body').first();
    await expect.poll(() => body.locator('[role=row]').count()).toBeGreaterThan(5);
    const header = page.locator('section.panel header').nth(0);
    await expect.poll(() => page.locator('.page').innerText()).toContain('璧山区任务台账（2025年）');
    expect(await header.innerText()).toContain('未启动 29');
    expect(await page.locator('.page').innerText()).toContain('29 行');

    // Only the PBOC branch's measures: 23 of 29
    await page.getByRole('combobox', { name: '按责任单位筛选' }).selectOption('人行江津中心支行');
    await expect.poll(async () => must(await h.handlers['ledger.list']({ region: 'bishan', year: 2025, responsible: '人行江津中心支行' }, {})).rows.length).toBe(23);
    await expect.poll(() => page.locator('.page').innerText()).toContain('23 行');

    // (十七) 1+2+N: its words, its 责任单位, its target live from the reports
    await body.getByText('推动“1＋2＋N”普惠金融到村').click();
    const detail = page.locator('section.detail');
    await expect.poll(() => detail.innerText()).toContain('力争 2022 年实现全区行政村全覆盖');
    expect(await detail.innerText()).toContain('各镇街');
    await page.getByLabel('（十七）状态').selectOption('推进中');
    await page.getByText('已保存（十七）2025年状态「推进中」。').waitFor();
    await page.getByLabel('（十七）进展说明').fill('已在 12 个行政村建成金融综合服务示范站');
    await page.getByRole('button', { name: '保存说明' }).click();
    await page.getByText('已保存（十七）2025年进展说明。').waitFor();
    await page.getByLabel('附件名称').fill('璧山区1+2+N普惠金融服务乡村振兴工作方案.pdf');
    await page.getByRole('button', { name: '登记附件' }).click();
    await page.getByText('已登记附件「璧山区1+2+N普惠金融服务乡村振兴工作方案.pdf」。').waitFor();
    await page.getByLabel('璧城街道状态').selectOption('已完成');
    await page.getByText('已保存（十七） 璧城街道2025年状态「已完成」。').waitFor();
    const row = must(await h.handlers['ledger.list']({ region: 'bishan', year: 2025 }, {})).rows.find((r) => r.id === 'bs-17');
    expect(row?.entry).toMatchObject({ status: '推进中', notes: '已在 12 个行政村建成金融综合服务示范站' });
    expect(row?.entry.attachments.map((a) => a.name)).toEqual(['璧山区1+2+N普惠金融服务乡村振兴工作方案.pdf']);
    expect(row?.towns.find((t) => t.unitName === '璧城街道')?.status).toBe('已完成');

    // (十二) 担保费率: a figure from the reports, as the indicators compute it
    await body.getByText('持续深入推进政策性银担合作').click();
    const fee = must(await h.handlers['ledger.list']({ region: 'bishan', year: 2025 }, {})).rows.find((r) => r.id === 'bs-12')?.evidence.find((e) => e.id === 'guarantee_fee_rate');
    expect(fee?.value).not.toBeNull();
    await expect.poll(() => detail.innerText()).toContain(fee?.display ?? '?');
    // the figure explains itself: 数据来源 opens on it
    await detail.locator('tr').filter({ has: page.locator('th', { hasText: /^农业经营主体融资担保费率$/ }) }).locator('td.explain').click();
    const prov = page.getByRole('dialog', { name: '数据来源' });
    await prov.waitFor();
    await expect.poll(() => prov.innerText()).toContain('农业经营主体融资担保费率');
    await prov.getByRole('button', { name: '关闭数据来源' }).click();
    await body.getByText('推动“1＋2＋N”普惠金融到村').click();
    await detail.getByText('已在 12 个行政村建成金融综合服务示范站').first().waitFor().catch(() => undefined);
    // What an analyst sees at 1366×768 (the page scrolls inside its frame), and the whole page
    await page.evaluate(() => document.querySelector('.scroll')?.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'ledger.png') });
    const tall = await page.evaluate(() => (document.querySelector('.scroll')?.scrollHeight ?? 768) + (document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0));
    await page.setViewportSize({ width: 1366, height: Math.min(Math.ceil(tall), 4000) });
    await page.screenshot({ path: join(SHOTS, 'ledger-full.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    // Status filter: the one measure 推进中
    await page.getByRole('combobox', { name: '按状态筛选' }).selectOption('推进中');
    await expect.poll(() => body.locator('[role=row]').count()).toBe(1);

    // Exports: Excel and a Word table, of what the filters show
    const xlsx = join(work, 'exports', '璧山区任务台账_2025年.xlsx');
    h.dialogs.savePaths.push(xlsx);
    await page.getByRole('button', { name: '导出 Excel…' }).click();
    await page.getByText(`已导出：${xlsx}`).waitFor({ timeout: 30_000 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const values = wb.getWorksheet('任务台账')?.getSheetValues().flat().filter((v): v is string => typeof v === 'string') ?? [];
    expect(values).toContain('推动“1＋2＋N”普惠金融到村');
    expect(values.some((v) => v.includes('筛选：责任单位：人行江津中心支行，状态：推进中'))).toBe(true);
    const docx = join(work, 'exports', '璧山区任务台账_2025年.docx');
    h.dialogs.savePaths.push(docx);
    await page.getByRole('button', { name: '导出 Word…' }).click();
    await page.getByText(`已导出：${docx}`).waitFor({ timeout: 30_000 });
    const xml = readZip(readFileSync(docx)).find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('已在 12 个行政村建成金融综合服务示范站');
    expect(h.pageErrors).toEqual([]);
  });

  it('区域数据与覆盖: 行政村 per 镇街 entered with its source; two banks covering one village count once; the target and the ledger follow', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/settings`);
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '区域数据与覆盖' }).click();
    const panel = page.locator('section.coverage');
    await panel.waitFor();
    // 大兴镇 has 4 行政村 (as the analyst records it, with its source)
    await page.getByRole('button', { name: '录入大兴镇行政村数' }).click();
    await page.getByLabel('数值', { exact: true }).fill('4');
    await page.getByLabel('数据截至日期').fill('2022-01-01');
    await page.getByLabel('数据来源').fill('区民政局行政区划统计（2022年）');
    await panel.getByRole('button', { name: '保存' }).click();
    await page.getByText('已录入大兴镇行政村数 4（截至 2022-01-01，区民政局行政区划统计（2022年））。').waitFor();
    // the same village reported by two banks
    for (const bank of ['重庆农村商业银行璧山支行', '中国邮政储蓄银行璧山支行']) {
      await page.getByLabel('所在镇街').selectOption({ label: '大兴镇' });
      await page.getByLabel('行政村名称').fill('大兴村');
      await page.getByLabel('覆盖机构').selectOption({ label: bank });
      await page.getByLabel('覆盖日期').fill('2022-06-30');
      await page.getByLabel('覆盖来源').fill('各行报送的服务站清单');
      await panel.getByRole('button', { name: '记录', exact: true }).click();
      await page.getByText(`已记录 大兴镇大兴村（${bank}）自 2022-06-30 起覆盖。`).waitFor();
    }
    await page.getByLabel('覆盖截至日期').fill('2022-12-31');
    const row = panel.locator('tr', { hasText: '大兴镇' }).first();
    // 1 village of 4, from 2 records
    await expect.poll(() => row.innerText()).toMatch(/大兴镇\s+4[\s\S]*\b1\b\s+25.00%/);
    expect(await panel.innerText()).toContain('多家机构覆盖同一行政村只计一次');
    await page.evaluate(() => document.querySelector('.scroll')?.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'settings-coverage.png') });
    const s = must(await h.handlers['coverage.status']({ region: 'bishan', kind: 'villages', date: '2022-12-31' }, {}));
    expect(s.units.find((u) => u.unitName === '大兴镇')).toMatchObject({ total: 4, covered: 1, records: 2, rate: 0.25 });
    // the district has no total until every 镇街 has one: the target says so, per 镇街
    const t = must(await h.handlers['targets.evaluate']({ region: 'bishan', quarter: '2025Q4' }, {})).find((x) => x.id === 'bs-village-coverage');
    expect(t).toMatchObject({ status: '无数据', detailLabel: '镇街' });
    expect(t?.details.find((d) => d.name === '大兴镇')).toMatchObject({ value: 0.25, met: false });
    expect(h.pageErrors).toEqual([]);
  });
});
