/**
 * History from day one (历史数据补录): the past quarters an analyst keeps in an own Excel
 * summary, loaded so that 同比 and the multi-year targets have their bases in the first
 * year of use.
 *
 * A sheet is read in one of two shapes (domain/history/sheets.ts): long (机构, 报告期, 字段,
 * 成员, 数值, one value per row) or wide (institutions down, fields or quarters across,
 * merged headers) through a column mapping the analyst confirms once per layout. Every
 * value is parsed by the report importer's own parser (parseValue.ts: the same refusals)
 * and checked cell by cell like a report's; any error refuses the whole file, naming
 * file, sheet and cell, and nothing is written.
 *
 * Stored as 补录 submissions (kind backfill, origin history), one per institution and
 * quarter, each value with the file, sheet and cell it came from: never on time or late,
 * and replaced by the bank's real report for that quarter when one arrives (the real report
 * always wins: values for a quarter that already has one are not stored). A later history
 * file for the same quarter makes a new version that carries the earlier values over.
 */
import type { DB } from '../db/database';
import type { Institution } from '../../domain/catalogue/types';
import type { InputCell, TemplateLayout } from '../../domain/catalogue/layout';
import { a1 } from '../../domain/catalogue/layout';
import type { IssueRef } from '../../api/types';
import type {
  HistoryColumnPreview,
  HistoryGroupResult,
  HistoryImportArgs,
  HistoryImportResult,
  HistoryPreviewValue,
  HistorySheetResult,
} from '../../api/history-types';
import type { WideMapping } from '../../domain/history/types';
import type { RawCell } from '../../domain/import/workbook';
import { AppFailure } from '../../domain/result';
import { errorMessage } from '../../domain/errors';
import { parseCellValue } from '../../domain/import/parseValue';
import { showValue, validateReport } from '../../domain/import/validate';
import { FieldIndex, type FieldMatch } from '../../domain/history/fields';
import { gridOf, type Grid } from '../../domain/history/grid';
import { columnNumber, findLongHeader, isSkippedRowLabel, proposeWide } from '../../domain/history/sheets';
import { quarterFromCell } from '../../domain/history/period';
import { dayNumber, formatDate, parseQuarter, quarterEndDate, quarterId, type Quarter } from '../../domain/quarter';
import { nowIso, today as clockToday } from '../../domain/clock';
import { layoutFor, listTemplateVersions } from '../catalogue/fields';
import { listRegions } from '../registry/regions';
import { resolveInstitution } from '../registry/institutions';
import { statement } from '../db/statements';
import { audit } from '../db/audit';
import { createBatch } from '../import/batches';
import { commitSubmission, type NewSubmission } from '../import/submissions';
import type { StoredValue } from '../import/readReport';
import { localUser } from '../settings/localUser';
import { layoutFingerprint, readHistoryWorkbook, type HistoryWorkbook } from './read';
import { rememberedLayout, rememberLayout } from './layouts';

const MAX_LISTED_VALUES = 5000;
const MAX_ERRORS = 200;

interface HistValue {
  institution: Institution;
  quarter: string;
  input: InputCell;
  stored: StoredValue;
}

function issue(code: string, message: string, sheet: string | null, cell: string | null): IssueRef {
  return { sheet, cell, code, message };
}

/** Everything one import looks up, once: institutions by text, each region's fields, the periods. */
class Lookups {
  private readonly institutions = new Map<string, Institution | null>();
  private readonly regionFields = new Map<string, FieldIndex>();
  private readonly versions: string[];
  readonly any: FieldIndex;
  private readonly periods: Set<string>;
  constructor(private readonly db: DB) {
    // Newest first: a field in several versions is read as the newest form has it.
    this.versions = listTemplateVersions(db).sort().reverse();
    const all: TemplateLayout[] = [];
    for (const r of listRegions(db)) for (const v of this.versions) all.push(layoutFor(db, r.code, v));
    this.any = new FieldIndex(all);
    this.periods = new Set((db.prepare('SELECT quarter FROM periods').all() as { quarter: string }[]).map((p) => p.quarter));
  }

  institution(text: string): Institution | null {
    const t = text.trim();
    if (!this.institutions.has(t)) this.institutions.set(t, resolveInstitution(this.db, t));
    return this.institutions.get(t) ?? null;
  }

  fields(region: string): FieldIndex {
    let f = this.regionFields.get(region);
    if (!f) this.regionFields.set(region, (f = new FieldIndex(this.versions.map((v) => layoutFor(this.db, region, v)))));
    return f;
  }

  hasPeriod(q: string): boolean {
    return this.periods.has(q);
  }
}

/** Reading one file: the values found, the problems, and what each sheet turned out to be. */
class Reader {
  readonly values: HistValue[] = [];
  readonly errors: IssueRef[] = [];
  readonly notes: IssueRef[] = [];
  private readonly today = clockToday();
  constructor(
    private readonly wb: HistoryWorkbook,
    readonly look: Lookups,
  ) {}

  error(code: string, message: string, sheet: string | null, cell: string | null): void {
    this.errors.push(issue(code, message, sheet, cell));
  }

  /** The institution a cell names, or null with the error recorded. */
  institutionAt(grid: Grid, row: number, col: number): Institution | null {
    const text = grid.text(row, col);
    const cell = a1(row, col);
    if (!text) {
      this.error('E_HISTORY_INSTITUTION_MISSING', errorMessage('E_HISTORY_INSTITUTION_MISSING'), grid.sheet, cell);
      return null;
    }
    const inst = this.look.institution(text);
    if (!inst) {
      this.error('E_HISTORY_INSTITUTION', errorMessage('E_HISTORY_INSTITUTION', { text }), grid.sheet, cell);
      return null;
    }
    if (!inst.active) {
      this.error('E_HISTORY_INSTITUTION_INACTIVE', errorMessage('E_HISTORY_INSTITUTION_INACTIVE', { name: inst.name }), grid.sheet, cell);
      return null;
    }
    return inst;
  }

  /** A 报告期 that exists and has ended, or null with the error recorded. */
  quarter(q: Quarter | null, shown: string, sheet: string, cell: string): string | null {
    if (!q) {
      this.error('E_HISTORY_QUARTER', errorMessage('E_HISTORY_QUARTER', { text: shown }), sheet, cell);
      return null;
    }
    const id = quarterId(q);
    if (!this.look.hasPeriod(id)) {
      this.error('E_HISTORY_QUARTER_RANGE', errorMessage('E_HISTORY_QUARTER_RANGE', { quarter: id }), sheet, cell);
      return null;
    }
    if (dayNumber(quarterEndDate(q)) > dayNumber(this.today)) {
      this.error('E_HISTORY_QUARTER_FUTURE', errorMessage('E_HISTORY_QUARTER_FUTURE', { quarter: id, end: formatDate(quarterEndDate(q)) }), sheet, cell);
      return null;
    }
    return id;
  }

  /** One value cell, parsed and checked the way a report's cell is; blanks are skipped. */
  value(inst: Institution, quarter: string, match: FieldMatch, cell: RawCell | undefined, sheet: string, addr: string): boolean {
    const parsed = parseCellValue(match.input.field, cell, this.wb.snapshot.date1904);
    if (!parsed.ok) {
      this.error(parsed.code, parsed.message, sheet, addr);
      return false;
    }
    if (parsed.num === null && parsed.text === null) return false;
    const problems = validateReport([{ input: match.input, sheet, cell: addr, num: parsed.num, text: parsed.text }]);
    for (const p of problems) this.error(p.code, p.message, sheet, addr);
    if (problems.length > 0) return false;
    if (parsed.note) this.notes.push(issue('N_CONVERTED', parsed.note, sheet, addr));
    this.values.push({
      institution: inst,
      quarter,
      input: match.input,
      stored: {
        key: match.input.key,
        member: match.input.member ?? '',
        num: parsed.num,
        text: parsed.text,
        raw: parsed.raw,
        note: parsed.note,
        sheet,
        cell: addr,
        definedName: match.input.definedName,
      },
    });
    return true;
  }

  readLong(grid: Grid): number {
    const h = findLongHeader(grid);
    if (!h) return 0;
    let n = 0;
    for (let r = h.row + 1; r <= grid.rows; r++) {
      const instText = grid.text(r, h.institution);
      const fieldText = grid.text(r, h.field);
      const memberText = h.member ? grid.text(r, h.member) : '';
      const valueCell = grid.at(r, h.value);
      const qCell = grid.at(r, h.quarter);
      const blank = !instText && !fieldText && !memberText && !grid.text(r, h.value) && !grid.text(r, h.quarter);
      if (blank || (instText && isSkippedRowLabel(instText))) continue;
      const inst = this.institutionAt(grid, r, h.institution);
      const quarter = this.quarter(quarterFromCell(qCell, this.wb.snapshot.date1904), grid.text(r, h.quarter), grid.sheet, a1(r, h.quarter));
      if (!fieldText) {
        this.error('E_HISTORY_FIELD_MISSING', errorMessage('E_HISTORY_FIELD_MISSING'), grid.sheet, a1(r, h.field));
        continue;
      }
      if (!inst || !quarter) continue;
      const found = this.look.fields(inst.region).lookup(fieldText, memberText);
      if (!found.ok) {
        this.error(found.code, found.message, grid.sheet, a1(r, found.code.startsWith('E_HISTORY_MEMBER') && h.member ? h.member : h.field));
        continue;
      }
      if (this.value(inst, quarter, found.match, valueCell, grid.sheet, a1(r, h.value))) n++;
    }
    return n;
  }

  /** Problems with a mapping the analyst gave (or one remembered from an older program version). */
  checkMapping(grid: Grid, m: WideMapping): boolean {
    const before = this.errors.length;
    const bad = (problem: string): void => this.error('E_HISTORY_MAPPING', errorMessage('E_HISTORY_MAPPING', { sheet: grid.sheet, problem }), grid.sheet, null);
    if (!m || typeof m !== 'object' || !Array.isArray(m.columns) || !Array.isArray(m.headerRows)) {
      bad('格式不对，应含 institutionColumn、headerRows、firstDataRow 和 columns。');
      return false;
    }
    if (columnNumber(String(m.institutionColumn ?? '')) === null) bad(`机构列「${String(m.institutionColumn)}」不是列字母。`);
    if (!Number.isInteger(m.firstDataRow) || m.firstDataRow < 1) bad(`数据起始行「${String(m.firstDataRow)}」应为正整数。`);
    for (const c of m.columns) {
      if (columnNumber(String(c.column ?? '')) === null) bad(`「${String(c.column)}」不是列字母。`);
      if (c.field === null) continue;
      if (this.look.any.candidates(String(c.field)).length === 0) bad(`第 ${c.column} 列的字段「${String(c.field)}」不是报表中的项目。`);
      if (c.quarter === null || !parseQuarter(String(c.quarter))) bad(`第 ${c.column} 列的字段「${String(c.field)}」没有指明报告期（如 2024Q4）。`);
    }
    return this.errors.length === before;
  }

  readWide(grid: Grid, m: WideMapping): { count: Map<string, number>; samples: Map<string, string[]> } {
    const count = new Map<string, number>();
    const samples = new Map<string, string[]>();
    const instCol = columnNumber(m.institutionColumn) ?? 1;
    const mapped = m.columns
      .filter((c) => c.field !== null && c.quarter !== null)
      .map((c) => ({ c, col: columnNumber(c.column) ?? 0, q: parseQuarter(c.quarter ?? '') }))
      .filter((x) => x.col > 0);
    for (let r = m.firstDataRow; r <= grid.rows; r++) {
      const instText = grid.text(r, instCol);
      const any = mapped.some((x) => grid.text(r, x.col) !== '');
      if (!any || (instText && isSkippedRowLabel(instText))) continue;
      const inst = this.institutionAt(grid, r, instCol);
      if (!inst) continue;
      for (const x of mapped) {
        const addr = a1(r, x.col);
        const cell = grid.at(r, x.col);
        if (grid.text(r, x.col) === '') continue;
        const quarter = this.quarter(x.q, x.c.quarter ?? '', grid.sheet, addr);
        if (!quarter) continue;
        const found = this.look.fields(inst.region).lookup(x.c.field ?? '', x.c.member ?? '');
        if (!found.ok) {
          this.error(found.code, `第 ${x.c.column} 列：${found.message}`, grid.sheet, addr);
          continue;
        }
        if (this.value(inst, quarter, found.match, cell, grid.sheet, addr)) {
          count.set(x.c.column, (count.get(x.c.column) ?? 0) + 1);
          const list = samples.get(x.c.column) ?? [];
          const last = this.values[this.values.length - 1];
          if (list.length < 3 && last) list.push(`${inst.name} ${displayOf(last)}`);
          samples.set(x.c.column, list);
        }
      }
    }
    return { count, samples };
  }
}

function displayOf(v: HistValue): string {
  if (v.stored.num !== null) return showValue(v.input.field, v.stored.num);
  return v.stored.text ?? '';
}

function columnPreviews(look: Lookups, m: WideMapping, read: { count: Map<string, number>; samples: Map<string, string[]> } | null): HistoryColumnPreview[] {
  return m.columns.map((c) => {
    const hit = c.field ? look.any.lookup(c.field, c.member ?? '') : null;
    return {
      ...c,
      fieldLabel: hit?.ok ? hit.match.input.field.label : null,
      memberName: hit?.ok ? hit.match.input.memberName : null,
      samples: read?.samples.get(c.column) ?? [],
      count: read?.count.get(c.column) ?? 0,
    };
  });
}

/** A stored value as read back, with the file it came from. */
type StoredRow = StoredValue & { file: string };

interface Group {
  institution: Institution;
  quarter: string;
  values: HistValue[];
}

interface Planned {
  result: HistoryGroupResult;
  submission: Omit<NewSubmission, 'batchId'> | null;
}

/** What storing a group would do: new, a new version carrying the earlier history, nothing, or nothing because a real report stands. */
function plan(db: DB, look: Lookups, wb: HistoryWorkbook, g: Group, errors: IssueRef[]): Planned {
  const cur = statement(db, `SELECT id, origin FROM submissions WHERE institution = ? AND quarter = ? AND status = 'current'`).get(g.institution.code, g.quarter) as
    | { id: number; origin: 'report' | 'history' }
    | undefined;
  const result: HistoryGroupResult = {
    institution: g.institution.code,
    institutionName: g.institution.name,
    quarter: g.quarter,
    outcome: 'new',
    values: g.values.length,
    changed: 0,
    submissionId: null,
    version: null,
  };
  if (cur?.origin === 'report') return { result: { ...result, outcome: 'report', submissionId: cur.id }, submission: null };
  const earlier = cur
    ? (statement(
        db,
        `SELECT v.field_key AS key, v.member, v.num, v.text, v.raw, v.note, v.sheet, v.cell, v.defined_name AS definedName, COALESCE(v.file_name, s.file_name) AS file
         FROM submission_values v JOIN submissions s ON s.id = v.submission_id WHERE v.submission_id = ?`,
      ).all(cur.id) as StoredRow[])
    : [];
  const merged = new Map<string, StoredValue>(earlier.map((r) => [`${r.key}\u0000${r.member}`, { ...r, file: r.file }]));
  let changed = 0;
  let added = 0;
  for (const v of g.values) {
    const k = `${v.stored.key}\u0000${v.stored.member}`;
    const before = merged.get(k);
    if (!before) added++;
    else if (before.num !== v.stored.num || before.text !== v.stored.text) changed++;
    merged.set(k, v.stored);
  }
  if (cur && added === 0 && changed === 0) return { result: { ...result, outcome: 'unchanged', submissionId: cur.id }, submission: null };
  const values = [...merged.values()];
  const version = look.fields(g.institution.region).versionFor(values.map((v) => ({ key: v.key, member: v.member === '' ? null : v.member })));
  if (!version) {
    const first = g.values[0]?.stored;
    errors.push(issue('E_HISTORY_VERSIONS', errorMessage('E_HISTORY_VERSIONS', { institution: g.institution.name, quarter: g.quarter }), first?.sheet ?? null, first?.cell ?? null));
    return { result, submission: null };
  }
  return {
    result: { ...result, outcome: cur ? 'updated' : 'new', changed },
    submission: {
      institution: g.institution.code,
      quarter: g.quarter,
      fileName: wb.file,
      sha256: wb.sha256,
      size: wb.bytes,
      format: wb.format,
      templateVersion: version,
      receivedAt: nowIso(),
      receivedDate: formatDate(clockToday()),
      receivedSource: 'analyst',
      receivedBasis: 'today',
      kind: 'backfill',
      origin: 'history',
      late: false,
      values,
      warnings: [],
      notes: [],
      decisions: [],
    },
  };
}

function failureIssue(e: unknown): IssueRef {
  if (e instanceof AppFailure) return issue(e.appError.code, e.appError.message, e.appError.where?.sheet ?? null, e.appError.where?.cell ?? null);
  throw e;
}

export async function importHistory(db: DB, args: HistoryImportArgs, actor = localUser(db)): Promise<HistoryImportResult> {
  const dryRun = args.dryRun === true;
  const base: HistoryImportResult = {
    file: args.path.split(/[\\/]/u).pop() ?? args.path,
    path: args.path,
    sha256: null,
    dryRun,
    status: 'rejected',
    batchId: null,
    sheets: [],
    groups: [],
    values: [],
    valueCount: 0,
    errors: [],
    notes: [],
  };
  let wb: HistoryWorkbook;
  try {
    wb = await readHistoryWorkbook(args.path);
  } catch (e) {
    return { ...base, errors: [failureIssue(e)] };
  }
  base.sha256 = wb.sha256;
  const look = new Lookups(db);
  const reader = new Reader(wb, look);
  let needsMapping = false;
  const confirmed: { fingerprint: string; mapping: WideMapping; sheet: string }[] = [];
  for (const sheet of wb.snapshot.sheetNames) {
    const grid = gridOf(sheet, wb.snapshot.sheets[sheet] ?? {}, wb.merges[sheet] ?? []);
    const before = reader.values.length;
    const entry: HistorySheetResult = { sheet, layout: 'none', fingerprint: null, mappingSource: null, mapping: null, columns: [], titles: [], values: 0 };
    if (grid.rows === 0) continue;
    if (findLongHeader(grid)) {
      entry.layout = 'long';
      reader.readLong(grid);
    } else {
      const proposal = proposeWide(grid, (t) => look.institution(t) !== null, look.any);
      if (!proposal) {
        reader.notes.push(issue('N_HISTORY_SHEET_SKIPPED', errorMessage('N_HISTORY_SHEET_SKIPPED', { sheet }), sheet, null));
        base.sheets.push(entry);
        continue;
      }
      const fingerprint = layoutFingerprint(proposal.signature);
      const given = args.mappings?.[sheet];
      const remembered = given ? null : rememberedLayout(db, fingerprint);
      const mapping = given ?? remembered?.mapping ?? proposal.mapping;
      entry.layout = 'wide';
      entry.fingerprint = fingerprint;
      entry.mappingSource = given ? 'given' : remembered ? 'remembered' : 'proposed';
      entry.mapping = mapping;
      entry.titles = proposal.titles;
      const read = reader.checkMapping(grid, mapping) ? reader.readWide(grid, mapping) : null;
      entry.columns = columnPreviews(look, mapping, read);
      if (given || remembered || args.acceptProposed) confirmed.push({ fingerprint, mapping, sheet });
      else needsMapping = true;
      if (!mapping.columns.some((c) => c.field !== null && c.quarter !== null)) {
        reader.error('E_HISTORY_MAPPING', errorMessage('E_HISTORY_MAPPING', { sheet, problem: '没有一列对应到报表项目和报告期，请在列对应关系中指明。' }), sheet, null);
      }
    }
    entry.values = reader.values.length - before;
    base.sheets.push(entry);
  }
  const errors = reader.errors;
  // The same institution, quarter, field and member twice with different values: which one is meant is the analyst's call.
  const seen = new Map<string, HistValue>();
  const unique: HistValue[] = [];
  for (const v of reader.values) {
    const k = `${v.institution.code}\u0000${v.quarter}\u0000${v.stored.key}\u0000${v.stored.member}`;
    const first = seen.get(k);
    if (!first) {
      seen.set(k, v);
      unique.push(v);
    } else if (first.stored.num !== v.stored.num || first.stored.text !== v.stored.text) {
      errors.push(
        issue(
          'E_HISTORY_DUPLICATE',
          errorMessage('E_HISTORY_DUPLICATE', {
            institution: v.institution.name,
            quarter: v.quarter,
            field: `${v.input.memberName ? `${v.input.memberName}·` : ''}${v.input.field.label}`,
            first: `${first.stored.sheet}!${first.stored.cell}`,
            firstValue: displayOf(first),
            value: displayOf(v),
          }),
          v.stored.sheet,
          v.stored.cell,
        ),
      );
    }
  }
  base.values = unique.slice(0, MAX_LISTED_VALUES).map(
    (v): HistoryPreviewValue => ({
      institution: v.institution.code,
      institutionName: v.institution.name,
      quarter: v.quarter,
      key: v.stored.key,
      label: v.input.field.label,
      member: v.input.member,
      memberName: v.input.memberName,
      display: displayOf(v),
      raw: v.stored.raw,
      sheet: v.stored.sheet,
      cell: v.stored.cell,
    }),
  );
  base.valueCount = unique.length;
  base.notes = reader.notes;
  if (errors.length === 0 && unique.length === 0 && !needsMapping) {
    errors.push(issue('E_HISTORY_EMPTY', errorMessage('E_HISTORY_EMPTY'), null, null));
  }
  const groups = new Map<string, Group>();
  for (const v of unique) {
    const k = `${v.institution.code}\u0000${v.quarter}`;
    const g = groups.get(k) ?? { institution: v.institution, quarter: v.quarter, values: [] };
    g.values.push(v);
    groups.set(k, g);
  }
  const planned = errors.length === 0 ? [...groups.values()].sort((a, b) => (a.institution.code + a.quarter < b.institution.code + b.quarter ? -1 : 1)).map((g) => plan(db, look, wb, g, errors)) : [];
  base.groups = planned.map((p) => p.result);
  const skipped = base.groups.filter((g) => g.outcome === 'report');
  if (skipped.length > 0) {
    base.notes.push(
      issue(
        'N_HISTORY_REPORT_WINS',
        errorMessage('N_HISTORY_REPORT_WINS', {
          count: skipped.length,
          list: `${skipped
            .slice(0, 10)
            .map((g) => `${g.institutionName} ${g.quarter}`)
            .join('、')}${skipped.length > 10 ? ' 等' : ''}`,
        }),
        null,
        null,
      ),
    );
  }
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) shown.push(issue('E_HISTORY_MORE', errorMessage('E_HISTORY_MORE', { count: errors.length - MAX_ERRORS }), null, null));
    return { ...base, errors: shown, status: 'rejected' };
  }
  if (needsMapping) return { ...base, status: 'needsMapping' };
  if (dryRun) return { ...base, status: 'accepted' };

  const toStore = planned.filter((p) => p.submission !== null);
  db.transaction(() => {
    for (const c of confirmed) rememberLayout(db, c.fingerprint, c.mapping, `${wb.file}「${c.sheet}」`, actor);
    if (toStore.length === 0) return;
    const batchId = createBatch(db, `历史数据补录：${wb.file}`, actor);
    base.batchId = batchId;
    for (const p of toStore) {
      if (!p.submission) continue;
      const done = commitSubmission(db, { ...p.submission, batchId }, actor);
      p.result.submissionId = done.id;
      p.result.version = done.version;
    }
    statement(db, 'UPDATE import_batches SET file_count = file_count + 1, accepted = accepted + 1 WHERE id = ?').run(batchId);
    audit(db, actor, 'history.import', 'batch', batchId, {
      file: wb.file,
      sha256: wb.sha256,
      submissions: toStore.map((p) => p.result.submissionId),
      values: unique.length,
      unchanged: base.groups.filter((g) => g.outcome === 'unchanged').length,
      reportWins: skipped.length,
    });
  })();
  base.groups = planned.map((p) => p.result);
  return { ...base, status: 'accepted' };
}
