/**
 * The problems a 退回通知 lists, with what was typed and what is expected: for a refused
 * file, read from its workbook at import time (the file itself is not kept); for a stored
 * report, from its stored warnings, values and the analyst's 说明.
 */
import type { DB } from '../db/database';
import type { FileImportResult, IssueRef } from '../../api/types';
import type { ReturnProblem } from '../../api/returns-types';
import type { WorkbookSnapshot } from '../../domain/import/workbook';
import type { InputCell } from '../../domain/catalogue/layout';
import { cellAt } from '../../domain/import/workbook';
import { expectedOf } from '../../domain/returns/notice';
import { AMOUNT_SCALE, RATE_SCALE } from '../../domain/amount';
import { layoutFor } from '../catalogue/fields';
import { statement } from '../db/statements';
import { nowIso } from '../../domain/clock';

type Inputs = Map<string, InputCell>;

/** The form's inputs by sheet!cell, for the institution's region (the layout depends on its chains and units). */
function inputsOf(db: DB, institution: string | null, templateVersion?: string): Inputs {
  const region = institution ? (statement(db, 'SELECT region FROM institutions WHERE code = ?').get(institution) as { region: string } | undefined)?.region : undefined;
  if (!region) return new Map();
  try {
    return new Map(layoutFor(db, region, templateVersion).inputs.map((i) => [`${i.sheet}!${i.cell}`, i]));
  } catch {
    // A template version this program no longer knows: the problems are listed without the form's words.
    return new Map();
  }
}

function problemOf(issue: IssueRef, level: ReturnProblem['level'], inputs: Inputs, typed: string | null, explanation: string | null): ReturnProblem {
  const input = issue.sheet && issue.cell ? inputs.get(`${issue.sheet}!${issue.cell}`) : undefined;
  const item = input ? (input.memberName && !input.label.includes(input.memberName) ? `${input.memberName}·${input.label}` : input.label) : null;
  const expected = issue.ruleTitle ? `应满足：${issue.ruleTitle}` : input ? expectedOf(input.field, input.hint) : null;
  return { sheet: issue.sheet, cell: issue.cell, item, typed, expected, message: issue.message, level, explanation };
}

function typedIn(snapshot: WorkbookSnapshot | null, sheet: string | null, cell: string | null): string | null {
  if (!snapshot || !sheet || !cell) return null;
  const c = cellAt(snapshot, { sheet, cell });
  if (!c || c.v === undefined) return '';
  return c.w ?? String(c.v);
}

/**
 * Keeps what a refused file's 退回通知 needs (the file itself is not stored): its name, arrival
 * date, SHA-256, the bank and quarter when read, every error and every warning that asked for a
 * decision, each with the cell's content as typed. Written right after the rejection is recorded.
 */
export function keepRejectedFile(db: DB, batchId: number, r: FileImportResult, snapshot: WorkbookSnapshot | null, actor: string): number {
  const inputs = inputsOf(db, r.institution);
  const problems = [
    ...r.errors.map((e) => problemOf(e, '错误', inputs, typedIn(snapshot, e.sheet, e.cell), null)),
    ...r.warnings.filter((w) => w.ack).map((w) => problemOf(w, '提示', inputs, typedIn(snapshot, w.sheet, w.cell), null)),
  ];
  const known = r.institution ? statement(db, 'SELECT 1 FROM institutions WHERE code = ?').get(r.institution) !== undefined : false;
  return Number(
    statement(
      db,
      `INSERT INTO rejected_files (batch_id, file_name, sha256, size, institution, quarter, received_date, problems_json, created_at, created_by)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
    ).run(batchId, r.file, r.sha256, known ? r.institution : null, r.quarter, r.receivedDate, JSON.stringify(problems), nowIso(), actor).lastInsertRowid,
  );
}

interface IssueRow {
  code: string;
  message: string;
  sheet: string | null;
  cell: string | null;
  ack: 'confirm' | 'explain' | null;
  rule: string | null;
  decision: string | null;
}

interface ValueRow {
  sheet: string;
  cell: string;
  num: number | null;
  text: string | null;
  raw: string | null;
}

function storedTyped(v: ValueRow | undefined, input: InputCell | undefined): string {
  if (!v) return '';
  if (v.raw !== null) return v.raw;
  if (v.text !== null) return v.text;
  if (v.num === null) return '';
  if (input?.type === 'amount') return String(v.num / AMOUNT_SCALE);
  if (input?.type === 'rate') return `${Number(((v.num / RATE_SCALE) * 100).toPrecision(10))}%`;
  return String(v.num);
}

/** A stored report's warnings as a notice lists them: each 提示 with the cell's stored content and the 说明 accepted for it. */
export function submissionProblems(db: DB, submissionId: number, institution: string, templateVersion: string, ruleTitles: ReadonlyMap<string, string>): ReturnProblem[] {
  const inputs = inputsOf(db, institution, templateVersion);
  const values = new Map(
    (statement(db, 'SELECT sheet, cell, num, text, raw FROM submission_values WHERE submission_id = ?').all(submissionId) as ValueRow[]).map((v) => [`${v.sheet}!${v.cell}`, v]),
  );
  const issues = statement(db, `SELECT code, message, sheet, cell, ack, rule, decision FROM submission_issues WHERE submission_id = ? AND severity = 'warning' ORDER BY id`).all(submissionId) as IssueRow[];
  return issues.map((i) => {
    const key = i.sheet && i.cell ? `${i.sheet}!${i.cell}` : '';
    const title = i.rule ? ruleTitles.get(i.rule) : undefined;
    const ref: IssueRef = { code: i.code, message: i.message, sheet: i.sheet, cell: i.cell, ...(title ? { ruleTitle: title } : {}) };
    return problemOf(ref, '提示', inputs, key ? storedTyped(values.get(key), inputs.get(key)) : null, i.ack === 'explain' ? i.decision : null);
  });
}
