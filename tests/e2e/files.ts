/** Test files an analyst would receive: a sample report with one cell typed wrong; the sample set imported. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Harness } from './harness';
import { must } from '../helpers/result';

/** Where a defined name points: sheet name and cell address (e.g. 贷款, C7). */
export async function locateName(file: string, definedName: string): Promise<{ sheet: string; cell: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ref = wb.definedNames.getRanges(definedName).ranges[0];
  const m = ref ? /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ref) : null;
  if (!m) throw new Error(`no defined name ${definedName} in ${file}`);
  return { sheet: m[1] ?? '', cell: `${m[2]}${m[3]}` };
}

/** Copies a report with the cell behind `definedName` set to `value` (text in a number cell, say). */
export async function writeWithCell(src: string, dest: string, definedName: string, value: string | number): Promise<{ sheet: string; cell: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const at = await locateName(src, definedName);
  const ws = wb.getWorksheet(at.sheet);
  if (!ws) throw new Error(`no sheet ${at.sheet}`);
  ws.getCell(at.cell).value = value;
  await wb.xlsx.writeFile(dest);
  return at;
}

/** A file of the sample set's manifest.json (sample.generate), as the e2e suites read it. */
export interface ManifestFile {
  file: string;
  institution: string;
  quarter: string;
  receivedDate: string;
  resubmission: boolean;
}

/**
 * The sample set of some years generated into `dir` and its first submissions (no 重报)
 * imported with their arrival dates and the sample analyst's decisions on warnings, through
 * the handlers; the manifest as read.
 */
export async function importSample(h: Harness, dir: string, years: string): Promise<{ files: ManifestFile[]; acks: Record<string, Record<string, string>> }> {
  must(await h.handlers['sample.generate']({ out: dir, years }, {}));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: ManifestFile[]; acks: Record<string, Record<string, string>> };
  const files = manifest.files.filter((f) => !f.resubmission);
  must(await h.handlers['import.files']({ paths: files.map((f) => join(dir, f.file)), receivedDates: Object.fromEntries(files.map((f) => [join(dir, f.file), f.receivedDate])), acks: manifest.acks }, {}));
  return manifest;
}

/** `count` more 村镇银行 in 安康 (安康第n村镇银行, AK-VBnn, no reports): a region of many banks, as at 10×, whose tables run past what a virtual list draws. */
export async function addVillageBanks(h: Harness, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    const code = `AK-VB${String(n).padStart(2, '0')}`;
    must(await h.handlers['registry.saveInstitution']({ institution: { code, name: `安康第${n}村镇银行`, aliases: [], type: '村镇银行', region: 'ankang', county: null, legalPerson: true, size: '小型', sample: false, example: false, active: true } }, {}));
  }
}

/** Opens 考核评估 on a region and year, each choice waited for until the page has loaded it. */
export async function openAssessment(h: Harness, region: string, year: string): Promise<void> {
  await h.page.goto(`${h.origin}/index.html#/assessment`);
  await h.page.getByRole('combobox', { name: '地区' }).selectOption(region);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
  await h.page.getByRole('combobox', { name: '考核年度' }).selectOption(year);
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}
