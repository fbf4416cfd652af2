/**
 * 打印 and 导出 PDF, in the window at 1366×768 against the real services: 考核评估, 报送情况
 * (a long matrix over several landscape pages) and 产业链 (charts) are exported through the
 * page's own 导出 PDF… (the harness answers shell.exportPdf as Electron's main does: Chromium
 * prints the laid-out page with the shared options, pdf.save writes it), then the PDF is
 * read back with poppler: its text (title, region, period, units, 制表日期, 「第 1 页」, the
 * table's last row), its page size and fonts; its pages are rendered to PNG for the eye.
 * Ctrl+P lays out the same form for the system print dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { must } from '../helpers/result';
import { addVillageBanks, importSample } from './files';
import { today } from '../../src/domain/clock';
import { chineseDate } from '../../src/domain/present/printForm';
import { PAGES } from '../../src/ui/pages/registry';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;
/** 制表日期 as the form prints it: today by the services' clock (the tests fix it). */
const DATE = chineseDate(today());

async function open(id: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/${id}`);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 90_000 });
}

interface Pdf {
  path: string;
  text: string;
  pages: string[];
  info: string;
  fonts: string;
}

/** 导出 PDF… from the top bar into `name`: what the note says, and the PDF as poppler reads it. */
async function exportPdf(name: string): Promise<Pdf & { note: string }> {
  const path = join(work, name);
  h.dialogs.savePaths.push(path);
  await h.page.getByRole('button', { name: '导出 PDF…' }).click();
  const note = h.page.locator('.print-note .ok-note');
  await note.waitFor({ timeout: 60_000 });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return {
    path,
    note: (await note.textContent()) ?? '',
    text,
    pages: text.split('\f').filter((p) => p.trim() !== ''),
    info: execFileSync('pdfinfo', [path], { encoding: 'utf8' }),
    fonts: execFileSync('pdffonts', [path], { encoding: 'utf8' }),
  };
}

/** Every page of the PDF as tests/e2e/screenshots/print-<name>-<n>.png (to be looked at). */
function renderPages(pdf: string, name: string, last?: number): string[] {
  const dir = mkdtempSync(join(work, 'png-'));
  execFileSync('pdftoppm', ['-r', '80', '-png', ...(last ? ['-l', String(last)] : []), pdf, join(dir, 'p')]);
  return readdirSync(dir)
    .sort()
    .map((f, i) => {
      const to = join(SHOTS, `print-${name}-${i + 1}.png`);
      renameSync(join(dir, f), to);
      return to;
    });
}

/** The text without the spaces and line breaks pdftotext puts between glyphs. */
function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Whether `name` is printed: its characters in order, each within a short reach of the one
 * before (a name wrapped inside a narrow cell comes out of pdftotext interleaved with the
 * row's other cells).
 */
function printed(text: string, name: string): boolean {
  let at = text.indexOf(name[0] ?? '');
  while (at >= 0) {
    let pos = at;
    let ok = true;
    for (const ch of name.slice(1)) {
      const next = text.indexOf(ch, pos + 1);
      if (next < 0 || next - pos > 80) {
        ok = false;
        break;
      }
      pos = next;
    }
    if (ok) return true;
    at = text.indexOf(name[0] ?? '', at + 1);
  }
  return false;
}

function pageCount(info: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-print-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  await importSample(h, join(work, 'sample'), '2024-2025');
  // A region of many banks (as at 10×): the matrix runs over several pages.
  await addVillageBanks(h, 40);
}, 300_000);

afterAll(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('打印 and 导出 PDF: each page as an A4 form', () => {
  it('考核评估 exports to an A4 PDF with its title, region, period, units, 制表日期 and page numbers, named in Chinese', async () => {
    await open('assessment');
    const pdf = await exportPdf('考核评估.pdf');
    expect(h.dialogs.savedNames.at(-1)).toBe('考核评估_安康市_2025年度.pdf');
    const text = squeezed(pdf.text);
    expect(text).toContain('考核评估');
    expect(text).toContain('地区：安康市');
    expect(text).toContain('期间：2025年度');
    expect(text).toContain('单位：分、%');
    expect(text).toContain(`制表日期：${DATE}`);
    expect(text).toMatch(/第1页共\d+页/);
    // The ranking prints every bank the services scored.
    const scored = must(await h.handlers['assessment.score']({ region: 'ankang', year: 2025 }, {}));
    for (const r of scored.results) expect(printed(text, squeezed(r.institutionName)), r.institutionName).toBe(true);
    expect(pdf.info).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    // Every font is embedded (the PDF prints the same on any PC) and maps its glyphs to Unicode (the Chinese text is extractable).
    const fonts = pdf.fonts.split('\n').map((l) => /\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l)).filter((m) => m !== null);
    expect(fonts.length).toBeGreaterThan(0);
    for (const [, emb, , uni] of fonts) expect([emb, uni]).toEqual(['yes', 'yes']);
    // Nothing of the window's controls is on paper.
    expect(text).not.toContain('导出PDF…');
    expect(text).not.toContain('功能导航');
    expect(pdf.note).toContain(`已导出：${pdf.path}`);
    expect(pdf.note).toContain(`共 ${pageCount(pdf.info)} 页`);
    await h.page.screenshot({ path: join(SHOTS, 'print-assessment-window.png') });
    await h.page.locator('.print-note').getByRole('button', { name: '在文件夹中显示' }).click();
    expect(h.dialogs.shown).toContain(pdf.path);
    renderPages(pdf.path, 'assessment');
  }, 180_000);

  it('报送情况 prints every row of its virtual matrix, landscape, over several pages with the header on each', async () => {
    await open('status');
    // On screen the matrix draws only the rows in view; the last is reached by scrolling.
    const body = h.page.locator('.dt-body').first();
    const firstNames = async (): Promise<string[]> => (await body.locator('.dt-row > .dt-td:first-child').allTextContents()).map(squeezed);
    const drawnFirst = await firstNames();
    const drawnOnScreen = drawnFirst.length;
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await firstNames()).at(-1), { timeout: 10_000 }).not.toBe(drawnFirst.at(-1));
    const lastRow = (await firstNames()).at(-1) ?? '';
    expect(drawnFirst).not.toContain(lastRow);
    const matrix = must(await h.handlers['status.matrix']({ region: 'ankang', quarter: '2025Q4' }, {}));
    expect(matrix.institutions.length).toBeGreaterThan(drawnOnScreen);

    const pdf = await exportPdf('报送情况.pdf');
    expect(h.dialogs.savedNames.at(-1)).toMatch(/^报送情况_安康市_\d{4}年第.季度(至\d{4}年第.季度)?\.pdf$/);
    expect(pdf.info).toMatch(/Page size:\s+841(\.\d+)? x 59[45](\.\d+)? pts \(A4\)/);
    expect(pageCount(pdf.info)).toBeGreaterThan(1);
    const pages = pdf.pages.map(squeezed);
    expect(pages[0]).toContain('报送情况');
    expect(pages[0]).toContain('地区：安康市');
    expect(pages[0]).toContain(`制表日期：${DATE}`);
    expect(pages[0]).toMatch(/第1页共\d+页/);
    // The matrix's last row (not drawn until scrolled to) is printed, and so is every bank of the region.
    expect(pages.slice(1).some((p) => printed(p, lastRow))).toBe(true);
    expect(pages.at(-1)).toMatch(new RegExp(`第${pages.length}页共${pages.length}页`));
    for (const i of matrix.institutions) expect(printed(squeezed(pdf.text), squeezed(i.name)), i.name).toBe(true);
    // Later pages repeat the header row and carry the running head.
    const header = squeezed((await h.page.locator('.dt-head .dt-th').first().textContent()) ?? '');
    for (const p of pages.slice(1)) {
      expect(p).toContain(header);
      expect(p).toContain('报送情况·安康市');
    }
    // The window is given back as it was: a virtual table again.
    expect(await h.page.locator('table.dt-print').count()).toBe(0);
    expect(await h.page.evaluate(() => document.documentElement.classList.contains('printing'))).toBe(false);
    renderPages(pdf.path, 'status');
  }, 180_000);

  it('产业链 prints its charts drawn to the paper width, their titles as text', async () => {
    await open('chains');
    const titles = (await h.page.locator('.chart-card h3').allTextContents()).map(squeezed).filter((t) => t !== '');
    expect(titles.length).toBeGreaterThan(0);
    const pdf = await exportPdf('产业链.pdf');
    expect(h.dialogs.savedNames.at(-1)).toBe('产业链_安康市_2025年第四季度末.pdf');
    const text = squeezed(pdf.text);
    expect(text).toContain('产业链');
    expect(text).toContain('期间：2025年第四季度末');
    expect(text).toContain('单位：万元、亿元、%');
    expect(text).toContain(`制表日期：${DATE}`);
    expect(text).toMatch(/第1页共\d+页/);
    for (const t of titles) expect(text).toContain(t);
    expect(pdf.info).toMatch(/\(A4\)/);
    // Two charts to a sheet, as an office prints them: a chart taller than half a page is drawn narrower.
    expect(titles.length).toBeGreaterThanOrEqual(6);
    expect(pdf.pages.length).toBeLessThanOrEqual(Math.ceil(titles.length / 2));
    renderPages(pdf.path, 'chains');
  }, 180_000);

  it('Ctrl+P lays the page out as the same form, charts within the printable width, and hands it to the print dialog', async () => {
    await open('chains');
    await h.page.keyboard.press('Control+P');
    await expect.poll(() => h.dialogs.printed.length, { timeout: 30_000 }).toBe(1);
    const printed = h.dialogs.printed[0];
    expect(printed?.landscape).toBe(false);
    expect(squeezed(printed?.header ?? '')).toContain('产业链');
    expect(squeezed(printed?.header ?? '')).toContain(`制表日期：${DATE}`);
    // 180 mm (A4 less 15 mm margins) at 96 CSS px per inch, every chart drawn inside it.
    expect(printed?.pageWidth).toBeCloseTo((180 / 25.4) * 96, 0);
    expect(printed?.chartWidths.length).toBeGreaterThan(0);
    for (const w of printed?.chartWidths ?? []) expect(w).toBeLessThanOrEqual((printed?.pageWidth ?? 0) + 0.5);
    // Ctrl+Shift+P is 导出 PDF…; a cancelled save dialog writes nothing and says nothing.
    const asked = h.dialogs.savedNames.length;
    await h.page.keyboard.press('Control+Shift+P');
    await expect.poll(() => h.dialogs.savedNames.length, { timeout: 10_000 }).toBe(asked + 1);
    expect(h.dialogs.savedNames.at(-1)).toBe('产业链_安康市_2025年第四季度末.pdf');
    expect(await h.page.locator('.print-note .ok-note').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  it('every page of the workbench prints as a form: its title and 制表日期 at the head, nothing wider than the sheet', async () => {
    for (const p of PAGES) {
      await open(p.id);
      // Laid out for print media (as Chromium lays it out for paper), as Ctrl+P hands it to the print dialog.
      await h.page.emulateMedia({ media: 'print' });
      const before = h.dialogs.printed.length;
      await h.page.keyboard.press('Control+P');
      await expect.poll(() => h.dialogs.printed.length, { timeout: 30_000 }).toBe(before + 1);
      await h.page.emulateMedia({ media: null });
      const printed = h.dialogs.printed.at(-1)!;
      const head = squeezed(printed.header);
      expect(head, p.id).toContain(squeezed(p.title));
      expect(head, p.id).toContain(`制表日期：${DATE}`);
      if (p.id !== 'audit') expect(head, p.id).toContain('地区：安康市');
      expect(printed.landscape, p.id).toBe(p.id === 'status' || p.id === 'report');
      expect(printed.pageWidth, p.id).toBeCloseTo(((printed.landscape ? 267 : 180) / 25.4) * 96, 0);
      for (const w of [...printed.tableWidths, ...printed.chartWidths]) expect(w, p.id).toBeLessThanOrEqual(printed.pageWidth + 0.5);
      expect(printed.overflowing, p.id).toEqual([]);
      // Its first sheet as a PNG, to be looked at.
      const pdf = await exportPdf(`${p.id}.pdf`);
      expect(squeezed(pdf.pages[0] ?? ''), p.id).toMatch(/第1页共\d+页/);
      renderPages(pdf.path, `page-${p.id}`, 1);
    }
    expect(h.pageErrors).toEqual([]);
  }, 300_000);
});
