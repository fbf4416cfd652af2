/**
 * Stored submissions: committing one file (its own transaction: submission,
 * every value with provenance, warnings and notes, batch counters, audit),
 * the version history of an institution's quarter, and restoring an older version.
 */
import type { DB } from '../db/database';
import type { IssueRef, ReceivedBasis, SubmissionInfo, WarningDecision } from '../../api/types';
import { issueKey } from '../../domain/import/issueKey';
import { appErrorOf, fail, failure } from '../../domain/result';
import { audit } from '../db/audit';
import { statement } from '../db/statements';
import { IMPORTER_VERSION } from '../../domain/version';
import type { StoredValue } from './readReport';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

export interface NewSubmission {
  batchId: number;
  institution: string;
  quarter: string;
  fileName: string;
  sha256: string;
  size: number;
  format: string;
  templateVersion: string;
  receivedAt: string;
  receivedDate: string;
  receivedSource: 'import' | 'analyst';
  /** How the arrival date was known (see FileImportResult.receivedBasis). */
  receivedBasis: ReceivedBasis;
  /**
   * regular, or backfill (补录): history loaded later, stored with late = 0 and never judged
   * on time or late (status matrix 补录, ignored by the timeliness score and the target tracker).
   */
  kind: 'regular' | 'backfill';
  late: boolean;
  values: StoredValue[];
  warnings: IssueRef[];
  notes: IssueRef[];
  /** Decisions on the warnings that needed one (every such warning has one: undecided files are held, not committed). */
  decisions: WarningDecision[];
  /**
   * 'history': made from an analyst's summary sheet (services/history), not a bank's report:
   * numbered apart from the reports (a real report replacing it is 第1版, no 重报) and not
   * counted in the batch's files (the history import counts its one file itself).
   */
  origin?: SubmissionOrigin;
}

export type SubmissionOrigin = 'report' | 'history';

export interface Committed {
  id: number;
  version: number;
  superseded: number | null;
}

/**
 * The version a new file for this institution and quarter would get (reports and history
 * imports are numbered apart), and the current submission it would replace, of either origin.
 */
export function nextVersion(
  db: DB,
  institution: string,
  quarter: string,
  origin: SubmissionOrigin = 'report',
): { version: number; current: number | null; currentOrigin: SubmissionOrigin | null } {
  const v = statement(db, 'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM submissions WHERE institution = ? AND quarter = ? AND origin = ?').get(institution, quarter, origin) as { v: number };
  const cur = statement(db, `SELECT id, origin FROM submissions WHERE institution = ? AND quarter = ? AND status = 'current'`).get(institution, quarter) as
    | { id: number; origin: SubmissionOrigin }
    | undefined;
  return { version: v.v, current: cur?.id ?? null, currentOrigin: cur?.origin ?? null };
}

export interface StoredBytes {
  id: number;
  institution: string;
  quarter: string;
  version: number;
  status: 'current' | 'superseded';
  /** The version that replaced this one (a correction, or an older one restored). */
  supersededBy: { id: number; version: number } | null;
  /** The institution and quarter's current version now. */
  current: { id: number; version: number } | null;
}

/**
 * A kept submission (current or superseded, not rolled back) with exactly these bytes: the
 * current one if any, else the latest superseded one. Importing a superseded original again
 * would silently undo its correction; restoring it is history.restore's job.
 */
export function storedWithSha(db: DB, sha256: string): StoredBytes | null {
  const r = statement(
    db,
    `SELECT s.id, s.institution, s.quarter, s.version, s.status, n.id AS next_id, n.version AS next_version, c.id AS cur_id, c.version AS cur_version
     FROM submissions s
     LEFT JOIN submissions n ON n.id = s.superseded_by
     LEFT JOIN submissions c ON c.institution = s.institution AND c.quarter = s.quarter AND c.status = 'current'
     WHERE s.sha256 = ? AND s.status IN ('current', 'superseded')
     ORDER BY s.status = 'current' DESC, s.id DESC LIMIT 1`,
  ).get(sha256) as
    | { id: number; institution: string; quarter: string; version: number; status: StoredBytes['status']; next_id: number | null; next_version: number | null; cur_id: number | null; cur_version: number | null }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    institution: r.institution,
    quarter: r.quarter,
    version: r.version,
    status: r.status,
    supersededBy: r.next_id !== null && r.next_version !== null ? { id: r.next_id, version: r.next_version } : null,
    current: r.cur_id !== null && r.cur_version !== null ? { id: r.cur_id, version: r.cur_version } : null,
  };
}

/** Why a file with these stored bytes is refused, in words (E_DUPLICATE_FILE / E_DUPLICATE_SUPERSEDED). */
export function sameBytesIssue(file: string, same: StoredBytes): IssueRef {
  if (same.status === 'current') {
    return { sheet: null, cell: null, ...appErrorOf('E_DUPLICATE_FILE', { file, institution: same.institution, quarter: same.quarter, version: same.version, id: same.id }) };
  }
  const by = same.supersededBy;
  const how = by && by.version > same.version ? `该版已被第${by.version}版更正` : by ? `该版已被第${by.version}版取代` : '该版已被替代';
  const now = same.current && same.current.id !== by?.id ? `，当前为第${same.current.version}版` : '';
  return { sheet: null, cell: null, ...appErrorOf('E_DUPLICATE_SUPERSEDED', { file, version: same.version, how: `${how}${now}`, institution: same.institution, quarter: same.quarter, id: same.id }) };
}

export function commitSubmission(db: DB, s: NewSubmission, actor = localUser(db)): Committed {
  return db.transaction((): Committed => {
    const origin = s.origin ?? 'report';
    const { version, current } = nextVersion(db, s.institution, s.quarter, origin);
    // Only one current row per institution and quarter (unique index): retire the old one first.
    if (current !== null) statement(db, `UPDATE submissions SET status = 'superseded' WHERE id = ?`).run(current);
    const info = statement(
        db,
        `INSERT INTO submissions (batch_id, institution, quarter, file_name, sha256, size, format, template_version, received_at, received_date,
           received_source, received_basis, kind, importer_version, status, superseded_by, version, late, warning_count, created_at, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', NULL, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.batchId,
        s.institution,
        s.quarter,
        s.fileName,
        s.sha256,
        s.size,
        s.format,
        s.templateVersion,
        s.receivedAt,
        s.receivedDate,
        s.receivedSource,
        s.receivedBasis,
        s.kind,
        IMPORTER_VERSION,
        version,
        s.kind === 'regular' && s.late ? 1 : 0,
        s.warnings.length,
        nowIso(),
        origin,
      );
    const id = Number(info.lastInsertRowid);
    if (current !== null) statement(db, 'UPDATE submissions SET superseded_by = ? WHERE id = ?').run(id, current);
    const insValue = statement(db, 
      'INSERT INTO submission_values (submission_id, field_key, member, num, text, raw, note, sheet, cell, defined_name, file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const v of s.values) insValue.run(id, v.key, v.member, v.num, v.text, v.raw, v.note, v.sheet, v.cell, v.definedName, v.file ?? null);
    const insIssue = statement(
      db,
      'INSERT INTO submission_issues (submission_id, severity, code, message, sheet, cell, ack, rule, decision, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const decided = new Map(s.decisions.map((d) => [d.key, d]));
    for (const w of s.warnings) {
      const d = w.ack ? decided.get(issueKey(w)) : undefined;
      if (w.ack && !d) fail('E_INTERNAL', {});
      insIssue.run(id, 'warning', w.code, w.message, w.sheet, w.cell, w.ack ?? null, w.rule ?? null, d?.text ?? null, d?.by ?? null, d?.at ?? null);
    }
    for (const n of s.notes) insIssue.run(id, 'info', n.code, n.message, n.sheet, n.cell, null, n.rule ?? null, null, null, null);
    if (origin === 'report') statement(db, 'UPDATE import_batches SET file_count = file_count + 1, accepted = accepted + 1 WHERE id = ?').run(s.batchId);
    audit(db, actor, 'submission.import', 'submission', id, {
      batchId: s.batchId,
      institution: s.institution,
      quarter: s.quarter,
      file: s.fileName,
      sha256: s.sha256,
      version,
      supersedes: current,
      ...(s.kind === 'backfill' ? { kind: 'backfill' } : {}),
      ...(origin === 'history' ? { origin } : {}),
      receivedDate: s.receivedDate,
      receivedBasis: s.receivedBasis,
      values: s.values.length,
      warnings: s.warnings.length,
      ...(s.decisions.length > 0 ? { decisions: s.decisions.map((d) => ({ key: d.key, ack: d.ack, text: d.text })) } : {}),
    });
    return { id, version, superseded: current };
  })();
}

/** A held file (a warning awaits the analyst's decision) counts in its batch and leaves a trace in the audit log. */
export function recordHeld(db: DB, batchId: number, file: string, undecided: readonly string[], actor = localUser(db)): void {
  db.transaction(() => {
    statement(db, 'UPDATE import_batches SET file_count = file_count + 1, held = held + 1 WHERE id = ?').run(batchId);
    audit(db, actor, 'submission.hold', 'file', file, { batchId, undecided: undecided.slice(0, 50) });
  })();
}

/** A rejected file still counts in its batch and leaves a trace in the audit log. */
export function recordRejection(db: DB, batchId: number, file: string, errors: IssueRef[], actor = localUser(db)): void {
  db.transaction(() => {
    statement(db, 'UPDATE import_batches SET file_count = file_count + 1, rejected = rejected + 1 WHERE id = ?').run(batchId);
    audit(db, actor, 'submission.reject', 'file', file, { batchId, errors: errors.slice(0, 20) });
  })();
}

interface SubmissionRow {
  id: number;
  batch_id: number;
  institution: string;
  quarter: string;
  file_name: string;
  sha256: string;
  format: string;
  template_version: string;
  received_at: string;
  received_date: string;
  status: SubmissionInfo['status'];
  superseded_by: number | null;
  version: number;
  late: number;
  kind: 'regular' | 'backfill';
  received_basis: ReceivedBasis | null;
  warning_count: number;
  origin: SubmissionOrigin;
}

interface DecisionRow {
  submission_id: number;
  code: string;
  rule: string | null;
  sheet: string | null;
  cell: string | null;
  message: string;
  ack: 'confirm' | 'explain';
  decision: string;
  decided_by: string;
  decided_at: string;
}

/** The analyst's decisions stored with each of these submissions (for its history, 数据来源, 报表查看, 退回通知). */
export function decisionsOf(db: DB, ids: readonly number[]): Map<number, WarningDecision[]> {
  const out = new Map<number, WarningDecision[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = statement(
    db,
    `SELECT submission_id, code, rule, sheet, cell, message, ack, decision, decided_by, decided_at FROM submission_issues
     WHERE submission_id IN (SELECT value FROM json_each(?)) AND decision IS NOT NULL ORDER BY submission_id, id`,
  ).all(JSON.stringify(ids)) as DecisionRow[];
  for (const r of rows) {
    out.get(r.submission_id)?.push({
      key: issueKey({ code: r.code, ...(r.rule ? { rule: r.rule } : {}), sheet: r.sheet, cell: r.cell }),
      ack: r.ack,
      code: r.code,
      rule: r.rule,
      sheet: r.sheet,
      cell: r.cell,
      message: r.message,
      text: r.decision,
      by: r.decided_by,
      at: r.decided_at,
    });
  }
  return out;
}

function toInfo(r: SubmissionRow, decisions: WarningDecision[] = []): SubmissionInfo {
  return {
    id: r.id,
    batchId: r.batch_id,
    institution: r.institution,
    quarter: r.quarter,
    fileName: r.file_name,
    sha256: r.sha256,
    format: r.format,
    templateVersion: r.template_version,
    receivedAt: r.received_at,
    receivedDate: r.received_date,
    status: r.status,
    supersededBy: r.superseded_by,
    version: r.version,
    late: r.late === 1,
    kind: r.kind,
    receivedBasis: r.received_basis,
    warningCount: r.warning_count,
    origin: r.origin,
    decisions,
  };
}

export function getSubmission(db: DB, id: number): SubmissionInfo | null {
  const r = db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
  return r ? toInfo(r, decisionsOf(db, [r.id]).get(r.id)) : null;
}

export function listHistory(db: DB, institution: string, quarter: string): SubmissionInfo[] {
  // In the order they were stored: history imports and reports are numbered apart.
  const rows = db.prepare('SELECT * FROM submissions WHERE institution = ? AND quarter = ? ORDER BY id').all(institution, quarter) as SubmissionRow[];
  const decisions = decisionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toInfo(r, decisions.get(r.id)));
}

/** Makes an older version current again; the version that was current is kept as superseded. */
export function restoreSubmission(db: DB, id: number, actor = localUser(db)): SubmissionInfo {
  return db.transaction((): SubmissionInfo => {
    const target = getSubmission(db, id);
    if (!target) fail('E_SUBMISSION_UNKNOWN', { id }, { submissionId: id });
    if (target.status === 'current') fail('E_ALREADY_CURRENT', { id, version: target.version }, { submissionId: id });
    if (target.status === 'rolled_back') {
      fail('E_ROLLED_BACK', { id, batch: target.batchId }, { submissionId: id });
    }
    const { current, currentOrigin } = nextVersion(db, target.institution, target.quarter);
    // A real report always wins over the history loaded before it arrived.
    if (target.origin === 'history' && currentOrigin === 'report') {
      throw failure('E_HISTORY_BEHIND_REPORT', { id }, { submissionId: id });
    }
    if (current !== null) db.prepare(`UPDATE submissions SET status = 'superseded', superseded_by = ? WHERE id = ?`).run(id, current);
    db.prepare(`UPDATE submissions SET status = 'current', superseded_by = NULL WHERE id = ?`).run(id);
    audit(db, actor, 'submission.restore', 'submission', id, { institution: target.institution, quarter: target.quarter, version: target.version, replaced: current });
    const after = getSubmission(db, id);
    if (!after) fail('E_INTERNAL', {});
    return after;
  })();
}
