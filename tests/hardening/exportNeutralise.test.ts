/**
 * Text values written back to .xlsx/.csv are neutralised against formula
 * injection: the office table writer (every tabular export) is checked on a
 * real file, and every source file that writes a spreadsheet must go through
 * neutraliseFormula or say why it need not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { writeOfficeWorkbook } from '../../src/services/exports/office-table';
import { INJECTIONS } from './corpus/injections';
import { REPO } from './helpers/spawn';
import { tempDir } from './helpers/temp';

const tmp = tempDir('export');
afterAll(() => tmp.cleanup());

describe('exports are neutralised against formula injection', () => {
  it('the office table writer turns formula-like text into plain text, numbers untouched', async () => {
    const path = join(tmp.dir, 'table.xlsx');
    const attacks = Object.values(INJECTIONS);
    await writeOfficeWorkbook(path, [
      {
        name: '表',
        title: '测试表',
        period: '报告期：2025年第三季度',
        unit: '单位：万元',
        columns: [
          { key: 'name', header: '机构', width: 30 },
          { key: 'note', header: '说明', width: 40 },
          { key: 'amount', header: '余额', width: 12, format: 'amount' },
        ],
        rows: attacks.map((a, i) => ({ name: `机构${i}`, note: a, amount: -1234.5 })),
        source: '测试',
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('表');
    const notes: unknown[] = [];
    const amounts: unknown[] = [];
    ws?.eachRow((row, n) => {
      if (n < 4 || n >= 4 + attacks.length) return;
      notes.push(row.getCell(2).value);
      amounts.push(row.getCell(3).value);
    });
    expect(notes).toEqual(attacks.map((a) => `'${a}`));
    expect(amounts).toEqual(attacks.map(() => -1234.5));
    // No cell anywhere holds a formula.
    let formulas = 0;
    ws?.eachRow((row) => row.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0)));
    expect(formulas).toBe(0);
  });

  it('every source file that writes a spreadsheet or CSV neutralises text (or is listed with its reason)', () => {
    // Writers whose text is the program's own, never a bank's or an analyst's.
    const OWN_TEXT: Record<string, string> = {
      'src/services/template/generate.ts': 'writes the blank or prefilled report form: labels and registry names the form must show as they are',
      'src/services/template/refill.ts': 'fills the form with generated sample values (numbers and fixed sample texts)',
      'src/services/template/sampleSet.ts': 'writes the generated sample reports through refill.ts',
      'src/services/import/csvTemplate.ts': 'writes the CSV form of the template: labels, registry name and code the importer reads back exactly',
    };
    const spreadsheetWriter = /\.xlsx\.write(File|Buffer)\b|XLSX\.(write|writeFile)\b|sheet_to_csv\b/u;
    const writes = { test: (src: string): boolean => spreadsheetWriter.test(src) || (/\bwriteFile(Sync)?\(/u.test(src) && /csv/iu.test(src)) };
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|vue)$/.test(e.name)) files.push(p);
      }
    };
    walk(join(REPO, 'src'));
    const writers = files.filter((f) => writes.test(readFileSync(f, 'utf8'))).map((f) => relative(REPO, f));
    expect(writers).toContain('src/services/exports/office-table.ts');
    const unguarded = writers.filter((f) => !(f in OWN_TEXT) && !/neutraliseFormula|neutraliseCell/.test(readFileSync(join(REPO, f), 'utf8')));
    expect(unguarded, 'these files write spreadsheets without neutraliseFormula (src/domain/text/formulaInjection.ts)').toEqual([]);
  });
});
