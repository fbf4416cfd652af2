/**
 * The 校验 sheet of the issued form computes, in a spreadsheet program, the same verdicts
 * as the importer: good and bad fills of a form issued to one bank for 2025Q3 (so its 跨期
 * rules read what the bank reported for 2025Q2 and 2024Q4) are recalculated by LibreOffice
 * headless, and every rule instance's 通过 / 不通过 / 不适用 is compared with the importer's
 * own judgement of the same file; the failures are exactly the rule problems the import
 * reports. The input cells stay formula-free and the importer reads nothing of the 校验 sheets.
 */
import { CURRENT_TEMPLATE_VERSION } from '../../src/services/catalogue/load';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import type { FileImportResult } from '../../src/api/types';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { drawRegionTemplate, generateTemplate, prefill } from '../../src/services/template/generate';
import { fillForm, type FormValue } from '../../src/services/template/fill';
import { CHECK_DATA_SHEET, CHECK_SHEET } from '../../src/services/template/checkSheet';
import { ruleSetFor } from '../../src/services/catalogue/rules';
import { getInstitution } from '../../src/services/registry/institutions';
import { parseSnapshot } from '../../src/services/import/snapshot';
import { ReadCache, readReport } from '../../src/services/import/readReport';
import { ruleInputs, type ReportValue } from '../../src/domain/import/validate';
import { judge } from '../../src/domain/rules/evaluate';
import { parseIsoDate, type Quarter } from '../../src/domain/quarter';
import type { InputCell, TemplateLayout } from '../../src/domain/catalogue/layout';
import { freshDb, tempDir, valueFor, writeReport, type CellSpec, type ReportSpec } from '../import/fixtures';

const INST = 'AK-ICBC';
const Q3: Quarter = { year: 2025, q: 3 };
let db: DB;
let dir: string;

beforeAll(async () => {
  ({ db } = freshDb());
  dir = tempDir('rfm-checksheet-');
  // What the bank reported before: the 年初 base (2024Q4) and the previous quarter (2025Q2).
  const earlier: [string, string, Record<string, CellSpec>][] = [
    ['2024Q4', '2025-01-03', { loans_total_bal: 95000, agri_loans_bal: 57000 }],
    ['2025Q2', '2025-07-03', { agri_loans_ytd: 20000, agri_loans_bal: 58000 }],
  ];
  for (const [quarter, received, cells] of earlier) {
    const path = writeReport(db, { institution: INST, quarter, cells }, join(dir, `earlier-${quarter}.xlsx`));
    const r = await importFiles(db, { paths: [path], receivedDate: received }, {}, { pool: { inProcess: true } });
    expect(r.files.map((f) => [f.status, f.errors.map((e) => e.message)])).toEqual([['accepted', []]]);
  }
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fixture cell as a clerk's typed value. */
function formValue(input: InputCell, spec: CellSpec): FormValue {
  if (spec === null) return null;
  if (typeof spec === 'object') return typeof spec.v === 'number' || typeof spec.v === 'string' ? spec.v : null;
  if (input.type === 'date' && typeof spec === 'string') return parseIsoDate(spec);
  return spec;
}

interface Fill {
  name: string;
  cells: Record<string, CellSpec>;
  /** Rule ids this fill must fail (so the set is not trivially all-pass). */
  fails: string[];
}

const FILLS: Fill[] = [
  { name: 'good', cells: { agri_loans_bal_ys: 57000, loans_total_bal_ys: 95000 }, fails: [] },
  // 错误: a part above its total; 提示: components that do not add up.
  { name: 'part-over-total', cells: { farmer_loans_bal: 70000, farmer_prod_bal: 60000, farmer_cons_bal: 10000 }, fails: ['R26-03'] },
  { name: 'components', cells: { rural_org_bal: 31000 }, fails: ['R26-56'] },
  // 跨期: 当年累放 falls below 2025Q2's; a 年初数 that is not what was reported for 2024Q4.
  { name: 'across-periods', cells: { agri_loans_ytd: 19000, agri_loans_bal_ys: 56000 }, fails: ['R26-23', 'R26-84'] },
  // forEach over counties and chains (提示, the chain also jumps against 2025Q2), a rate left out beside its amount (错误).
  { name: 'members', cells: { RV_county_lead_bal__AK01: 3500, RV_chain_bal__konjac: 70000, inclusive_agri_new_le1y_rate: null }, fails: ['R26-18', 'R26-20', 'R26-33', 'R26-76'] },
  // Typed the way clerks type: a number as text with 千分位, a dash where the form allows 0.
  { name: 'typed-text', cells: { loans_total_bal: '50,000.5', npl_total_bal: '—' }, fails: ['R26-01', 'R26-11'] },
];

function fillValues(layout: TemplateLayout, fill: Fill): Map<string, FormValue> {
  const inst = getInstitution(db, INST);
  if (!inst) throw new Error('no institution');
  const spec: ReportSpec = { institution: INST, quarter: '2025Q3', cells: fill.cells };
  const values = new Map<string, FormValue>();
  for (const input of layout.inputs) values.set(input.definedName, formValue(input, valueFor(input, spec, inst.name, inst.code)));
  return values;
}

/** Rows of the recalculated 校验 sheet: rule id and member name → 结果 and 说明. */
function sheetVerdicts(path: string): Map<string, { verdict: string; message: string }> {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const ws = wb.Sheets[CHECK_SHEET];
  if (!ws) throw new Error('no 校验 sheet after recalculation');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: '' });
  const out = new Map<string, { verdict: string; message: string }>();
  for (const r of rows.slice(5)) {
    const [, id, member, , , , verdict, message] = r.map((c) => String(c));
    if (id) out.set(`${id}|${member ?? ''}`, { verdict: verdict ?? '', message: message ?? '' });
  }
  return out;
}

describe('the 校验 sheet', () => {
  it('LibreOffice computes the importer’s verdicts on good and bad fills, rule by rule and member by member', async () => {
    const drawn = drawRegionTemplate(db, 'ankang', 2026, undefined, INST, undefined, Q3);
    const inst = getInstitution(db, INST);
    if (!inst) throw new Error('no institution');
    const { layout } = drawn;
    const rules = ruleSetFor(db, layout.templateVersion);
    const filled = join(dir, 'filled');
    const recalculated = join(dir, 'recalculated');
    mkdirSync(filled, { recursive: true });
    const paths: string[] = [];
    for (const fill of FILLS) {
      const values = fillValues(layout, fill);
      for (const [k, v] of prefill(drawn, { code: inst.code, name: inst.name }, Q3)) values.set(k, v);
      fillForm(drawn, values);
      const path = join(filled, `${fill.name}.xlsx`);
      await drawn.wb.xlsx.writeFile(path);
      paths.push(path);
    }
    // The form as issued: every input cell is a plain value, and the 校验 formulas have no cached result.
    const issued = XLSX.read(readFileSync(paths[0] ?? ''), { type: 'buffer', cellFormula: true, sheetStubs: true });
    for (const input of layout.inputs) expect(issued.Sheets[input.sheet]?.[input.cell]?.f, input.definedName).toBeUndefined();
    expect(Object.values(issued.Sheets[CHECK_SHEET] ?? {}).some((c: XLSX.CellObject) => typeof c === 'object' && c.f !== undefined)).toBe(true);

    // One LibreOffice run recalculates every fill (its own profile, so a user's LibreOffice is untouched).
    try {
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'xlsx', '--outdir', recalculated, ...paths], {
        stdio: 'ignore',
        timeout: 240_000,
      });
    } catch (e) {
      throw new Error(`this test recalculates the forms with LibreOffice: install it (apt-get install libreoffice-calc) so that soffice is on PATH (${(e as Error).message})`);
    }

    const received = parseIsoDate('2025-10-09');
    if (!received) throw new Error('bad date');
    const summary = await importFiles(db, { paths, receivedDate: '2025-10-09', dryRun: true }, {}, { pool: { inProcess: true } });
    for (const [i, fill] of FILLS.entries()) {
      const path = paths[i] ?? '';
      const sheet = sheetVerdicts(join(recalculated, `${fill.name}.xlsx`));

      // The importer's own judgement of every rule instance, from the values it reads.
      const read = readReport({ db, file: path, format: 'xlsx', received }, await parseSnapshot({ bytes: readFileSync(path), format: 'xlsx', encoding: null, file: path }));
      const byName = new Map(read.values.map((v) => [v.definedName, v]));
      const values: ReportValue[] = layout.inputs.flatMap((input) => {
        const v = byName.get(input.definedName);
        return v ? [{ input, sheet: v.sheet, cell: v.cell, num: v.num, text: v.text }] : [];
      });
      const history = new ReadCache(db).history(INST, Q3, rules);
      const inputs = ruleInputs(values, { quarter: 3, history });
      const memberName = new Map(layout.inputs.map((x) => [x.member ?? '', x.memberName ?? '']));
      const expected = new Map<string, string>();
      for (const rule of rules.rules) {
        for (const v of judge(rules, rule, inputs)) expected.set(`${rule.def.id}|${v.member ? (memberName.get(v.member) ?? v.member) : ''}`, v.pass === null ? '不适用' : v.pass ? '通过' : '不通过');
      }
      const got = new Map([...sheet].map(([k, v]) => [k, v.verdict]));
      expect(got, fill.name).toEqual(expected);

      // The failures are the rule problems the import reports for this file, and the ones the fill was made for.
      const result = summary.files[i];
      const reported = new Set([...(result?.errors ?? []), ...(result?.warnings ?? [])].flatMap((e) => (e.rule ? [e.rule] : [])));
      const failed = new Set([...sheet].filter(([, v]) => v.verdict === '不通过').map(([k]) => k.split('|')[0] ?? ''));
      expect([...failed].sort(), fill.name).toEqual([...reported].sort());
      expect([...failed].sort(), fill.name).toEqual([...fill.fails].sort());
      // Beside each failure, its message names the figure; a pass says nothing.
      for (const [k, v] of sheet) {
        if (v.verdict === '不通过') expect(v.message, k).toMatch(/「[^」]+」/);
        else expect(v.message, k).toBe('');
      }
    }
    // The importer reads only the form's inputs: the 校验 sheets carry no defined name it could pick up.
    expect((issued.Workbook?.Names ?? []).filter((n) => !n.Name.startsWith('_xlnm.') && (n.Ref.includes(CHECK_SHEET) || n.Ref.includes(CHECK_DATA_SHEET)))).toEqual([]);

    // A 校验 sheet doctored to say 通过 everywhere, its helper sheet deleted: the import finds the same problems.
    const bad = FILLS.findIndex((f) => f.name === 'members');
    const doctored = new ExcelJS.Workbook();
    await doctored.xlsx.readFile(paths[bad] ?? '');
    const check = doctored.getWorksheet(CHECK_SHEET);
    const helper = doctored.getWorksheet(CHECK_DATA_SHEET);
    if (!check || !helper) throw new Error('the issued form has no 校验 sheets');
    check.eachRow((row, r) => {
      if (r > 5) row.getCell(7).value = '通过';
    });
    doctored.removeWorksheet(helper.id);
    const doctoredPath = join(dir, 'doctored.xlsx');
    await doctored.xlsx.writeFile(doctoredPath);
    const again = await importFiles(db, { paths: [doctoredPath], receivedDate: '2025-10-09', dryRun: true }, {}, { pool: { inProcess: true } });
    const problems = (f: FileImportResult | undefined): string[] => [...(f?.errors ?? []), ...(f?.warnings ?? [])].map((e) => `${e.rule ?? ''} ${e.sheet ?? ''}!${e.cell ?? ''} ${e.message}`);
    expect(problems(again.files[0])).toEqual(problems(summary.files[bad]));
    expect(problems(again.files[0]).length).toBeGreaterThan(0);
  });

  it('a blank form checks every 表内 and 表间 rule; its 跨期 rules, which need the bank’s earlier reports, are left to the import', async () => {
    const out = join(dir, 'blank.xlsx');
    await generateTemplate(db, { region: 'ankang', blank: true, out });
    const wb = XLSX.read(readFileSync(out), { type: 'buffer', cellFormula: true, sheetStubs: true });
    expect(wb.SheetNames.slice(-3)).toEqual([CHECK_SHEET, CHECK_DATA_SHEET, '下拉选项']);
    expect(wb.Workbook?.Sheets?.map((s) => s.Hidden ?? 0).slice(-3)).toEqual([0, 1, 1]);
    const ws = wb.Sheets[CHECK_SHEET] ?? {};
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: '' }).slice(5);
    const rules = ruleSetFor(db, CURRENT_TEMPLATE_VERSION);
    const layout = drawRegionTemplate(db, 'ankang', 2026).layout;
    const instances = rules.rules.reduce((n, r) => n + (r.def.forEach ? new Set(layout.inputs.filter((i) => i.field.dimension === r.def.forEach).map((i) => i.member)).size : 1), 0);
    expect(rows.length).toBe(instances);
    rows.forEach((r, i) => {
      const kind = String(r[3]);
      const verdict = ws[`G${i + 6}`] as XLSX.CellObject | undefined;
      if (kind === '跨期') expect(verdict?.v, String(r[1])).toBe('导入时校验');
      else expect(verdict?.f, String(r[1])).toMatch(/^IFERROR\(/);
    });
    expect(new Set(rows.map((r) => String(r[1])))).toEqual(new Set(rules.rules.map((r) => r.def.id)));
  });
});
