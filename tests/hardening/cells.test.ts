/**
 * Reading each cell right (issue 10 §1–8), tried as a careless or hostile sender
 * would: the app's own form, filled in and then edited by openpyxl (rows inserted
 * and deleted without updating the defined names, names dropped or pointed
 * elsewhere, sheets hidden, formulas without results, dates and percentages in
 * amount cells), raw XML edits of the package, LibreOffice round trips and CSV
 * variants. Every file is either refused with a Chinese message naming the sheet
 * and cell (and the database keeps every byte), or stored exactly as the clean
 * form would have been.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { FileImportResult } from '../../src/api/types';
import { getCatalogue, layoutFor } from '../../src/services/catalogue/fields';
import type { InputCell } from '../../src/domain/catalogue/layout';
import { reportCsv, writeReport, type ReportSpec } from '../import/fixtures';
import { dumpConnection } from './helpers/db-dump';
import { expectOnlyTheAttemptLogged } from './helpers/refusal';
import { distinctFill, fillFor, formFor, hostileSender, libreOfficeConvert, type SenderVariant } from './helpers/hostile';
import { addDefinedNames, rezip, sheetPart, unzip } from './corpus/workbookEdit';
import { tempDir } from './helpers/temp';
import { CLI, runTs } from './helpers/spawn';

const RECEIVED = '2025-10-08';
/** The CSV cases report 2025Q2: on time, so that no arrival question holds them. */
const Q2_RECEIVED = '2025-07-04';
/** The cases name the cells of the RV-2025.1 form (late adopters still send it); RV-2026.1 is tried by shiftedRows.test.ts. */
const VERSION = 'RV-2025.1';
const SPEC: ReportSpec = { institution: 'AK-ABC', quarter: '2025Q3', templateVersion: VERSION };
const tmp = tempDir('cells');
let ctx: ServiceContext;
let h: HandlerTable;
let inputs: Map<string, InputCell>;
/** Stored values of the clean form, by defined name. */
let exact: Map<string, number | string | null>;
/** The LibreOffice .ods of a form with a row inserted (made by the round-trip test). */
let lastOds = '';
const files = new Map<string, string>();

const VARIANTS: SenderVariant[] = [
  // §1 rows and columns inserted or deleted by a program that leaves the names stale (or drops them)
  { file: '信贷总量插入行-名称未更新.xlsx', ops: [{ op: 'insertRows', sheet: '信贷总量', row: 6 }] },
  { file: '信贷总量插入行-无名称.xlsx', ops: [{ op: 'insertRows', sheet: '信贷总量', row: 6 }, { op: 'dropNames' }] },
  { file: '产业链插入行-名称未更新.xlsx', ops: [{ op: 'insertRows', sheet: '产业链', row: 8 }] },
  { file: '产业链插入列-名称未更新.xlsx', ops: [{ op: 'insertCols', sheet: '产业链', col: 2 }] },
  { file: '封面插入行-无名称.xlsx', ops: [{ op: 'insertRows', sheet: '封面', row: 3 }, { op: 'dropNames' }] },
  { file: '删除农户贷款行.xlsx', ops: [{ op: 'deleteRows', sheet: '信贷总量', row: 8 }] },
  { file: '删除农户贷款行-无名称.xlsx', ops: [{ op: 'deleteRows', sheet: '信贷总量', row: 8 }, { op: 'dropNames' }] },
  // Harmless rewrites of labels and headers: indentation, half-width colon and brackets, 其中： dropped, a trailing space, the unit left off
  {
    file: '项目名无害改写.xlsx',
    ops: [
      { op: 'set', sheet: '信贷总量', cell: 'A6', value: ' 各项贷款 ' },
      { op: 'set', sheet: '信贷总量', cell: 'A8', value: '其中:农户贷款' },
      { op: 'set', sheet: '信贷总量', cell: 'A9', value: '新型农业经营主体贷款' },
      { op: 'set', sheet: '信贷总量', cell: 'B5', value: '期末余额' },
      { op: 'set', sheet: '信贷总量', cell: 'C5', value: '当年累计发放 (万元)' },
      { op: 'set', sheet: '产权与服务', cell: 'A9', value: '宅基地使用权(试点)' },
    ],
  },
  { file: '删除魔芋行.xlsx', ops: [{ op: 'deleteRows', sheet: '产业链', row: 8 }, { op: 'dropNames' }] },
  { file: '文字标题下插入行.xlsx', ops: [{ op: 'insertRows', sheet: '文字材料', row: 6 }] },
  { file: '文字分两行.xlsx', ops: [{ op: 'set', sheet: '文字材料', cell: 'A13', value: '第二段：另有三个村完成整村授信。' }] },
  { file: '项目名被改.xlsx', ops: [{ op: 'set', sheet: '信贷总量', cell: 'A7', value: '涉农贷款（含票据融资）' }] },
  { file: '栏目单位被改.xlsx', ops: [{ op: 'set', sheet: '信贷总量', cell: 'B5', value: '期末余额（亿元）' }] },
  // §2 defined names that point elsewhere
  {
    file: '名称指向隐藏副本.xlsx',
    ops: [
      { op: 'copySheet', sheet: '信贷总量', title: '信贷总量备份' },
      { op: 'set', sheet: '信贷总量备份', cell: 'B6', value: 999999 },
      { op: 'hideSheet', sheet: '信贷总量备份', state: 'hidden' },
      { op: 'pointName', name: 'RV_loans_total_bal', ref: "'信贷总量备份'!$B$6" },
    ],
  },
  { file: '产业链深度隐藏.xlsx', ops: [{ op: 'hideSheet', sheet: '产业链', state: 'veryHidden' }] },
  {
    file: '名称指向别处.xlsx',
    ops: [
      { op: 'pointName', name: 'RV_loans_total_bal', ref: "'信贷总量'!$B$7" },
      { op: 'pointName', name: 'RV_agri_loans_bal', ref: "'信贷总量'!$H$40" },
      { op: 'copySheet', sheet: '产业链', title: '产业链副本' },
      { op: 'set', sheet: '产业链副本', cell: 'B6', value: 888888 },
      { op: 'pointName', name: 'RV_chain_bal__selenium_tea', ref: "'产业链副本'!$B$6" },
    ],
  },
  // …and rows or columns of the form hidden, so that what would be stored is not seen
  {
    file: '隐藏行列.xlsx',
    ops: [
      { op: 'hideRow', sheet: '信贷总量', row: 7 },
      { op: 'hideCol', sheet: '产业链', col: 'C' },
    ],
  },
  { file: '工作表级同名名称.xlsx', ops: [{ op: 'addName', name: 'RV_loans_total_bal', ref: "'信贷总量'!$C$6", localSheet: '信贷总量' }] },
  // §3 a date, a time or a percentage in an amount or count cell
  {
    file: '金额格式为日期.xlsx',
    ops: [
      { op: 'setName', name: 'RV_loans_total_bal', value: { date: '2025-10-03', format: 'yyyy/m/d' } },
      { op: 'setName', name: 'RV_sgl_bal', value: { v: 0.5208333333333334, format: 'h:mm' } },
      { op: 'setName', name: 'RV_whole_village_amount', value: { v: 0.05, format: '0%' } },
      { op: 'setName', name: 'RV_cash_points', value: { v: 0.6, format: '0%' } },
    ],
  },
  // §4 formulas saved without their results (as openpyxl always saves them)
  {
    file: '公式无结果.xlsx',
    ops: [
      { op: 'setName', name: 'RV_loans_total_bal', value: '=B7+B11' },
      { op: 'setName', name: 'RV_sgl_bal', value: '=B25*2' },
      { op: 'setName', name: 'RV_cover_preparer', value: '=封面!B9' },
    ],
  },
  // §6 number text a person would not read as that number
  {
    file: '数字文本.xlsx',
    ops: [
      { op: 'setName', name: 'RV_sgl_bal', value: '(-5)' },
      { op: 'setName', name: 'RV_sgl_ytd', value: '0,123' },
      { op: 'setName', name: 'RV_relending_bal', value: '100 200' },
      { op: 'setName', name: 'RV_guarantee_loans_bal', value: '10²' },
      { op: 'setName', name: 'RV_cash_points', value: '①②' },
    ],
  },
  // §7 bounded rates written as bare numbers
  { file: '比例写小数.xlsx', ops: [{ op: 'setName', name: 'RV_sgl_subsidy_share', value: { v: 0.8, format: 'General' } }] },
  { file: '利率写小数.xlsx', ops: [{ op: 'setName', name: 'RV_pov_rate', value: { v: 0.8, format: 'General' } }] },
  // §8 impossible dates
  { file: '填报日期1900-02-29.xlsx', ops: [{ op: 'setName', name: 'RV_cover_fill_date', value: { v: 60, format: 'yyyy-mm-dd' } }] },
  { file: '填报日期一万年.xlsx', ops: [{ op: 'setName', name: 'RV_cover_fill_date', value: '10000-01-01' }] },
  { file: '填报日期超出Excel.xlsx', ops: [{ op: 'setName', name: 'RV_cover_fill_date', value: { v: 2958466, format: 'yyyy-mm-dd' } }] },
  { file: '填报日期晚于收到.xlsx', ops: [{ op: 'setName', name: 'RV_cover_fill_date', value: { date: '2025-10-30', format: 'yyyy-mm-dd' } }] },
];

beforeAll(async () => {
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
  const layout = layoutFor(ctx.db, 'ankang', VERSION);
  inputs = new Map(layout.inputs.map((i) => [i.definedName, i]));
  const form = await formFor(ctx.db, tmp.dir, SPEC.institution, SPEC.quarter, VERSION);
  const sent = hostileSender({ base: form, out: join(tmp.dir, 'sent'), fill: distinctFill(fillFor(ctx.db, SPEC), layout.inputs, getCatalogue(ctx.db, VERSION)), variants: VARIANTS });
  files.set('clean', sent.filled);
  for (const f of sent.files) files.set(f.split('/').pop() ?? f, f);
  // The clean form, filled in by openpyxl: the exact values every accepted variant must store.
  const first = await importOne(sent.filled);
  expect(first.status, JSON.stringify(first.errors)).toBe('accepted');
  exact = storedValues();
}, 120_000);

afterAll(() => {
  closeContext(ctx);
  tmp.cleanup();
});

function file(name: string): string {
  const p = files.get(name);
  if (!p) throw new Error(`no variant ${name}`);
  return p;
}

async function importOne(path: string, receivedDate = RECEIVED): Promise<FileImportResult> {
  const r = await h['import.files']({ paths: [path], receivedDate }, {});
  if (!r.ok) throw new Error(r.error.message);
  const f = r.value.files[0];
  if (!f) throw new Error('no result');
  return f;
}

function storedValues(): Map<string, number | string | null> {
  const rows = ctx.db
    .prepare(`SELECT cv.defined_name AS name, cv.num, cv.text FROM current_values cv WHERE cv.institution = ? AND cv.quarter = ?`)
    .all(SPEC.institution, SPEC.quarter) as { name: string; num: number | null; text: string | null }[];
  return new Map(rows.map((r) => [r.name, r.num ?? r.text]));
}

function cellOf(name: string): string {
  const i = inputs.get(name);
  if (!i) throw new Error(`no input ${name}`);
  return i.cell;
}

function noNaN(f: FileImportResult): void {
  for (const i of [...f.errors, ...f.warnings, ...f.notes]) expect(i.message).not.toMatch(/NaN|Infinity|undefined/);
}

/** Refused, every expected error present (code, sheet, cell, words), and the store unchanged but for the attempt's log. */
async function expectRefused(path: string, expected: { code: string; sheet: string | null; cell?: string | null; text?: string | RegExp }[]): Promise<FileImportResult> {
  const before = dumpConnection(ctx.db);
  const f = await importOne(path);
  expect(f.status, JSON.stringify(f.errors)).toBe('rejected');
  for (const e of expected) {
    const hit = f.errors.find((x) => x.code === e.code && x.sheet === e.sheet && (e.cell === undefined || x.cell === e.cell));
    expect(hit, `${e.code} at ${e.sheet}!${e.cell ?? ''} in ${JSON.stringify(f.errors)}`).toBeDefined();
    expect(hit?.message).toMatch(/[\u4e00-\u9fff]/u);
    if (e.text) expect(hit?.message).toMatch(e.text);
  }
  noNaN(f);
  expectOnlyTheAttemptLogged(before, dumpConnection(ctx.db), 1);
  return f;
}

/** Accepted, and every stored value equals the clean form's (except those named in `changed`). */
async function expectExact(path: string, changed: Record<string, number | string | null> = {}, receivedDate = RECEIVED): Promise<FileImportResult> {
  const f = await importOne(path, receivedDate);
  expect(f.errors).toEqual([]);
  expect(f.status).toBe('accepted');
  const want = new Map(exact);
  for (const [k, v] of Object.entries(changed)) want.set(k, v);
  expect(Object.fromEntries(storedValues())).toEqual(Object.fromEntries(want));
  noNaN(f);
  return f;
}

describe('§1 shifted rows: the row label and column header decide, not the position', () => {
  it('a row inserted above 各项贷款 by openpyxl, names stale or dropped: every value read from its own row, and said so', async () => {
    const stale = await expectExact(file('信贷总量插入行-名称未更新.xlsx'));
    const note = stale.notes.find((n) => n.code === 'N_CELLS_MOVED');
    expect(note).toMatchObject({ sheet: '信贷总量', cell: 'B7' });
    expect(note?.message).toMatch(/「各项贷款余额」在 B7（模板为 B6）.*定义名称指向了别的单元格/u);
    const dropped = await expectExact(file('信贷总量插入行-无名称.xlsx'));
    expect(dropped.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['N_CELLS_MOVED', 'N_NAMES_MISSING']));
  });

  it('chains keep their own figures after a row or a column is inserted in the chain table', async () => {
    await expectExact(file('产业链插入行-名称未更新.xlsx'));
    const col = await expectExact(file('产业链插入列-名称未更新.xlsx'));
    expect(col.notes.find((n) => n.code === 'N_CELLS_MOVED')?.message).toContain('「富硒茶·贷款余额」在 C6（模板为 B6）');
  });

  it('the cover is found by its labels after a row is inserted at its top', async () => {
    const f = await expectExact(file('封面插入行-无名称.xlsx'));
    expect(f.institution).toBe('AK-ABC');
  });

  it('a deleted row is refused with the row, the label expected and the label found, names stale or dropped', async () => {
    for (const name of ['删除农户贷款行.xlsx', '删除农户贷款行-无名称.xlsx']) {
      await expectRefused(file(name), [
        { code: 'E_ROW_SHIFTED', sheet: '信贷总量', cell: 'A8', text: '第 8 行的项目应为「其中：农户贷款」，实际为「新型农业经营主体贷款」：表格可能插入或删除了行' },
      ]);
    }
  });

  it('labels and headers rewritten without changing their meaning (spaces, half-width punctuation, 其中：, the unit) are still the form', async () => {
    const f = await expectExact(file('项目名无害改写.xlsx'));
    expect(f.notes.map((n) => n.code)).not.toContain('N_CELLS_MOVED');
  });

  it('an edited label or a header with another unit is refused', async () => {
    await expectRefused(file('项目名被改.xlsx'), [{ code: 'E_ROW_SHIFTED', sheet: '信贷总量', cell: 'A7', text: '第 7 行的项目应为「涉农贷款」，实际为「涉农贷款（含票据融资）」' }]);
    await expectRefused(file('栏目单位被改.xlsx'), [{ code: 'E_COLUMN_SHIFTED', sheet: '信贷总量', cell: 'B5', text: '第 B 列的栏目应为「期末余额（万元）」，实际为「期末余额（亿元）」：表格可能插入或删除了列' }]);
  });

  it('a chain row missing from the form (older than the registry, or deleted) is no value, with a warning to confirm', async () => {
    const r = await h['import.files']({ paths: [file('删除魔芋行.xlsx')], receivedDate: RECEIVED, dryRun: true }, {});
    if (!r.ok) throw new Error(r.error.message);
    const f = r.value.files[0];
    expect(f?.errors).toEqual([]);
    const w = f?.warnings.find((x) => x.code === 'W_MEMBER_ROW_MISSING');
    expect(w).toMatchObject({ sheet: '产业链', cell: 'A8', ack: 'confirm' });
    expect(w?.message).toContain('找不到「魔芋」一行');
    expect(f?.warnings.filter((x) => x.code === 'W_MEMBER_ROW_MISSING')).toHaveLength(1);
  });

  it('text blocks: a row inserted under the label, or a second paragraph in the row below, is refused rather than half read', async () => {
    await expectRefused(file('文字标题下插入行.xlsx'), [{ code: 'E_TEXT_OUTSIDE_CELL', sheet: '文字材料', cell: 'A7', text: '「工作开展情况」只能填在第 6 行的填报格内' }]);
    await expectRefused(file('文字分两行.xlsx'), [{ code: 'E_TEXT_OUTSIDE_CELL', sheet: '文字材料', cell: 'A13', text: '第 13 行也有内容（「第二段：另有三个村完成整村授信。」）' }]);
  });
});

describe('§2 defined names that point elsewhere', () => {
  it('a name pointing at a hidden sheet is refused; so is a hidden form sheet', async () => {
    await expectRefused(file('名称指向隐藏副本.xlsx'), [{ code: 'E_NAME_HIDDEN', sheet: '信贷总量备份', cell: 'B6', text: '指向被隐藏的工作表「信贷总量备份」' }]);
    await expectRefused(file('产业链深度隐藏.xlsx'), [{ code: 'E_SHEET_HIDDEN', sheet: '产业链', cell: null, text: '工作表「产业链」被设为深度隐藏' }]);
  });

  it("names pointing at another field's cell, outside the form, or at another visible sheet: the form's labelled cell is read", async () => {
    const f = await expectExact(file('名称指向别处.xlsx'));
    const notes = f.notes.filter((n) => n.code === 'N_CELLS_MOVED').map((n) => n.sheet);
    expect(notes.sort()).toEqual(['产业链', '信贷总量']);
  });

  it('a filled cell in a hidden row or column of the form is refused like a hidden sheet', async () => {
    await expectRefused(file('隐藏行列.xlsx'), [
      { code: 'E_CELL_HIDDEN', sheet: '信贷总量', cell: cellOf('RV_agri_loans_bal'), text: `「涉农贷款余额」的填报格 ${cellOf('RV_agri_loans_bal')} 所在的第 7 行被隐藏` },
      { code: 'E_CELL_HIDDEN', sheet: '产业链', cell: 'C6', text: '所在的C 列被隐藏' },
    ]);
  });

  it('a name defined twice, or shadowed by a sheet-scoped name with another target, is refused', async () => {
    // openpyxl will not write the same name twice; an edited package will.
    const pkg = unzip(readFileSync(file('clean')));
    addDefinedNames(pkg, [{ name: 'RV_loans_total_bal', ref: "'信贷总量'!$B$7" }]);
    const twice = join(tmp.dir, '名称定义两次.xlsx');
    writeFileSync(twice, rezip(pkg));
    await expectRefused(twice, [{ code: 'E_NAME_TWICE', sheet: '信贷总量', cell: cellOf('RV_loans_total_bal'), text: /RV_loans_total_bal.*(信贷总量!B6 和 信贷总量!B7|信贷总量!B7 和 信贷总量!B6)/u }]);
    await expectRefused(file('工作表级同名名称.xlsx'), [{ code: 'E_NAME_TWICE', sheet: '信贷总量', cell: cellOf('RV_loans_total_bal'), text: /信贷总量!C6/u }]);
  });
});

describe('§3 a date, a time or a percentage in an amount or count cell', () => {
  it('is refused naming what the clerk saw', async () => {
    await expectRefused(file('金额格式为日期.xlsx'), [
      { code: 'E_VALUE_DATE_FORMAT', sheet: '信贷总量', cell: cellOf('RV_loans_total_bal'), text: '日期格式，显示为「2025/10/3」（文件中存为 45933）' },
      { code: 'E_VALUE_DATE_FORMAT', sheet: '信贷总量', cell: cellOf('RV_sgl_bal'), text: '时间格式，显示为「12:30」' },
      { code: 'E_VALUE_PERCENT_FORMAT', sheet: '产权与服务', cell: cellOf('RV_whole_village_amount'), text: '百分比格式，显示为「5%」' },
      { code: 'E_VALUE_PERCENT_FORMAT', sheet: '产权与服务', cell: cellOf('RV_cash_points'), text: '应填写整数（个），但单元格是百分比格式，显示为「60%」' },
    ]);
  });
});

describe('§4 a formula saved without its result', () => {
  it('is detected (not read as a blank) in required, optional and text cells', async () => {
    const f = await expectRefused(file('公式无结果.xlsx'), [
      { code: 'E_FORMULA_NO_VALUE', sheet: '信贷总量', cell: cellOf('RV_loans_total_bal'), text: '没有保存计算结果。请在 Excel/WPS 中打开后保存' },
      { code: 'E_FORMULA_NO_VALUE', sheet: '信贷总量', cell: cellOf('RV_sgl_bal'), text: '=B25*2' },
      { code: 'E_FORMULA_NO_VALUE', sheet: '封面', cell: cellOf('RV_cover_preparer') },
    ]);
    expect(f.errors.map((e) => e.code)).not.toContain('E_REQUIRED');
  });
});

describe('§6 number text', () => {
  it('(-5), 0,123, 100 200, 10², ①② are refused, each at its cell', async () => {
    await expectRefused(file('数字文本.xlsx'), [
      { code: 'E_VALUE_NOT_NUMBER', sheet: '信贷总量', cell: cellOf('RV_sgl_bal'), text: '括号内又带正负号' },
      { code: 'E_VALUE_BAD_SEPARATOR', sheet: '信贷总量', cell: cellOf('RV_sgl_ytd'), text: '「0,123」' },
      { code: 'E_VALUE_NOT_NUMBER', sheet: '产权与服务', cell: cellOf('RV_relending_bal'), text: '实际为「100 200」：数字中间有空格' },
      { code: 'E_VALUE_NOT_NUMBER', sheet: '产权与服务', cell: cellOf('RV_guarantee_loans_bal'), text: '「10²」' },
      { code: 'E_VALUE_NOT_NUMBER', sheet: '产权与服务', cell: cellOf('RV_cash_points'), text: '「①②」' },
    ]);
  });
});

describe('§7 a bounded rate written as a bare number', () => {
  it('is read as a fraction and the note says so; beyond the bound it is refused with the same note', async () => {
    const f = await expectExact(file('比例写小数.xlsx'), { RV_sgl_subsidy_share: 800_000 });
    expect(f.notes.find((n) => n.code === 'N_CONVERTED' && n.cell === cellOf('RV_sgl_subsidy_share'))?.message).toContain('0.8 没有百分号，按小数理解为 80%；如指 0.8%，请填写「0.8%」');
    const r = await expectRefused(file('利率写小数.xlsx'), [{ code: 'E_ABOVE_MAX', sheet: '信贷总量', cell: cellOf('RV_pov_rate') }]);
    expect(r.notes.find((n) => n.cell === cellOf('RV_pov_rate'))?.message).toContain('按小数理解为 80%');
  });
});

describe('§8 impossible dates', () => {
  it('1900-02-29, year 10000 and a serial past Excel’s last day are refused', async () => {
    await expectRefused(file('填报日期1900-02-29.xlsx'), [{ code: 'E_VALUE_NOT_DATE', sheet: '封面', cell: cellOf('RV_cover_fill_date'), text: '1900年2月29日，这一天并不存在' }]);
    await expectRefused(file('填报日期一万年.xlsx'), [{ code: 'E_VALUE_NOT_DATE', sheet: '封面', cell: cellOf('RV_cover_fill_date'), text: '「10000-01-01」' }]);
    await expectRefused(file('填报日期超出Excel.xlsx'), [{ code: 'E_VALUE_NOT_DATE', sheet: '封面', cell: cellOf('RV_cover_fill_date'), text: '2958466' }]);
  });

  it('a fill date after the day the file arrived is stored as written, with a warning', async () => {
    const f = await expectExact(file('填报日期晚于收到.xlsx'), { RV_cover_fill_date: '2025-10-30' });
    expect(f.warnings.find((w) => w.code === 'W_DATE_AFTER_RECEIVED')).toMatchObject({ sheet: '封面', cell: cellOf('RV_cover_fill_date') });
  });
});

describe('raw XML edits of the package', () => {
  it('a numeric cell holding no number (<v>abc</v>) is refused as unreadable, and no message says NaN', async () => {
    const pkg = unzip(readFileSync(file('clean')));
    const part = sheetPart(pkg, '信贷总量');
    const xml = pkg.get(part);
    if (typeof xml !== 'string') throw new Error('sheet xml');
    const cell = cellOf('RV_agri_loans_bal');
    const edited = xml.replace(new RegExp(`<c r="${cell}"([^>]*)><v>[^<]*</v></c>`), `<c r="${cell}"$1><v>abc</v></c>`);
    expect(edited).not.toBe(xml);
    pkg.set(part, edited);
    const path = join(tmp.dir, 'NaN.xlsx');
    writeFileSync(path, rezip(pkg));
    await expectRefused(path, [{ code: 'E_VALUE_UNREADABLE', sheet: '信贷总量', cell }]);
  });
});

describe('LibreOffice round trips', () => {
  it('.ods and .xls of a form with a row inserted by openpyxl: read exactly; a date in an amount cell still refused', async () => {
    const dir = join(tmp.dir, 'lo');
    const [ods, odsDate] = libreOfficeConvert([file('信贷总量插入行-名称未更新.xlsx'), file('金额格式为日期.xlsx')], 'ods', dir);
    const [xls] = libreOfficeConvert([file('产业链插入行-名称未更新.xlsx')], 'xls', dir);
    await expectExact(ods ?? '');
    await expectExact(xls ?? '');
    await expectRefused(odsDate ?? '', [{ code: 'E_VALUE_DATE_FORMAT', sheet: '信贷总量', cell: cellOf('RV_loans_total_bal'), text: /显示为「2025\/10\/0?3」/u }]);
    lastOds = ods ?? '';
  }, 240_000);

  it("the parser's own console noise (a LibreOffice quarter format it cannot map) never reaches the user's terminal", async () => {
    // §18: SheetJS writes 「Excel does not support ODS format token quarter」 to stderr while it reads such a file.
    const pkg = unzip(readFileSync(lastOds));
    const content = pkg.get('content.xml');
    if (typeof content !== 'string') throw new Error('content.xml');
    const noisy = content.replace('<office:automatic-styles>', '<office:automatic-styles><number:date-style style:name="NQ1"><number:quarter/><number:text> </number:text><number:year number:style="long"/></number:date-style>');
    expect(noisy).not.toBe(content);
    pkg.set('content.xml', noisy);
    const path = join(tmp.dir, 'lo', '季度格式.ods');
    writeFileSync(path, rezip(pkg));
    const dbPath = join(tmp.dir, 'noise.sqlite');
    const args = ['import', path, '--db', dbPath, '--received', RECEIVED, '--dry-run'];
    const quiet = await runTs(CLI, args, { env: { ...process.env, RFM_DEBUG: '' } });
    expect(quiet.stdout).toMatch(/[\u4e00-\u9fff]/u);
    expect(quiet.stderr).not.toMatch(/ODS|format|token|Excel does not/iu);
    // The same file with the developer's switch on: the noise is there, so the check above can fail.
    const loud = await runTs(CLI, args, { env: { ...process.env, RFM_DEBUG: '1' } });
    expect(loud.stderr).toContain('Excel does not support ODS format token quarter');
  }, 120_000);
});

describe('§5 the CSV form', () => {
  const csv = (): string => reportCsv(ctx.db, { ...SPEC, quarter: '2025Q2' });
  const write = (name: string, text: string): string => {
    const p = join(tmp.dir, 'csv', name);
    writeReport(ctx.db, { ...SPEC, quarter: '2025Q2' }, p, 'csv-utf8');
    writeFileSync(p, `\uFEFF${text}`, 'utf8');
    return p;
  };
  const rowOf = (text: string, name: string): number => text.split('\r\n').findIndex((l) => l.startsWith(`${name},`)) + 1;

  it('an unquoted thousands separator is refused naming the row, not stored as its first digits', async () => {
    const text = csv();
    const row = rowOf(text, 'RV_loans_total_bal');
    const bad = text.replace(/^RV_loans_total_bal,([^,]*),万元,[^\r]*$/mu, 'RV_loans_total_bal,$1,万元,1,234.5');
    await expectRefused(write('千分位.csv', bad), [{ code: 'E_CSV_EXTRA_FIELDS', sheet: 'CSV', cell: `E${row}`, text: `CSV 第 ${row} 行有 5 个字段，多于模板的 4 个（定义名称,项目,单位,数值）：数值「1,234.5」中的千分位逗号没有加英文双引号` }]);
  });

  it('a row with more fields than the form is refused naming the row', async () => {
    const text = csv();
    const row = rowOf(text, 'RV_pov_bal');
    const bad = text.replace(/^(RV_pov_bal,[^\r]*)$/mu, '$1,另见附件');
    await expectRefused(write('多一列.csv', bad), [{ code: 'E_CSV_EXTRA_FIELDS', sheet: 'CSV', cell: `E${row}`, text: `CSV 第 ${row} 行有 5 个字段` }]);
  });

  it('a name given twice (a second 报告期 row) is refused naming both rows', async () => {
    const text = csv();
    const first = rowOf(text, 'RV_cover_quarter');
    const lines = text.split('\r\n').length;
    const bad = `${text}RV_cover_quarter,报告期,,2025Q1\r\n`;
    await expectRefused(write('两个报告期.csv', bad), [{ code: 'E_CSV_DUPLICATE', sheet: 'CSV', cell: `A${lines}`, text: `CSV 第 ${first} 行和第 ${lines} 行都是「RV_cover_quarter」（报告期）` }]);
  });

  it('rows after a long run of empty rows are never dropped silently; empty rows at the end are harmless', async () => {
    const text = csv();
    const lines = text.split('\r\n');
    const head = lines.slice(0, 10).join('\r\n');
    const tail = lines.slice(10).join('\r\n');
    const bad = `${head}\r\n${'\r\n'.repeat(10_050)}${tail}`;
    await expectRefused(write('空行之后.csv', bad), [{ code: 'E_CSV_ROWS_AFTER_GAP', sheet: 'CSV', text: '第 10061 行还有内容' }]);
    const ok = await importOne(write('末尾空行.csv', `${text}${',,,\r\n'.repeat(12_000)}`), Q2_RECEIVED);
    expect(ok.errors).toEqual([]);
    expect(ok.status).toBe('accepted');
  });

  it('a value on a row whose 定义名称 is not the form\'s is refused naming the row, not dropped', async () => {
    const text = csv();
    const row = rowOf(text, 'RV_sgl_bal');
    const bad = text.replace(/^RV_sgl_bal,/mu, 'RV_sgl_balance,');
    const f = await expectRefused(write('改了定义名称.csv', bad), [
      { code: 'E_CSV_UNKNOWN_NAME', sheet: 'CSV', cell: `A${row}`, text: /^CSV 第 \d+ 行的定义名称「RV_sgl_balance」不是模板 RV-2025\.1 的填报项，其数值「[\d.]+」对应不到报表中的任何一项/u },
    ]);
    expect(f.errors.filter((e) => e.code === 'E_CSV_UNKNOWN_NAME')).toHaveLength(1);
    // A row the clerk added with no value harms nothing.
    const blankRow = await importOne(write('多一行空项.csv', `${text}RV_note,备注,,\r\n`), Q2_RECEIVED);
    expect(blankRow.status, JSON.stringify(blankRow.errors)).toBe('accepted');
  });

  it('a bare 0.8 for a rate says how it was read', async () => {
    const text = csv().replace(/^(RV_sgl_subsidy_share,[^,]*,[^,]*),[^\r]*$/mu, '$1,0.8');
    const f = await importOne(write('比例小数.csv', text), Q2_RECEIVED);
    expect(f.status, JSON.stringify(f.errors)).toBe('accepted');
    expect(f.notes.find((n) => n.sheet === 'CSV' && n.code === 'N_CONVERTED')?.message).toContain('按小数理解为 80%');
  });
});
