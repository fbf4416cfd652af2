/**
 * Out to Word and Excel, in the window at 1366×768 against the real services: what
 * 复制表格 and 复制图片 put on the clipboard is read back and checked (every row of a
 * virtualised table, numbers as numbers with their format; a PNG that decodes, at print
 * size), and 导出 Excel writes a workbook whose cells are the table's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { startHarness, ROOT, type Harness } from './harness';
import { addVillageBanks } from './files';
import { must } from '../helpers/result';
import { decodePng, pngSize } from '../electron/png-pixels';
import { resolveSize } from '../../src/services/charts/render';
import { institutionDisplayName } from '../../src/domain/catalogue/exampleName';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;

async function open(id: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/${id}`);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

/** What the clipboard holds now: each type's text, images as base64. */
async function clipboard(): Promise<Record<string, string>> {
  return h.page.evaluate(async () => {
    const out: Record<string, string> = {};
    for (const item of await navigator.clipboard.read()) {
      for (const type of item.types) {
        const blob = await item.getType(type);
        if (type.startsWith('image/')) {
          const bytes = new Uint8Array(await blob.arrayBuffer());
          let bin = '';
          for (const b of bytes) bin += String.fromCharCode(b);
          out[type] = btoa(bin);
        } else out[type] = await blob.text();
      }
    }
    return out;
  });
}

async function clearClipboard(): Promise<void> {
  await h.page.evaluate(() => navigator.clipboard.writeText(''));
}

/** The HTML flavour's table as rows of { text, num, fmt } (num: the x:num Excel stores). */
async function htmlCells(html: string): Promise<{ text: string; num: string | null; fmt: string }[][]> {
  return h.page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'text/html');
    return Array.from(doc.querySelectorAll('table tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td,th')).map((td) => ({
        text: (td.textContent ?? '').trim(),
        num: td.getAttribute('x:num'),
        fmt: /mso-number-format:'([^']*)'/.exec(td.getAttribute('style') ?? '')?.[1] ?? '',
      })),
    );
  }, html);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'rfm-e2e-desk-'));
  h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
  const sampleDir = join(work, 'sample');
  must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
  const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: { file: string; receivedDate: string }[] };
  const paths = manifest.files.map((f) => join(sampleDir, f.file));
  expect(must(await h.handlers['import.files']({ paths, receivedDates: Object.fromEntries(manifest.files.map((f) => [join(sampleDir, f.file), f.receivedDate])) }, {})).rejected).toBe(0);
  // A region of many banks (as at 10×): more rows than the virtual list draws.
  await addVillageBanks(h, 15);
}, 240_000);

afterAll(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('复制图片', () => {
  it('puts a PNG at print size (15.5 cm, 300 dpi) on the clipboard, the export’s own rendering', async () => {
    await open('chains');
    const card = h.page.locator('.chart-card[data-chart="chain.institutions"]');
    await card.locator('svg').first().waitFor();
    await clearClipboard();
    await card.getByRole('button', { name: '复制图片' }).click();
    await card.getByText('已复制图片').waitFor({ timeout: 60_000 });
    const clip = await clipboard();
    const png = Buffer.from(clip['image/png'] ?? '', 'base64');
    // The chart the card shows: the chain chosen on the page, the quarter picked.
    const quarter = await h.page.getByLabel('报告期').inputValue();
    const chainName = await h.page.locator('[role=radio][aria-checked=true]').innerText();
    const chain = must(await h.handlers['registry.regions']({}, {})).flatMap((r) => r.chains).find((c) => c.name === chainName)?.code ?? '';
    const built = must(await h.handlers['charts.option']({ id: 'chain.institutions', params: { quarter, chain }, amountUnit: 'auto' }, {}));
    expect(built.aspect).toBeGreaterThan(0.62);
    const size = resolveSize({ aspect: built.aspect, widthCm: 15.5, dpi: 300 });
    writeFileSync(join(SHOTS, 'deskout-clipboard-chart.png'), png);
    expect(pngSize(png)).toEqual({ width: size.pixelWidth, height: size.pixelHeight });
    expect(size.pixelWidth).toBe(1831);
    // It decodes, and it is a chart (dark title glyphs and coloured bars), not a blank page.
    const img = decodePng(png);
    let ink = 0;
    for (let y = 0; y < img.height; y += 7) for (let x = 0; x < img.width; x += 7) if (img.at(x, y)[0] < 128) ink++;
    expect(ink).toBeGreaterThan(200);
    expect(await card.innerText()).toContain(`${size.pixelWidth.toLocaleString('en-US')} × ${size.pixelHeight.toLocaleString('en-US')} 像素`);
    await h.page.screenshot({ path: join(SHOTS, 'deskout-copy-image.png') });
  });
});

describe('复制表格 and 导出 Excel', () => {
  it('报送情况: the whole matrix, not the rows drawn, as TSV and HTML', async () => {
    await open('status');
    const matrix = h.page.locator('section', { hasText: '机构 × 季度报送情况' }).locator('.dt').first();
    const listed = must(await h.handlers['status.matrix']({ region: 'ankang', from: '2024Q1', to: '2025Q4' }, {}));
    const drawn = await matrix.locator('.dt-body [role=row]').count();
    await clearClipboard();
    await matrix.getByRole('button', { name: '复制表格' }).click();
    await matrix.getByText('已复制「安康市金融机构报送情况」').waitFor();
    const clip = await clipboard();
    const lines = (clip['text/plain'] ?? '').trimEnd().split('\r\n');
    const rows = listed.institutions.filter((i) => i.region === 'ankang').length;
    expect(drawn).toBeLessThan(rows);
    expect(lines).toHaveLength(rows + 1);
    expect(lines[0]?.split('\t')[0]).toBe('机构');
    // The fictional bank goes out marked as on screen (汉阴县示例村镇银行（示例）).
    for (const r of listed.institutions) expect(lines.some((l) => l.startsWith(`${institutionDisplayName(r)}\t`))).toBe(true);
    const cells = await htmlCells(clip['text/html'] ?? '');
    expect(cells).toHaveLength(rows + 1);
    expect(clip['text/html']).toContain('安康市金融机构报送情况');
    await h.page.screenshot({ path: join(SHOTS, 'deskout-status-copy.png') });
  });

  it('首页 产业链一览: amounts go as numbers with 千分位 (x:num + mso-number-format); 导出 Excel writes the same cells', async () => {
    await open('home');
    const table = h.page.locator('section', { hasText: '产业链一览' }).locator('.dt');
    await clearClipboard();
    await table.getByRole('button', { name: '复制表格' }).click();
    await table.getByText('已复制').waitFor();
    const clip = await clipboard();
    const cells = await htmlCells(clip['text/html'] ?? '');
    const indicators = must(await h.handlers['indicators.compute']({ region: 'ankang', quarter: '2025Q4', ids: ['chain_bal'] }, {}));
    const teaBalance = indicators.find((r) => r.chain === 'selenium_tea')?.value ?? null;
    if (teaBalance === null) throw new Error('no 富硒茶 balance');
    const header = cells[0]?.map((c) => c.text) ?? [];
    expect(header.slice(0, 4)).toEqual(['产业链', '贷款余额（万元）', '比年初增速', '占涉农贷款']);
    const teaRow = cells.find((r) => r[0]?.text === '富硒茶');
    if (!teaRow) throw new Error('no 富硒茶 row');
    const bal = teaRow[1];
    // Excel stores the figure as shown (two decimals), the exact value the services computed.
    expect(Number(bal?.num)).toBe(Math.round(teaBalance * 100) / 100);
    expect(bal?.text).toBe(Number(bal?.num).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(bal?.fmt).toBe('\\#\\,\\#\\#0\\.00');
    expect(teaRow[2]?.fmt).toBe('0\\.00\\%');

    const out = join(work, '产业链一览.xlsx');
    h.dialogs.savePaths.push(out);
    await table.getByRole('button', { name: '导出 Excel…' }).click();
    await table.getByText('已导出').waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(String(ws.getCell('A1').value)).toBe('安康市产业链贷款一览');
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '富硒茶') {
        found = true;
        expect(row.getCell(2).value).toBe(Number(bal?.num));
        expect(row.getCell(2).numFmt).toBe('#,##0.00');
      }
    });
    expect(found).toBe(true);
    await table.getByRole('button', { name: '打开所在文件夹' }).click();
    expect(h.dialogs.shown).toContain(out);
  });
});

describe('报告材料 from the window', () => {
  it('region and quarter picked, progress shown, a new folder named in Chinese that a second pack never reuses', async () => {
    await open('chains');
    const panel = h.page.getByRole('region', { name: '报告材料' });
    await panel.getByLabel('报告材料的区域').selectOption({ label: '安康市' });
    const quarter = await panel.getByLabel('报告材料的季度').inputValue();
    const parent = join(work, '报告');
    mkdirSync(parent, { recursive: true });
    h.dialogs.folders.push(parent);
    await panel.getByRole('button', { name: '生成报告材料…' }).click();
    await panel.getByRole('status').filter({ hasText: '绘制图表' }).first().waitFor({ timeout: 60_000 });
    await h.page.screenshot({ path: join(SHOTS, 'deskout-pack-progress.png') });
    await panel.getByText('已生成').waitFor({ timeout: 300_000 });
    const period = quarter === '2025Q4' ? '2025年第四季度' : quarter;
    const dir = join(parent, `安康市_${period}_报告材料`);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining([`安康市_${period}_数据表.xlsx`, `安康市_${period}_报告初稿.docx`, '图表']));
    const charts = readdirSync(join(dir, '图表', '安康市'));
    expect(charts).toContain(`01_安康市_${period}_富硒茶产业链贷款余额与当年累放.png`);
    expect(new Set(charts).size).toBe(charts.length);
    expect(await panel.innerText()).toContain(`安康市_${period}_报告初稿.docx`);
    await h.page.screenshot({ path: join(SHOTS, 'deskout-pack-done.png') });
    await panel.getByRole('button', { name: '打开所在文件夹' }).click();
    expect(h.dialogs.shown).toContain(join(dir, `安康市_${period}_报告初稿.docx`));

    // The same pack again: a folder of its own beside the first, which is left as it was.
    const again = must(await h.handlers['charts.pack']({ quarter, region: 'ankang', out: parent, newFolder: true, dpi: 72 }, {}));
    expect(again.dir).toBe(join(parent, `安康市_${period}_报告材料（2）`));
    expect(readdirSync(dir)).toEqual(files);
    // The whole pack (every chart at print size, the workbook, the Word draft) is made twice:
    // a hang guard above the 300 s its own wait allows, not a speed check.
  }, 420_000);

  it('取消 while the charts are drawn: the pack stops, says so, and leaves no half-made folder', async () => {
    await open('chains');
    const panel = h.page.getByRole('region', { name: '报告材料' });
    // Both regions: enough charts that the 取消 comes while they are drawn.
    await panel.getByLabel('报告材料的区域').selectOption({ label: '全部地区' });
    const parent = join(work, '取消的报告');
    mkdirSync(parent, { recursive: true });
    h.dialogs.folders.push(parent);
    await panel.getByRole('button', { name: '生成报告材料…' }).click();
    await panel.getByRole('status').filter({ hasText: '绘制图表' }).first().waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: '取消' }).click();
    await panel.getByText('已取消生成报告材料，未留下不完整的文件。').waitFor({ timeout: 60_000 });
    expect(await panel.getByText('已生成').count()).toBe(0);
    await expect.poll(() => readdirSync(parent)).toEqual([]);
    await h.page.screenshot({ path: join(SHOTS, 'deskout-pack-cancelled.png') });
  }, 180_000);
});

