/**
 * Report files written by the tests themselves with SheetJS, from the same
 * layout the importer reads (layoutFor), so the tests never depend on the
 * template generator. A complete, valid report is the default; each test
 * overrides the cells it is about.
 */
import * as XLSX from 'xlsx';
import * as fs from 'node:fs';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cpexcel from 'xlsx/dist/cpexcel.full';
import type { CP$Utils } from 'xlsx/dist/cpexcel.full';
import { openDatabase, type DB } from '../../src/services/db/database';
import { layoutFor, listTemplateVersions } from '../../src/services/catalogue/fields';
import type { InputCell } from '../../src/domain/catalogue/layout';
import { getInstitution } from '../../src/services/registry/institutions';
import { csvTemplateText } from '../../src/domain/import/csvLayout';
import { regionContext } from '../../src/services/registry/regions';

XLSX.set_fs(fs);
XLSX.set_cptable(cpexcel);
const codepages = (cpexcel as unknown as { utils: CP$Utils }).utils;

export function tempDir(prefix = 'rfm-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function freshDb(dir = tempDir()): { db: DB; dbPath: string; dir: string } {
  const dbPath = join(dir, 'test.sqlite');
  return { db: openDatabase(dbPath), dbPath, dir };
}

/** A cell as a test writes it: a number, a text, a blank (null) or a SheetJS cell. */
export type CellSpec = number | string | null | XLSX.CellObject;

const SCALARS: Record<string, CellSpec> = {
  cover_preparer: '张三',
  cover_phone: '0915-3212345',
  cover_reviewer: '李四',
  cover_fill_date: '2025-10-03',
  loans_total_bal: 100000,
  loans_total_ytd: 50000,
  agri_loans_bal: 60000,
  agri_loans_ytd: 30000,
  farmer_loans_bal: 20000,
  farmer_loans_ytd: 10000,
  nae_loans_bal: 10000,
  nae_loans_ytd: 5000,
  inclusive_agri_bal: 15000,
  inclusive_agri_ytd: 8000,
  npl_total_bal: 1000,
  agri_npl_bal: 600,
  // RV-2026.1: the components of 涉农贷款 add up (60000 = 20000 + 30000 + 10000; 农户 20000 = 17000 + 3000).
  farmer_prod_bal: 17000,
  farmer_prod_ytd: 8500,
  farmer_cons_bal: 3000,
  farmer_cons_ytd: 1500,
  rural_org_bal: 30000,
  rural_org_ytd: 15000,
  urban_org_agri_bal: 10000,
  urban_org_agri_ytd: 5000,
  agri_sector_bal: 25000,
  agri_sector_ytd: 12000,
  family_farm_bal: 2500,
  coop_bal: 2000,
  leading_ent_bal: 3500,
  agri_mlt_bal: 24000,
  agri_credit_bal: 9000,
  farmer_npl_bal: 200,
  inclusive_agri_npl_bal: 300,
  agri_new_rate: { t: 'n', v: 0.0395, z: '0.00%' },
  inclusive_agri_new_le1y: 5000,
  inclusive_agri_new_le1y_rate: { t: 'n', v: 0.0345, z: '0.00%' },
  inclusive_agri_new_1to3y: 2000,
  inclusive_agri_new_1to3y_rate: { t: 'n', v: 0.038, z: '0.00%' },
  pov_new_le1y: 600,
  pov_new_le1y_rate: { t: 'n', v: 0.031, z: '0.00%' },
  pov_new_1to3y: 400,
  pov_new_1to3y_rate: { t: 'n', v: 0.0345, z: '0.00%' },
  keyarea_total_bal: 5000,
  keyarea_total_ytd: 2500,
  keyarea_total_mlt_bal: 2000,
  prop_total_count: 30,
  prop_total_bal: 1800,
  sidai_total_count: 35,
  sidai_total_amount: 700,
  pov_bal: 3000,
  pov_ytd: 1000,
  pov_households: 500,
  pov_npl: 10,
  pov_rate: { t: 'n', v: 0.0345, z: '0.00%' },
  sgl_bal: 2000,
  sgl_ytd: 800,
  sgl_subsidy_ytd: 20,
  sgl_subsidy_share: { t: 'n', v: 0.5, z: '0%' },
  credit_households: 1200,
  credit_villages: 30,
  credit_towns: 3,
  whole_village_villages: 12,
  whole_village_amount: 4000,
  finance_supermarkets: 5,
  service_stations: 4,
  cash_points: 60,
  fin_edu_activities: 9,
  villages_total: 50,
  villages_covered: 40,
  nae_total: 30,
  nae_rated: 20,
  relending_bal: 500,
  guarantee_loans_bal: 400,
  guarantee_fee_rate: { t: 'n', v: 0.01, z: '0.00%' },
  agri_subsidy_rate: { t: 'n', v: 0.02, z: '0.00%' },
  text_work: '本季度围绕富硒茶、魔芋等产业链加大信贷投放。',
  text_problems: '部分经营主体缺乏有效抵押物。',
  text_suggestions: '',
  text_cases: '',
};

const MEMBER_VALUES: Record<string, number> = {
  keyarea_bal: 1000,
  keyarea_ytd: 500,
  keyarea_mlt_bal: 400,
  chain_bal: 2000,
  chain_ytd: 1000,
  chain_entities: 10,
  county_agri_bal: 3000,
  county_lead_bal: 1000,
  county_lead_ytd: 500,
  prop_count: 5,
  prop_bal: 300,
  sidai_count: 10,
  sidai_amount: 200,
};

/**
 * RV-2026.1 figures that must agree with others (parts with their totals): when a test sets one
 * of the figures they depend on, they are left blank (as a bank filling only the old rows), so a
 * test about 涉农贷款 alone is not answered with a sum that no longer adds up.
 */
const DEPENDS_ON: Record<string, string[]> = {
  farmer_prod_bal: ['farmer_loans_bal'],
  farmer_cons_bal: ['farmer_loans_bal'],
  farmer_prod_ytd: ['farmer_loans_ytd'],
  farmer_cons_ytd: ['farmer_loans_ytd'],
  rural_org_bal: ['agri_loans_bal', 'farmer_loans_bal'],
  urban_org_agri_bal: ['agri_loans_bal', 'farmer_loans_bal'],
  rural_org_ytd: ['agri_loans_ytd', 'farmer_loans_ytd'],
  urban_org_agri_ytd: ['agri_loans_ytd', 'farmer_loans_ytd'],
  agri_sector_bal: ['agri_loans_bal'],
  agri_sector_ytd: ['agri_loans_ytd'],
  family_farm_bal: ['nae_loans_bal'],
  coop_bal: ['nae_loans_bal'],
  leading_ent_bal: ['nae_loans_bal'],
  agri_mlt_bal: ['agri_loans_bal'],
  agri_credit_bal: ['agri_loans_bal'],
  farmer_npl_bal: ['farmer_loans_bal', 'agri_npl_bal'],
  inclusive_agri_npl_bal: ['inclusive_agri_bal', 'agri_npl_bal'],
  inclusive_agri_new_le1y: ['inclusive_agri_ytd'],
  inclusive_agri_new_1to3y: ['inclusive_agri_ytd'],
  pov_new_le1y: ['pov_ytd'],
  pov_new_1to3y: ['pov_ytd'],
  keyarea_total_bal: ['keyarea_bal', 'agri_loans_bal'],
  keyarea_total_ytd: ['keyarea_ytd', 'agri_loans_ytd'],
  keyarea_total_mlt_bal: ['keyarea_mlt_bal', 'keyarea_bal'],
  keyarea_mlt_bal: ['keyarea_bal'],
  prop_total_count: ['prop_count'],
  prop_total_bal: ['prop_bal'],
  sidai_total_count: ['sidai_count'],
  sidai_total_amount: ['sidai_amount'],
};

function overridden(spec: ReportSpec, key: string): boolean {
  return Object.keys(spec.cells ?? {}).some((k) => k === key || k === `RV_${key}` || k.startsWith(`RV_${key}__`));
}

export interface ReportSpec {
  /** Institution code from the registry (e.g. AK-ABC). */
  institution: string;
  quarter: string;
  /** Overrides by field key (scalars) or defined name (any input). */
  cells?: Record<string, CellSpec>;
  /** Written into the cover's institution cell instead of the registry name. */
  institutionText?: string;
  templateVersion?: string;
  /** Leave out the workbook's defined names (as some programs do on re-save). */
  noNames?: boolean;
  /** Region written in the template (default: the institution's). */
  region?: string;
}

function toCell(spec: CellSpec): XLSX.CellObject | null {
  if (spec === null) return null;
  if (typeof spec === 'number') return { t: 'n', v: spec };
  if (typeof spec === 'string') return spec === '' ? null : { t: 's', v: spec };
  return spec;
}

export function valueFor(input: InputCell, spec: ReportSpec, instName: string, instCode: string): CellSpec {
  const cells = spec.cells ?? {};
  if (input.definedName in cells) return cells[input.definedName] ?? null;
  if (input.member === null && input.key in cells) return cells[input.key] ?? null;
  if (input.key === 'cover_institution') return spec.institutionText ?? instName;
  if (input.key === 'cover_institution_code') return instCode;
  if (input.key === 'cover_quarter') return spec.quarter;
  if ((DEPENDS_ON[input.key] ?? []).some((k) => overridden(spec, k))) return null;
  if (input.member !== null) return MEMBER_VALUES[input.key] ?? null;
  return SCALARS[input.key] ?? null;
}

/** The layout of the template version a test file claims (the current one for a version the program does not know). */
function layoutOf(db: DB, region: string, version: string | undefined): ReturnType<typeof layoutFor> {
  return version && listTemplateVersions(db).includes(version) ? layoutFor(db, region, version) : layoutFor(db, region);
}

export function reportWorkbook(db: DB, spec: ReportSpec): XLSX.WorkBook {
  const inst = getInstitution(db, spec.institution);
  if (!inst) throw new Error(`unknown institution ${spec.institution}`);
  const region = spec.region ?? inst.region;
  const layout = layoutOf(db, region, spec.templateVersion);
  const regionName = regionContext(db, region).region.name;
  const wb = XLSX.utils.book_new();
  const names: { Name: string; Ref: string }[] = [];
  const ref = (sheet: string, cell: string): string => `'${sheet}'!$${cell.replace(/(\d+)$/, '$$$1')}`;
  for (const sheet of layout.sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxRow = 1;
    let maxCol = 4;
    for (const item of sheet.items) {
      maxRow = Math.max(maxRow, item.row);
      maxCol = Math.max(maxCol, item.col + item.span - 1);
      const addr = XLSX.utils.encode_cell({ r: item.row - 1, c: item.col - 1 });
      if (item.kind === 'input') {
        const c = toCell(valueFor(item.input, spec, inst.name, inst.code));
        if (c) ws[addr] = c;
        names.push({ Name: item.input.definedName, Ref: ref(sheet.name, item.input.cell) });
      } else {
        ws[addr] = { t: 's', v: item.text };
      }
    }
    if (sheet.name === layout.versionCell.sheet) {
      ws[layout.versionCell.cell] = { t: 's', v: spec.templateVersion ?? layout.templateVersion };
      ws[layout.regionCell.cell] = { t: 's', v: regionName };
      names.push({ Name: layout.versionName, Ref: ref(sheet.name, layout.versionCell.cell) });
      names.push({ Name: layout.regionName, Ref: ref(sheet.name, layout.regionCell.cell) });
    }
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxRow, c: maxCol } });
    XLSX.utils.book_append_sheet(wb, ws, sheet.name);
  }
  if (!spec.noNames) wb.Workbook = { ...(wb.Workbook ?? {}), Names: names };
  return wb;
}

/**
 * Inserts an empty row above `row` of one sheet, as a spreadsheet program does: the
 * cells from that row down move one row down. Defined names are then updated (as
 * Excel and WPS do), left stale (as openpyxl's insert_rows does) or dropped.
 */
export function insertRow(wb: XLSX.WorkBook, sheet: string, row: number, names: 'update' | 'stale' | 'drop'): void {
  const ws = wb.Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const moved: [string, XLSX.CellObject][] = [];
  for (const addr of Object.keys(ws)) {
    if (addr.startsWith('!')) continue;
    const c = XLSX.utils.decode_cell(addr);
    if (c.r + 1 < row) continue;
    moved.push([XLSX.utils.encode_cell({ r: c.r + 1, c: c.c }), ws[addr] as XLSX.CellObject]);
    delete ws[addr];
  }
  for (const [addr, cell] of moved) ws[addr] = cell;
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  range.e.r++;
  ws['!ref'] = XLSX.utils.encode_range(range);
  if (!wb.Workbook?.Names) return;
  if (names === 'drop') {
    wb.Workbook.Names = [];
    return;
  }
  if (names === 'stale') return;
  const quoted = `'${sheet}'!`;
  for (const n of wb.Workbook.Names) {
    if (!n.Ref.startsWith(quoted)) continue;
    n.Ref = n.Ref.replace(/\$(\d+)$/, (_m, r: string) => `$${Number(r) >= row ? Number(r) + 1 : Number(r)}`);
  }
}

export type FileKind = 'xlsx' | 'xls' | 'ods' | 'csv-utf8' | 'csv-gbk';

/** The CSV form (domain/import/csvLayout.ts) of the same report. */
export function reportCsv(db: DB, spec: ReportSpec): string {
  const inst = getInstitution(db, spec.institution);
  if (!inst) throw new Error(`unknown institution ${spec.institution}`);
  const region = spec.region ?? inst.region;
  const layout = layoutOf(db, region, spec.templateVersion);
  const prefill = new Map<string, string>();
  for (const input of layout.inputs) {
    const v = valueFor(input, spec, inst.name, inst.code);
    if (v === null) continue;
    if (typeof v === 'number' || typeof v === 'string') prefill.set(input.definedName, String(v));
    else if (v.w !== undefined) prefill.set(input.definedName, v.w);
    else if (typeof v.v === 'number' && String(v.z ?? '').includes('%')) prefill.set(input.definedName, `${Number((v.v * 100).toPrecision(12))}%`);
    else if (v.v !== undefined) prefill.set(input.definedName, String(v.v));
  }
  const text = csvTemplateText({ ...layout, templateVersion: spec.templateVersion ?? layout.templateVersion }, regionContext(db, region).region.name, prefill);
  return text;
}

export function writeReport(db: DB, spec: ReportSpec, path: string, kind: FileKind = 'xlsx'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  if (kind === 'csv-utf8') writeFileSync(path, `\uFEFF${reportCsv(db, spec)}`, 'utf8');
  else if (kind === 'csv-gbk') writeFileSync(path, Uint8Array.from(codepages.encode(936, reportCsv(db, spec), 'arr') as number[]));
  else {
    const bookType = kind === 'xls' ? 'biff8' : kind;
    writeFileSync(path, XLSX.write(reportWorkbook(db, spec), { type: 'buffer', bookType }) as Buffer);
  }
  return path;
}

/** Every table's rows, for before/after comparisons. */
export function dumpAllTables(db: DB): Record<string, unknown[]> {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}"`).all();
  return out;
}
