/**
 * 报表查看: one bank's report for a quarter as it was imported, section by section
 * in the order of the form (the template layout of the version it was filled on),
 * every version with who brought it in, when, from which file and batch, and a
 * cell-by-cell diff of any two versions (what a 重报 changed).
 */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import type { DB } from '../db/database';
import type { ReportCell, ReportDiff, ReportDiffRow, ReportFormCell, ReportSection, ReportVersion, ReportView } from '../../api/explain-types';
import type { InputCell, SheetLayout } from '../../domain/catalogue/layout';
import { scaledToNumber } from '../../domain/amount';
import { quarterId } from '../../domain/quarter';
import { fail, failure } from '../../domain/result';
import { layoutFor } from '../catalogue/fields';
import { getSubmission, listHistory } from '../import/submissions';
import { parseQuarterOrFail } from '../indicators';
import { resolveInstitution } from '../registry/institutions';
import { displayStored } from './provenance';
import { formatAmount, formatCount, formatPoints } from '../../domain/present/number';
import { namesOf } from './names';

interface ValueRow {
  key: string;
  member: string;
  num: number | null;
  text: string | null;
  raw: string | null;
  note: string | null;
  sheet: string;
  cell: string;
  definedName: string;
}

function valuesOf(db: DB, submissionId: number): Map<string, ValueRow> {
  const rows = db
    .prepare('SELECT field_key AS key, member, num, text, raw, note, sheet, cell, defined_name AS definedName FROM submission_values WHERE submission_id = ?')
    .all(submissionId) as ValueRow[];
  return new Map(rows.map((r) => [`${r.key}|${r.member}`, r]));
}

function versionsOf(db: DB, institution: string, quarter: string): ReportVersion[] {
  const importedBy = db.prepare(`SELECT actor, at FROM audit_log WHERE action = 'submission.import' AND entity = 'submission' AND entity_id = ? ORDER BY id LIMIT 1`);
  const batch = db.prepare('SELECT note, status FROM import_batches WHERE id = ?');
  const issues = db.prepare('SELECT severity, code, message, sheet, cell, decision, decided_by AS decidedBy, decided_at AS decidedAt FROM submission_issues WHERE submission_id = ? ORDER BY id');
  return listHistory(db, institution, quarter).map((s) => {
    const who = importedBy.get(String(s.id)) as { actor: string; at: string } | undefined;
    const b = batch.get(s.batchId) as { note: string | null; status: 'committed' | 'rolled_back' } | undefined;
    return {
      ...s,
      importedBy: who?.actor ?? '',
      importedAt: who?.at ?? s.receivedAt,
      batchNote: b?.note ?? null,
      batchStatus: b?.status ?? 'committed',
      issues: issues.all(s.id) as ReportVersion['issues'],
    };
  });
}

function valueOf(r: ValueRow, type: string): number | string | null {
  if (r.num !== null) return type === 'amount' || type === 'rate' ? scaledToNumber(r.num, type) : r.num;
  return r.text;
}

function cellOf(input: Pick<InputCell, 'key' | 'label' | 'member' | 'unit' | 'sheet' | 'cell' | 'definedName' | 'type'>, v: ValueRow | undefined): ReportCell {
  const shown = v && v.num !== null ? displayStored(v.num, input.type, input.unit).display : (v?.text ?? '');
  return {
    key: input.key,
    label: input.label,
    member: input.member,
    unit: input.unit,
    // Where the value was actually read (a file without defined names may place it elsewhere).
    sheet: v?.sheet ?? input.sheet,
    cell: v?.cell ?? input.cell,
    definedName: v?.definedName ?? input.definedName,
    display: shown,
    value: v ? valueOf(v, input.type) : null,
    raw: v?.raw ?? null,
    note: v?.note ?? null,
  };
}

function institutionOrFail(db: DB, text: string): { code: string; name: string; region: string; example: boolean } {
  const inst = resolveInstitution(db, text);
  if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: text });
  return inst;
}

export function reportView(db: DB, q: { institution: string; quarter: string; submissionId?: number }): ReportView {
  const inst = institutionOrFail(db, q.institution);
  const quarter = quarterId(parseQuarterOrFail(q.quarter));
  const versions = versionsOf(db, inst.code, quarter);
  const shown = q.submissionId !== undefined ? versions.find((v) => v.id === q.submissionId) : (versions.find((v) => v.status === 'current') ?? versions[versions.length - 1]);
  if (q.submissionId !== undefined && !shown) fail('E_SUBMISSION_OTHER', { id: q.submissionId, institution: inst.name, quarter });
  if (!shown) return { institution: inst.code, institutionName: institutionDisplayName(inst), region: inst.region, quarter, versions, shown: null, templateVersion: null, sections: [] };
  const layout = layoutFor(db, inst.region, shown.templateVersion);
  const values = valuesOf(db, shown.id);
  const used = new Set<string>();
  const sections = layout.sheets.flatMap((sheet) => formSections(sheet, (input) => {
    const k = `${input.key}|${input.member ?? ''}`;
    used.add(k);
    return cellOf(input, values.get(k));
  }));
  // Values of members the form no longer lists (a chain since removed) are shown, not dropped.
  const rest = [...values.entries()].filter(([k]) => !used.has(k));
  if (rest.length) {
    const names = namesOf(db);
    const cells = rest.map(([, v]) => {
      const type = names.type(v.key, shown.templateVersion);
      const label = v.member ? `${names.member(v.member)}·${names.field(v.key, shown.templateVersion)}` : names.field(v.key, shown.templateVersion);
      return cellOf({ key: v.key, label, member: v.member || null, unit: names.unit(v.key, shown.templateVersion), sheet: v.sheet, cell: v.cell, definedName: v.definedName, type: type as InputCell['type'] }, v);
    });
    sections.push({
      sheet: '',
      title: '表样中已不存在的项目',
      columns: 2,
      rows: cells.map((c): ReportFormCell[] => [
        { col: 1, span: 1, kind: 'label', text: c.label },
        { col: 2, span: 1, kind: 'value', text: c.display, value: c },
      ]),
      cells,
    });
  }
  return { institution: inst.code, institutionName: institutionDisplayName(inst), region: inst.region, quarter, versions, shown: shown.id, templateVersion: shown.templateVersion, sections };
}

export function reportDiff(db: DB, fromId: number, toId: number): ReportDiff {
  const a = getSubmission(db, fromId);
  const b = getSubmission(db, toId);
  if (!a) fail('E_SUBMISSION_UNKNOWN', { id: fromId });
  if (!b) fail('E_SUBMISSION_UNKNOWN', { id: toId });
  if (a.institution !== b.institution || a.quarter !== b.quarter) throw failure('E_DIFF_MISMATCH', { from: fromId, to: toId });
  const inst = institutionOrFail(db, a.institution);
  const versions = versionsOf(db, a.institution, a.quarter);
  const va = valuesOf(db, a.id);
  const vb = valuesOf(db, b.id);
  const layout = layoutFor(db, inst.region, b.templateVersion);
  const inputs = new Map(layout.inputs.map((i) => [`${i.key}|${i.member ?? ''}`, i]));
  const keys = [...new Set([...inputs.keys(), ...va.keys(), ...vb.keys()])];
  const names = namesOf(db);
  const rows: ReportDiffRow[] = [];
  for (const k of keys) {
    const x = va.get(k);
    const y = vb.get(k);
    if ((x?.num ?? null) === (y?.num ?? null) && (x?.text ?? null) === (y?.text ?? null)) continue;
    const [key = '', member = ''] = k.split('|');
    const input = inputs.get(k);
    const meta = input ?? {
      key,
      label: member ? `${names.member(member)}·${names.field(key, b.templateVersion)}` : names.field(key, b.templateVersion),
      member: member || null,
      unit: names.unit(key, b.templateVersion),
      sheet: y?.sheet ?? x?.sheet ?? '',
      cell: y?.cell ?? x?.cell ?? '',
      definedName: y?.definedName ?? x?.definedName ?? '',
      type: names.type(key, b.templateVersion) as InputCell['type'],
    };
    const before = cellOf(meta, x);
    const after = cellOf(meta, y);
    rows.push({
      key,
      label: meta.label,
      member: meta.member,
      unit: meta.unit,
      sheet: after.sheet || before.sheet,
      cell: after.cell || before.cell,
      before: before.display,
      after: after.display,
      ...changeOf(before.value, after.value, meta.type, meta.unit),
    });
  }
  const find = (id: number): ReportVersion => {
    const v = versions.find((x) => x.id === id);
    if (!v) fail('E_SUBMISSION_UNKNOWN', { id });
    return v;
  };
  return { from: find(a.id), to: find(b.id), rows, compared: keys.length };
}

/** after − before, exact on the stored scale, and as users read it. */
function changeOf(before: number | string | null, after: number | string | null, type: string, unit: string): { change: number | null; changeDisplay: string } {
  if (typeof before !== 'number' || typeof after !== 'number') return { change: null, changeDisplay: '' };
  const scale = type === 'count' ? 1 : 1_000_000;
  const change = (Math.round(after * scale) - Math.round(before * scale)) / scale;
  const sign = change > 0 ? '+' : '';
  if (type === 'rate') return { change, changeDisplay: formatPoints(change, 2) };
  if (type === 'count') return { change, changeDisplay: `${sign}${formatCount(change)}${unit ? ` ${unit}` : ''}` };
  return { change, changeDisplay: `${sign}${formatAmount(change)}${unit ? ` ${unit}` : ''}` };
}

/**
 * A sheet of the form cut into its sections (each starts at its 「一、…」 row; the cover is one),
 * every row as the template draws it: headers, row labels, units, 填报说明 and the inputs with
 * the values of the version shown. Titles, the cover's fixed lines and its 填报须知 are left out.
 */
function formSections(sheet: SheetLayout, value: (input: InputCell) => ReportCell): ReportSection[] {
  const starts = sheet.items.filter((i) => i.kind === 'section').map((i) => ({ row: i.row, title: i.kind === 'input' ? '' : i.text }));
  const firstInput = sheet.items.find((i) => i.kind === 'input');
  if (starts.length === 0) starts.push({ row: 0, title: firstInput?.kind === 'input' ? firstInput.input.section : sheet.name });
  return starts.map((start, n) => {
    const end = starts[n + 1]?.row ?? Number.POSITIVE_INFINITY;
    const byRow = new Map<number, ReportFormCell[]>();
    const cells: ReportCell[] = [];
    for (const item of sheet.items) {
      if (item.row <= start.row || item.row >= end) continue;
      if (item.kind === 'title' || item.kind === 'subtitle' || item.kind === 'section' || item.kind === 'meta' || (item.kind === 'note' && item.span > 1)) continue;
      let cell: ReportFormCell;
      if (item.kind === 'input') {
        const v = value(item.input);
        cells.push(v);
        // The form's headers and 单位 column carry the unit: the cell shows the number alone.
        const bare = v.unit && v.display.endsWith(` ${v.unit}`) ? v.display.slice(0, -v.unit.length - 1) : v.display;
        cell = { col: item.col, span: item.span, kind: 'value', text: bare, value: v };
      } else cell = { col: item.col, span: item.span, kind: item.kind, text: item.text };
      const row = byRow.get(item.row) ?? [];
      row.push(cell);
      byRow.set(item.row, row);
    }
    const rows = [...byRow.entries()].sort(([a], [b]) => a - b).map(([, r]) => r.sort((a, b) => a.col - b.col));
    const columns = Math.max(1, ...rows.flat().map((c) => c.col + c.span - 1));
    return { sheet: sheet.name, title: start.title, columns, rows, cells };
  });
}
