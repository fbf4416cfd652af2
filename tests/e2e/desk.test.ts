/**
 * The analyst's desk at 1366×768: the banks' texts (文字材料) listed and searched in the
 * window across all quarters, a passage copied with its attribution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;
let sampleDir: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-desk-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
  sampleDir = join(work, 'sample');
  must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
  const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: { file: string; receivedDate: string }[] };
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
