/** The stored current values of a quarter, with field key, defined name, member and provenance. */
import type { DB } from '../db/database';
import type { DumpRow } from '../../api/types';
import type { FieldType } from '../../domain/catalogue/types';
import { scaledToNumber } from '../../domain/amount';
import { fail } from '../../domain/result';
import { parseQuarter, quarterId } from '../../domain/quarter';
import { resolveInstitution } from '../registry/institutions';

interface Row {
  institution: string;
  quarter: string;
  key: string;
  member: string;
  definedName: string;
  num: number | null;
  text: string | null;
  sheet: string;
  cell: string;
  submissionId: number;
  type: FieldType;
}

/** 万元 for amounts, a fraction for rates, an integer for counts, text for text and dates, null for a blank. */
function valueOf(r: Row): number | string | null {
  if (r.num !== null) return r.type === 'amount' || r.type === 'rate' ? scaledToNumber(r.num, r.type) : r.num;
  return r.text;
}

export function dumpValues(db: DB, quarterText: string, institutionText?: string): DumpRow[] {
  const q = parseQuarter(quarterText);
  if (!q) fail('E_QUARTER_INVALID', { what: '报告期', quarter: quarterText });
  let institution: string | null = null;
  if (institutionText) {
    const inst = resolveInstitution(db, institutionText);
    if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: institutionText });
    institution = inst.code;
  }
  const rows = db
    .prepare(
      `SELECT cv.institution, cv.quarter, cv.field_key AS key, cv.member, cv.defined_name AS definedName, cv.num, cv.text,
              cv.sheet, cv.cell, cv.submission_id AS submissionId, f.type
       FROM current_values cv
       JOIN submissions s ON s.id = cv.submission_id
       JOIN fields f ON f.template_version = s.template_version AND f.key = cv.field_key
       WHERE cv.quarter = ? AND (? IS NULL OR cv.institution = ?)
       ORDER BY cv.institution, f.sort, cv.member`,
    )
    .all(quarterId(q), institution, institution) as Row[];
  return rows.map((r) => ({
    institution: r.institution,
    quarter: r.quarter,
    key: r.key,
    member: r.member === '' ? null : r.member,
    definedName: r.definedName,
    value: valueOf(r),
    sheet: r.sheet,
    cell: r.cell,
    submissionId: r.submissionId,
  }));
}
