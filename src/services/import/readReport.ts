/**
 * From a parsed workbook to a checked report: finds the template version and
 * region, reads every input (by defined name first, by the layout's sheet and
 * cell when a program dropped the names), parses the values, checks the cover
 * against the registry and runs the catalogue's validation rules.
 */
import type { Statement } from 'better-sqlite3';
import type { DB } from '../db/database';
import { statement } from '../db/statements';
import type { IssueRef } from '../../api/types';
import type { Institution } from '../../domain/catalogue/types';
import { REGION_NAME, VERSION_NAME, type InputCell, type TemplateLayout } from '../../domain/catalogue/layout';
import { cellAt, cellText, nameTargets, type CellAddress, type WorkbookSnapshot } from '../../domain/import/workbook';
import { parseCellValue } from '../../domain/import/parseValue';
import type { ErrorCode, MessageParams } from '../../domain/errors';
import { appErrorOf } from '../../domain/result';
import { validateReport, valueKey, type History, type ReportValue } from '../../domain/import/validate';
import { periodQuarter, periodsUsed } from '../../domain/rules/periods';
import type { CompiledRuleSet } from '../../domain/rules/types';
import { ruleSetFor } from '../catalogue/rules';
import { CSV_SHEET, csvDefinedNames, csvFormProblems, csvUnknownNames } from '../../domain/import/csvLayout';
import { regionTarget } from '../../domain/import/locate';
import { CellFinder, type Where } from './locateCells';
import { dayNumber, formatDate, parseIsoDate, parseQuarter, quarterEndDate, quarterId, type CalendarDate, type Quarter } from '../../domain/quarter';
import { layoutFor, listTemplateVersions } from '../catalogue/fields';
import { resolveInstitution } from '../registry/institutions';
import { loadExampleInstitutions } from '../catalogue/load';
import { listRegions, resolveRegionCode } from '../registry/regions';
import type { SheetFormat } from './detect';
import type { PendingCommits } from './pending';

export interface StoredValue {
  key: string;
  /** '' for scalar fields. */
  member: string;
  num: number | null;
  text: string | null;
  raw: string | null;
  note: string | null;
  sheet: string;
  cell: string;
  definedName: string;
  /** The file the value came from when it is not the submission's own (a history value carried into a later history version). */
  file?: string | null;
}

export interface ReadReport {
  errors: IssueRef[];
  warnings: IssueRef[];
  notes: IssueRef[];
  templateVersion: string | null;
  region: string | null;
  institution: Institution | null;
  quarter: Quarter | null;
  values: StoredValue[];
  /** True when some inputs were found by sheet and cell because their defined names were missing. */
  usedCellFallback: boolean;
}

const VERSION_RE = /^RV-\d{4}\.\d+$/;

/** A problem of the report, worded by its code's template and placed at its cell. */
function issue<C extends ErrorCode>(code: C, params: MessageParams<C>, at?: Where | null): IssueRef {
  return { sheet: at?.sheet ?? null, cell: at?.cell ?? null, ...appErrorOf(code, params) };
}

/** A problem already worded by its code's template (a cell's value, a CSV row), placed at its cell. */
function placed(p: { code: string; message: string }, at?: Where | null): IssueRef {
  return { sheet: at?.sheet ?? null, cell: at?.cell ?? null, code: p.code, message: p.message };
}

/** The same problem found through several inputs (a missing sheet, a shifted label shared by a row) is listed once. */
function pushOnce(list: IssueRef[], i: IssueRef): void {
  if (!list.some((x) => x.code === i.code && x.sheet === i.sheet && x.cell === i.cell && x.message === i.message)) list.push(i);
}

function blankValue(input: InputCell, at: CellAddress): StoredValue {
  return { key: input.key, member: input.member ?? '', num: null, text: null, raw: null, note: null, sheet: at.sheet, cell: at.cell, definedName: input.definedName };
}

/** The template version: by its defined name, else any cell of the cover that looks like one. */
function findVersion(wb: WorkbookSnapshot, names: Map<string, CellAddress[]>): { version: string; at: CellAddress | null } | null {
  // A stale name (a row inserted on the cover) points at a neighbouring cell: only a version mark counts.
  const at = names.get(VERSION_NAME)?.[0];
  if (at) {
    const v = cellText(cellAt(wb, at));
    if (VERSION_RE.test(v)) return { version: v, at };
  }
  const candidates = [wb.sheetNames[0], '封面', CSV_SHEET].filter((s): s is string => s !== undefined);
  for (const sheet of candidates) {
    const cells = wb.sheets[sheet] ?? {};
    for (const [cell, c] of Object.entries(cells)) {
      const t = cellText(c);
      if (VERSION_RE.test(t)) return { version: t, at: { sheet, cell } };
    }
  }
  return null;
}

/**
 * What stays the same for every file of a batch (layouts, known versions, region
 * names): built once per import instead of once per file.
 */
export class ReadCache {
  private readonly layouts = new Map<string, TemplateLayout>();
  private versions: string[] | null = null;
  private regions: Map<string, string> | null = null;
  private previousStmt: Statement | null = null;
  /** pending: in a check, the batch's earlier files as their commits will have stored them (pending.ts). */
  constructor(
    private readonly db: DB,
    private readonly pending?: PendingCommits,
  ) {}

  layout(region: string, version: string): TemplateLayout {
    const key = `${region}\u0000${version}`;
    let l = this.layouts.get(key);
    if (!l) this.layouts.set(key, (l = layoutFor(this.db, region, version)));
    return l;
  }

  templateVersions(): string[] {
    return (this.versions ??= listTemplateVersions(this.db));
  }

  regionNames(): Map<string, string> {
    return (this.regions ??= new Map(listRegions(this.db).map((r) => [r.code, r.name])));
  }

  rules(version: string): CompiledRuleSet {
    return ruleSetFor(this.db, version);
  }

  /** What the institution reported for the earlier quarters the rules read (跨期审核). */
  history(institution: string, q: Quarter, rules: CompiledRuleSet): History {
    const out: History = {};
    for (const p of periodsUsed(rules)) out[p] = this.currentValues(institution, periodQuarter(q, p));
    return out;
  }

  /** The institution's current values of a quarter: a file earlier in the batch being checked, else the database's. */
  currentValues(institution: string, q: Quarter): ReadonlyMap<string, number> {
    const batch = this.pending?.values(institution, quarterId(q));
    if (batch) return batch;
    this.previousStmt ??= this.db.prepare('SELECT field_key AS key, member, num FROM current_values WHERE institution = ? AND quarter = ? AND num IS NOT NULL');
    const rows = this.previousStmt.all(institution, quarterId(q)) as { key: string; member: string; num: number }[];
    return new Map(rows.map((r) => [valueKey(r.key, r.member === '' ? null : r.member), r.num]));
  }
}

export interface ReadContext {
  db: DB;
  file: string;
  format: SheetFormat;
  received: CalendarDate;
  jumpThreshold?: number;
  /** Shared across the files of one import; a fresh one is made when absent. */
  cache?: ReadCache;
}

export function readReport(ctx: ReadContext, wb0: WorkbookSnapshot): ReadReport {
  const { db } = ctx;
  const cache = ctx.cache ?? new ReadCache(db);
  const out: ReadReport = { errors: [], warnings: [], notes: [], templateVersion: null, region: null, institution: null, quarter: null, values: [], usedCellFallback: false };
  let wb = wb0;
  if (ctx.format === 'csv') {
    const names = csvDefinedNames(wb.sheets[CSV_SHEET] ?? {});
    if (!names) {
      // A text file named like a workbook is most likely a damaged or mislabelled download: say so first.
      const ext = /\.(xlsx|xlsm|xls|et|ods)$/i.exec(ctx.file)?.[1];
      const lead = ext ? `文件扩展名为 .${ext.toLowerCase()}，但内容是纯文本，不是 Excel/WPS 工作簿（可能已损坏或被改名）；按 CSV 读取时，` : '';
      out.errors.push(issue('E_CSV_HEADER', { file: lead }, { sheet: CSV_SHEET, cell: 'A1' }));
      return out;
    }
    wb = { ...wb, names };
    for (const p of csvFormProblems(wb.sheets[CSV_SHEET] ?? {})) out.errors.push(placed(p, { sheet: CSV_SHEET, cell: p.cell }));
  }
  const names = nameTargets(wb);
  const cells = new CellFinder(ctx.format === 'csv', wb, names);

  const found = findVersion(wb, names);
  if (!found) {
    out.errors.push(issue('E_NOT_TEMPLATE', {}));
    return out;
  }
  const known = cache.templateVersions();
  if (!known.includes(found.version)) {
    out.errors.push(issue('E_TEMPLATE_VERSION', { version: found.version, known: known.join('、') }, found.at));
    return out;
  }
  out.templateVersion = found.version;
  const regionNames = cache.regionNames();
  // The cover is the same in every region's layout: any region's layout locates it.
  const anyLayout = cache.layout([...regionNames.keys()][0] ?? 'ankang', found.version);

  // Region: the template's region mark; without one, the institution's region decides.
  // A region mark that is not where the form has it counts as absent: the institution's region decides.
  const regionLoc = cells.locate(REGION_NAME, ctx.format === 'csv' ? null : regionTarget(anyLayout));
  const regionAt = regionLoc && !('error' in regionLoc) ? regionLoc.at : null;
  const regionText = regionAt ? cellText(cellAt(wb, regionAt)) : '';
  let region = regionText ? resolveRegionCode(db, regionText) : null;
  if (regionText && !region) out.errors.push(issue('E_TEMPLATE_REGION', { region: regionText }, regionAt));

  const coverInput = (layout: TemplateLayout, role: string): InputCell | undefined => layout.inputs.find((i) => i.field.role === role);
  /** A cover field's text; a cell that cannot be trusted is reported (once) and reads as absent. */
  const coverText = (layout: TemplateLayout, role: string): { text: string; at: Where | null; failed: boolean } => {
    const input = coverInput(layout, role);
    const loc = input ? cells.locateInput(layout, input) : null;
    if (!loc) return { text: '', at: null, failed: false };
    if ('error' in loc) {
      pushOnce(out.errors, loc.error);
      return { text: '', at: loc.at, failed: true };
    }
    return { text: cellText(cellAt(wb, loc.at)), at: loc.at, failed: false };
  };

  // Cover: institution by name/alias, cross-checked with the code when given.
  const instCell = coverText(anyLayout, 'institution');
  const codeCell = coverText(anyLayout, 'institutionCode');
  let inst: Institution | null = null;
  if (instCell.text) {
    inst = resolveInstitution(db, instCell.text);
    const byCode = !inst && codeCell.text ? resolveInstitution(db, codeCell.text) : null;
    if (byCode) {
      // A new way of writing the name, with the code the 人民银行 prefilled: known by the code.
      inst = byCode;
      out.warnings.push(
        issue('W_INSTITUTION_NAME', { text: instCell.text, code: byCode.code, name: byCode.name }, instCell.at),
      );
    } else if (!inst && isCatalogueExample(instCell.text, codeCell.text)) {
      // The sample data's fictional bank, in a registry that never had it (a new install): say so.
      out.errors.push(issue('E_INSTITUTION_EXAMPLE', { name: instCell.text }, instCell.at));
    } else if (!inst) {
      out.errors.push(issue('E_INSTITUTION_UNKNOWN', { institution: instCell.text }, instCell.at));
    }
  } else if (codeCell.text) {
    inst = resolveInstitution(db, codeCell.text);
  }
  if (!instCell.text && !inst && !instCell.failed) out.errors.push(issue('E_INSTITUTION_MISSING', {}, instCell.at));
  if (inst && codeCell.text && codeCell.text.toUpperCase() !== inst.code) {
    out.errors.push(issue('E_INSTITUTION_CODE', { text: codeCell.text, name: inst.name, code: inst.code }, codeCell.at));
  }
  if (inst && !inst.active) out.errors.push(issue('E_INSTITUTION_INACTIVE', { name: inst.name }, instCell.at));
  if (inst && region && inst.region !== region) {
    out.errors.push(
      issue(
        'E_INSTITUTION_REGION',
        { name: inst.name, region: regionNames.get(inst.region) ?? inst.region, templateRegion: regionNames.get(region) ?? region },
        instCell.at,
      ),
    );
  }
  out.institution = inst;
  region = region ?? inst?.region ?? null;
  if (!region) return out;
  out.region = region;

  // Quarter: a real quarter that has ended by the day the file arrived.
  const qCell = coverText(anyLayout, 'quarter');
  const quarter = qCell.text ? parseQuarter(qCell.text) : null;
  if (!qCell.text) {
    if (!qCell.failed) out.errors.push(issue('E_QUARTER_MISSING', {}, qCell.at));
  } else if (!quarter) out.errors.push(issue('E_QUARTER_INVALID', { what: '封面报告期', quarter: qCell.text }, qCell.at));
  else {
    const period = statement(db, 'SELECT 1 FROM periods WHERE quarter = ?').get(quarterId(quarter));
    const end = quarterEndDate(quarter);
    if (!period) out.errors.push(issue('E_QUARTER_OUTSIDE', { quarter: quarterId(quarter) }, qCell.at));
    else if (dayNumber(end) > dayNumber(ctx.received)) {
      out.errors.push(
        issue('E_QUARTER_FUTURE', { quarter: quarterId(quarter), end: formatDate(end), received: formatDate(ctx.received) }, qCell.at),
      );
    } else out.quarter = quarter;
  }

  const layout = cache.layout(region, found.version);
  if (ctx.format === 'csv') {
    const known = new Set([VERSION_NAME, REGION_NAME, ...layout.inputs.map((i) => i.definedName)]);
    for (const p of csvUnknownNames(wb.sheets[CSV_SHEET] ?? {}, known, found.version)) out.errors.push(placed(p, { sheet: CSV_SHEET, cell: p.cell }));
  }
  const reportValues: ReportValue[] = [];
  const missingRows = new Map<string, IssueRef>();
  for (const input of layout.inputs) {
    const loc = cells.locateInput(layout, input);
    if (loc && 'error' in loc) {
      if (loc.skip) continue;
      if (loc.labelMissing && input.memberSource && input.memberName) {
        // A member row taken from the registry (chains, units) may be newer than the form the
        // bank filled in: no row on the form is no value, said once per member and confirmed.
        const key = `${input.sheet}\u0000${input.member ?? ''}`;
        if (!missingRows.has(key)) {
          missingRows.set(key, {
            ...issue('W_MEMBER_ROW_MISSING', { sheet: input.sheet, member: input.memberName }, loc.error),
            ack: 'confirm',
          });
        }
        const blank = blankValue(input, { sheet: input.sheet, cell: '' });
        out.values.push(blank);
        reportValues.push({ input, sheet: blank.sheet, cell: blank.cell, num: null, text: null });
        continue;
      }
      pushOnce(out.errors, loc.error);
      continue;
    }
    const at = loc?.at ?? { sheet: CSV_SHEET, cell: '' };
    if (loc && !loc.byName) out.usedCellFallback = true;
    const parsed = parseCellValue(input.field, loc ? cellAt(wb, at) : undefined, wb.date1904);
    if (!parsed.ok) {
      out.errors.push(placed(parsed, at));
      continue;
    }
    if (parsed.note) out.notes.push(placed({ code: 'N_CONVERTED', message: parsed.note }, at));
    const moved = loc?.note ?? null;
    const note = parsed.note && moved ? `${parsed.note}；${moved}` : (parsed.note ?? moved);
    out.values.push({
      key: input.key,
      member: input.member ?? '',
      num: parsed.num,
      text: parsed.text,
      raw: parsed.raw,
      note,
      sheet: at.sheet,
      cell: at.cell,
      definedName: input.definedName,
    });
    reportValues.push({ input, sheet: at.sheet, cell: at.cell, num: parsed.num, text: parsed.text });
  }
  out.warnings.push(...missingRows.values());
  out.notes.push(...cells.movedNotes());
  if (out.usedCellFallback && ctx.format !== 'csv') {
    out.notes.push(issue('N_NAMES_MISSING', {}));
  }

  // A date later than the day the file arrived (a 填报日期 of 2025-10-30 on a file received
  // 2025-10-08) cannot be true, but it is what the clerk wrote and it drives no figure, and
  // the arrival date may be the analyst's estimate: stored as written, with a warning to check
  // (serial 60 and years past 9999 are refused in parseValue.ts: they are not dates at all).
  for (const v of reportValues) {
    const d = v.input.type === 'date' && v.text ? parseIsoDate(v.text) : null;
    if (d && dayNumber(d) > dayNumber(ctx.received)) {
      out.warnings.push(
        issue('W_DATE_AFTER_RECEIVED', { field: v.input.label, date: formatDate(d), received: formatDate(ctx.received) }, v),
      );
    }
  }

  const rules = cache.rules(found.version);
  const history = inst && out.quarter ? cache.history(inst.code, out.quarter, rules) : undefined;
  const issues = validateReport(reportValues, {
    rules,
    ...(out.quarter ? { quarter: out.quarter.q } : {}),
    ...(history ? { history } : {}),
    ...(ctx.jumpThreshold !== undefined ? { params: { JUMP: ctx.jumpThreshold } } : {}),
  });
  for (const i of issues) {
    const ref: IssueRef = { sheet: i.sheet, cell: i.cell, code: i.code, message: i.message, ...(i.rule ? { rule: i.rule, ruleTitle: i.ruleTitle ?? i.rule } : {}), ...(i.ack ? { ack: i.ack } : {}) };
    (i.severity === 'error' ? out.errors : out.warnings).push(ref);
  }
  return out;
}

/** Whether a cover names one of the catalogue's fictional banks (by full name, alias or code). */
function isCatalogueExample(name: string, code: string): boolean {
  const n = name.trim();
  const c = code.trim().toUpperCase();
  return loadExampleInstitutions().some((e) => e.name === n || e.aliases.includes(n) || (c !== '' && e.code === c));
}
