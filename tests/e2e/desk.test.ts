/**
 * The analyst's desk at 1366×768: the banks' texts (文字材料) listed and searched in the
 * window across all quarters, a passage copied with its attribution; a refused file made into
 * a 退回通知 from 报送情况 and the .docx read back, the matrix showing 已退回, the 催报通知.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { must } from '../helpers/result';
import { writeWithCell } from './files';
import { readZip } from '../charts/zip';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;
let sampleDir: string;
let abcQ4: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-desk-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
  sampleDir = join(work, 'sample');
  must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
  const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: { file: string; institution: string; quarter: string; receivedDate: string }[] };
  abcQ4 = manifest.files.find((f) => f.institution === 'AK-ABC' && f.quarter === '2025Q4')?.file ?? '';
  const paths = manifest.files.map((f) => join(sampleDir, f.file));
  expect(must(await h.handlers['import.files']({ paths, receivedDates: Object.fromEntries(manifest.files.map((f) => [join(sampleDir, f.file), f.receivedDate])) }, {})).rejected).toBe(0);
}, 240_000);

afterAll(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('文字材料', () => {
  it('opens on the newest quarter, searches every quarter, copies a passage with its attribution', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/texts`);
    await page.getByRole('combobox', { name: '地区' }).selectOption('ankang');
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('combobox', { name: '报告期' }).inputValue()).toBe('2025Q4');
    const q4 = must(await h.handlers['texts.list']({ region: 'ankang', quarter: '2025Q4' }, {}));
    expect(q4.total).toBeGreaterThan(10);
    await expect.poll(() => page.locator('li.entry').count()).toBe(q4.entries.length);
    await page.screenshot({ path: join(SHOTS, 'texts.png') });

    // 存在问题 of one bank
    await page.getByRole('combobox', { name: '机构' }).selectOption('AK-ABC');
    await page.getByRole('radio', { name: '存在问题' }).click();
    await expect.poll(() => page.locator('li.entry').count()).toBe(1);
    const problems = must(await h.handlers['texts.list']({ region: 'ankang', quarter: '2025Q4', institution: 'AK-ABC', kind: 'text_problems' }, {})).entries[0];
    expect(await page.locator('li.entry .body').innerText()).toBe(problems?.text.slice(0, 220) + ((problems?.text.length ?? 0) > 220 ? '…' : ''));

    // Search every quarter for a phrase of the sample texts (index) and a two-character word (LIKE)
    await page.getByRole('combobox', { name: '机构' }).selectOption('');
    await page.getByRole('radio', { name: '全部' }).click();
    await page.getByRole('searchbox', { name: '全文检索' }).fill('抵押 农村产权');
    await page.getByRole('button', { name: '检索' }).click();
    const found = must(await h.handlers['texts.list']({ region: 'ankang', search: '抵押 农村产权' }, {}));
    expect(found.terms).toEqual([{ term: '抵押', via: 'like' }, { term: '农村产权', via: 'index' }]);
    expect(new Set(found.entries.map((e) => e.quarter)).size).toBeGreaterThan(1);
    await expect.poll(() => page.locator('[role=status]').first().innerText()).toBe(`在全部季度中检索 「抵押」、「农村产权」：共 ${found.total} 条${found.total > found.entries.length ? `，列出前 ${found.entries.length} 条` : ''}`);
    await expect.poll(() => page.locator('li.entry').count()).toBe(found.entries.length);
    const marks = await page.locator('li.entry').first().locator('mark').allInnerTexts();
    // Adjacent hits are one highlight (农村产权抵押): every mark is made of the terms, and both show.
    expect(marks.every((m) => m.replace(/农村产权|抵押/g, '') === '')).toBe(true);
    expect(marks.join('')).toContain('农村产权');
    expect(marks.join('')).toContain('抵押');
    await page.screenshot({ path: join(SHOTS, 'texts-search.png') });

    const first = found.entries[0];
    await page.locator('li.entry').first().getByRole('button', { name: /^复制/ }).click();
    await page.getByText(/已复制.*（附来源）/).waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toBe(`${first?.text.trim()}\n（来源：${first?.institutionName}${first?.quarterLabel}报送材料·${first?.kindLabel}）`);
    expect(h.pageErrors).toEqual([]);
  });
});

describe('退回重报', () => {
  it('a refused file becomes a 退回通知 from 报送情况; the .docx reads back; the matrix shows 已退回; the chase list exports as a 催报通知', async () => {
    const page = h.page;
    mkdirSync(join(work, 'in'), { recursive: true });
    const bad = join(work, 'in', '中国农业银行安康分行_2025年四季度_更正.xlsx');
    const at = await writeWithCell(join(sampleDir, abcQ4), bad, 'RV_loans_total_bal', '十万');
    const r = must(await h.handlers['import.files']({ paths: [bad], receivedDate: '2026-01-12' }, {}));
    expect(r.files[0]?.status).toBe('rejected');
    await page.goto(`${h.origin}/index.html#/status`);
    await page.getByRole('combobox', { name: '地区' }).selectOption('ankang');
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    const panel = page.locator('section.returns');
    await panel.locator('tbody tr', { hasText: '中国农业银行安康分行_2025年四季度_更正.xlsx' }).waitFor({ timeout: 30_000 });
    const docx = join(work, 'exports', '退回通知_中国农业银行安康分行_2025年第四季度.docx');
    h.dialogs.savePaths.push(docx);
    await panel.getByRole('button', { name: '中国农业银行安康分行退回通知 Word' }).click();
    await panel.getByText(`已导出：${docx}（退回通知 安康退〔2026〕1号，重报截止 2026-03-05）`).waitFor({ timeout: 30_000 });
    const xml = readZip(readFileSync(docx)).find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    const text = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('关于退回中国农业银行安康分行2025年第四季度金融支持乡村振兴工作情况报表的通知');
    expect(text).toContain(`SHA-256 前12位：${(r.files[0]?.sha256 ?? '').slice(0, 12)}`);
    expect(text).toContain(`${at.sheet}!${at.cell}`);
    expect(text).toContain('十万');
    expect(text).toContain('2026年3月5日（星期四）前重新报送');
    // The matrix: 农行 2025Q4 已退回 (the notice's date), and on the chase list with the 重报 deadline
    const row = page.locator('.dt-body [role=row]', { hasText: '中国农业银行安康分行' }).first();
    await expect.poll(() => row.innerText()).toContain('已退回 03-02');
    await expect.poll(() => page.locator('section.panel', { hasText: '催报清单' }).innerText()).toContain('2026-03-05');
    await page.screenshot({ path: join(SHOTS, 'status-returns.png') });
    const chase = join(work, 'exports', '催报通知_安康市_2025年第四季度.docx');
    h.dialogs.savePaths.push(chase);
    await panel.getByRole('button', { name: '导出催报通知（Word）…' }).click();
    await panel.getByText(new RegExp(`已导出：${chase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（催报通知，\\d+ 家机构）`)).waitFor({ timeout: 30_000 });
    const chaseXml = readZip(readFileSync(chase)).find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(chaseXml).toContain('已退回，待重报');
    expect(h.pageErrors).toEqual([]);
  });
});
