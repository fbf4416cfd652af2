import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tempDb, XLSX, valueByName, type TempDb } from './helpers';
import { generateTemplate } from '../../src/services/template/generate';
import { CURRENT_TEMPLATE_VERSION } from '../../src/services/catalogue/load';
import { layoutFor } from '../../src/services/catalogue/fields';
import { INPUT_FILL } from '../../src/services/template/styles';
import { LIST_SHEET } from '../../src/services/template/workbook';
import { runCli } from '../../src/cli/main';
import { AppFailure } from '../../src/domain/result';

let t: TempDb;
const quoted = (sheet: string, cell: string): string => `'${sheet}'!$${cell.replace(/(\d+)/, '$$$1')}`;

beforeAll(() => {
  t = tempDb();
});
afterAll(() => t.cleanup());

describe('quarterly report template', () => {
  it('names every layout input (and the version and region cells) at its sheet and cell', async () => {
    const out = join(t.dir, 'ak.xlsx');
    const r = await generateTemplate(t.db, { institution: 'AK-ABC', quarter: '2025Q3', out });
    const layout = layoutFor(t.db, 'ankang');
    expect(r).toMatchObject({ institution: 'AK-ABC', quarter: '2025Q3', region: 'ankang', inputs: layout.inputs.length });
    const wb = XLSX.readFile(out);
    const names = new Map((wb.Workbook?.Names ?? []).map((n) => [n.Name, n.Ref]));
    expect(layout.inputs.length).toBeGreaterThan(100);
    for (const input of layout.inputs) expect(names.get(input.definedName), input.definedName).toBe(quoted(input.sheet, input.cell));
    expect(names.get('RV__template_version')).toBe(quoted(layout.versionCell.sheet, layout.versionCell.cell));
    expect(names.get('RV__region')).toBe(quoted(layout.regionCell.sheet, layout.regionCell.cell));
    expect(names.get('RV_chain_bal__selenium_tea')).toMatch(/^'产业链'!\$B\$\d+$/);
    expect(valueByName(wb, 'RV__template_version')).toBe(CURRENT_TEMPLATE_VERSION);
    expect(valueByName(wb, 'RV__region')).toBe('安康市');
  });

  it('prefills the cover with the institution full name, code and quarter (given by alias)', async () => {
    const out = join(t.dir, 'alias.xlsx');
    await generateTemplate(t.db, { institution: '安康农行', quarter: '2025年第三季度', out });
    const wb = XLSX.readFile(out);
    expect(valueByName(wb, 'RV_cover_institution')).toBe('中国农业银行安康分行');
    expect(valueByName(wb, 'RV_cover_institution_code')).toBe('AK-ABC');
    expect(valueByName(wb, 'RV_cover_quarter')).toBe('2025Q3');
    expect(valueByName(wb, 'RV_loans_total_bal')).toBeUndefined();
  });

  it('shades, unlocks, formats and validates input cells; labels stay plain; headers freeze', async () => {
    const out = join(t.dir, 'styled.xlsx');
    await generateTemplate(t.db, { institution: 'AK-ADBC', quarter: '2024Q4', out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const layout = layoutFor(t.db, 'ankang');
    const wanted = { amount: '#,##0.00', count: '0', rate: '0.00%', text: '@', date: 'yyyy-mm-dd' };
    for (const input of layout.inputs) {
      const cell = wb.getWorksheet(input.sheet)?.getCell(input.cell);
      expect(cell?.fill, input.definedName).toEqual(INPUT_FILL);
      expect(cell?.numFmt, input.definedName).toBe(wanted[input.type]);
      expect(cell?.protection?.locked, input.definedName).toBe(false);
      expect(cell?.dataValidation, input.definedName).toBeTruthy();
    }
    const lending = wb.getWorksheet('信贷总量');
    // The first table's rows start below its header, which stays in view (the section's notes scroll away).
    const first = layout.sheets.find((s) => s.name === '信贷总量')?.items.find((i) => i.kind === 'label');
    if (!first) throw new Error('no label');
    expect(lending?.getCell(first.row, 1).value).toBe('各项贷款');
    expect((lending?.getCell(first.row, 1).fill as { pattern?: string } | undefined)?.pattern ?? 'none').toBe('none');
    expect(lending?.views[0]).toMatchObject({ state: 'frozen', ySplit: first.row - 1 });
    expect(lending?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1, fitToHeight: 0 });

    const cover = wb.getWorksheet('封面');
    const instCell = layout.inputs.find((i) => i.key === 'cover_institution');
    const quarterCell = layout.inputs.find((i) => i.key === 'cover_quarter');
    const instRule = cover?.getCell(instCell?.cell ?? '').dataValidation;
    expect(instRule?.type).toBe('list');
    // The 10 banks of 安康's registry (a new install has no fictional bank).
    expect(instRule?.formulae[0]).toMatch(/^'下拉选项'!\$A\$2:\$A\$11$/);
    expect(cover?.getCell(quarterCell?.cell ?? '').dataValidation?.type).toBe('list');
    const lists = wb.getWorksheet(LIST_SHEET);
    expect(lists?.state).toBe('hidden');
    const names: string[] = [];
    for (let row = 2; lists?.getCell(row, 1).value; row++) names.push(String(lists.getCell(row, 1).value));
    expect(names).toHaveLength(10);
    expect(names).toContain('中国农业发展银行安康市分行');
    const poverty = layout.inputs.find((i) => i.key === 'pov_rate');
    const rateRule = wb.getWorksheet(poverty?.sheet ?? '')?.getCell(poverty?.cell ?? '').dataValidation;
    expect(rateRule).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 0.24], showInputMessage: true });
    expect(rateRule?.prompt).toContain('3.10%');
    const count = layout.inputs.find((i) => i.key === 'pov_households');
    expect(wb.getWorksheet(count?.sheet ?? '')?.getCell(count?.cell ?? '').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
  });

  it('writes a blank template for 璧山 without county grid or prefilled cover', async () => {
    const out = join(t.dir, 'bs.xlsx');
    const r = await generateTemplate(t.db, { blank: true, region: '璧山', out });
    expect(r).toMatchObject({ institution: null, quarter: null, region: 'bishan' });
    const wb = XLSX.readFile(out);
    expect(wb.SheetNames).not.toContain('县域');
    expect(valueByName(wb, 'RV_cover_institution')).toBeUndefined();
    expect(valueByName(wb, 'RV_chain_bal__zanthoxylum')).toBeUndefined();
    expect((wb.Workbook?.Names ?? []).some((n) => n.Name === 'RV_chain_bal__zanthoxylum')).toBe(true);
    expect(valueByName(wb, 'RV__region')).toBe('璧山区');
  });

  it('refuses an unknown institution or a bad quarter in Chinese', async () => {
    await expect(generateTemplate(t.db, { institution: '不存在银行', quarter: '2025Q3', out: join(t.dir, 'x.xlsx') })).rejects.toThrow(AppFailure);
    await expect(generateTemplate(t.db, { institution: 'AK-ABC', quarter: '2025Q5', out: join(t.dir, 'x.xlsx') })).rejects.toThrow(/报告期「2025Q5」不是有效的季度/);
  });

  it('CLI: template writes the file, and exits 1 with a Chinese message on bad input', async () => {
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    const out = join(t.dir, 'cli.xlsx');
    expect(await runCli(['template', '--db', t.dbPath, '--institution', 'BS-PSBC', '--quarter', '2025Q3', '--out', out, '--json'], io)).toBe(0);
    expect(JSON.parse(lines.join(''))).toMatchObject({ institution: 'BS-PSBC', quarter: '2025Q3', region: 'bishan' });
    lines.length = 0;
    expect(await runCli(['template', '--db', t.dbPath, '--institution', 'NOPE', '--quarter', '2025Q3', '--out', out], io)).toBe(1);
    expect(lines.join('\n')).toContain('不在机构名录中');
    lines.length = 0;
    expect(await runCli(['template', '--db', t.dbPath, '--institution', 'AK-ABC', '--quarter', '25Q3', '--out', out], io)).toBe(1);
    expect(lines.join('\n')).toContain('报告期「25Q3」不是有效的季度');
  });
});
