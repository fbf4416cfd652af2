/** Test files an analyst would receive: a sample report with one cell typed wrong. */
import ExcelJS from 'exceljs';

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
