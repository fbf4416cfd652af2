/**
 * Where each value an evaluation read was stored: the current submission of that
 * institution and quarter, the file it came from, the sheet and cell, the version
 * (重报) and the arrival date. Read straight from the store, row by row.
 */
import type { DB } from '../db/database';
import type { ExplainDecision, ExplainInput } from '../../api/explain-types';
import type { TracedRead } from '../../domain/indicators/evaluate';
import { periodOf } from '../../domain/indicators/describe';
import { scaledToNumber } from '../../domain/amount';
import { formatAmount, formatCount, formatPercent } from '../../domain/present/number';
import { failure } from '../../domain/result';
import { statement } from '../db/statements';
import type { Names } from './names';

interface Row {
  submissionId: number;
  file: string;
  version: number;
  receivedDate: string;
  batchId: number;
  templateVersion: string;
  num: number | null;
  raw: string | null;
  note: string | null;
  sheet: string;
  cell: string;
  definedName: string;
}

const SQL = `SELECT s.id AS submissionId, COALESCE(v.file_name, s.file_name) AS file, s.version, s.received_date AS receivedDate, s.batch_id AS batchId, s.template_version AS templateVersion,
                    v.num, v.raw, v.note, v.sheet, v.cell, v.defined_name AS definedName
             FROM submissions s JOIN submission_values v ON v.submission_id = s.id
             WHERE s.institution = ? AND s.quarter = ? AND s.status = 'current' AND v.field_key = ? AND v.member = ?`;

/** A stored number as users read it, by the field's type. */
export function displayStored(num: number | null, type: string, unit: string): { value: number | null; display: string } {
  if (num === null) return { value: null, display: '' };
  if (type === 'amount') {
    const v = scaledToNumber(num, 'amount');
    return { value: v, display: `${formatAmount(v)} ${unit || '万元'}` };
  }
  if (type === 'rate') {
    const v = scaledToNumber(num, 'rate');
    return { value: v, display: formatPercent(v, 2) };
  }
  return { value: num, display: `${formatCount(num)}${unit ? ` ${unit}` : ''}` };
}

/** What the analyst decided on the warnings at one cell of a submission (a 提示's 说明). */
const DECISIONS_SQL = `SELECT rule, message, decision AS text, decided_by AS by, decided_at AS at FROM submission_issues
                       WHERE submission_id = ? AND sheet = ? AND cell = ? AND decision IS NOT NULL ORDER BY id`;

export function inputsFor(db: DB, reads: readonly TracedRead[], figureQuarter: string, names: Names): ExplainInput[] {
  const stmt = statement(db, SQL);
  const decisionsAt = statement(db, DECISIONS_SQL);
  return reads.map((r): ExplainInput => {
    const row = stmt.get(r.institution, r.quarter, r.field, r.member) as Row | undefined;
    // The engine read this value from the same store a moment ago: a missing row means the data changed under us.
    if (!row || row.num !== r.num) throw failure('E_DATA_CHANGED', {});
    const shown = displayStored(row.num, names.type(r.field, row.templateVersion), names.unit(r.field, row.templateVersion));
    const decisions = decisionsAt.all(row.submissionId, row.sheet, row.cell) as ExplainDecision[];
    return {
      institution: r.institution,
      institutionName: names.institution(r.institution),
      quarter: r.quarter,
      // A restated base (年初数, 上年同期数) in this quarter's report gives the base period's figure.
      period: periodOf(figureQuarter, r.standsFor ?? r.quarter),
      key: r.field,
      fieldLabel: names.field(r.field, row.templateVersion),
      member: r.member === '' ? null : r.member,
      memberName: r.member === '' ? null : names.member(r.member),
      value: shown.value,
      display: shown.display,
      unit: names.unit(r.field, row.templateVersion),
      raw: row.raw,
      note: row.note,
      file: row.file,
      sheet: row.sheet,
      cell: row.cell,
      definedName: row.definedName,
      submissionId: row.submissionId,
      version: row.version,
      resubmission: row.version > 1,
      receivedDate: row.receivedDate,
      batchId: row.batchId,
      ...(decisions.length > 0 ? { decisions } : {}),
    };
  });
}
