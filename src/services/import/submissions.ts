/**
 * Stored submissions: committing one file (its own transaction: submission,
 * every value with provenance, warnings and notes, batch counters, audit),
 * the version history of an institution's quarter, and restoring an older version.
 */
import type { DB } from '../db/database';
import type { IssueRef, SubmissionInfo } from '../../api/types';
import { fail } from '../../domain/result';
import { audit } from '../db/audit';
import { statement } from '../db/statements';
import { IMPORTER_VERSION } from '../version';
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
  late: boolean;
  values: StoredValue[];
  warnings: IssueRef[];
  notes: IssueRef[];
}

export interface Committed {
  id: number;
  version: number;
  superseded: number | null;
}

/** The version a new file for this institution and quarter would get, and the one it would replace. */
export function nextVersion(db: DB, institution: string, quarter: string): { version: number; current: number | null } {
  const v = statement(db, 'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM submissions WHERE institution = ? AND quarter = ?').get(institution, quarter) as { v: number };
  const cur = statement(db, `SELECT id FROM submissions WHERE institution = ? AND quarter = ? AND status = 'current'`).get(institution, quarter) as { id: number } | undefined;
  return { version: v.v, current: cur?.id ?? null };
}

/** A stored current submission with exactly these bytes, if any. */
export function currentWithSha(db: DB, sha256: string): { id: number; institution: string; quarter: string; version: number } | null {
  const r = statement(db, `SELECT id, institution, quarter, version FROM submissions WHERE sha256 = ? AND status = 'current' LIMIT 1`).get(sha256) as
    | { id: number; institution: string; quarter: string; version: number }
    | undefined;
  return r ?? null;
}

export function commitSubmission(db: DB, s: NewSubmission, actor = localUser(db)): Committed {
  return db.transaction((): Committed => {
    const { version, current } = nextVersion(db, s.institution, s.quarter);
    // Only one current row per institution and quarter (unique index): retire the old one first.
    if (current !== null) statement(db, `UPDATE submissions SET status = 'superseded' WHERE id = ?`).run(current);
    const info = statement(
        db,
        `INSERT INTO submissions (batch_id, institution, quarter, file_name, sha256, size, format, template_version, received_at, received_date,
           received_source, importer_version, status, superseded_by, version, late, warning_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', NULL, ?, ?, ?, ?)`,
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
        IMPORTER_VERSION,
        version,
        s.late ? 1 : 0,
        s.warnings.length,
        nowIso(),
      );
    const id = Number(info.lastInsertRowid);
    if (current !== null) statement(db, 'UPDATE submissions SET superseded_by = ? WHERE id = ?').run(id, current);
    const insValue = statement(db, 
      'INSERT INTO submission_values (submission_id, field_key, member, num, text, raw, note, sheet, cell, defined_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const v of s.values) insValue.run(id, v.key, v.member, v.num, v.text, v.raw, v.note, v.sheet, v.cell, v.definedName);
    const insIssue = statement(db, 'INSERT INTO submission_issues (submission_id, severity, code, message, sheet, cell) VALUES (?, ?, ?, ?, ?, ?)');
    for (const w of s.warnings) insIssue.run(id, 'warning', w.code, w.message, w.sheet, w.cell);
    for (const n of s.notes) insIssue.run(id, 'info', n.code, n.message, n.sheet, n.cell);
    statement(db, 'UPDATE import_batches SET file_count = file_count + 1, accepted = accepted + 1 WHERE id = ?').run(s.batchId);
    audit(db, actor, 'submission.import', 'submission', id, {
      batchId: s.batchId,
      institution: s.institution,
      quarter: s.quarter,
      file: s.fileName,
      sha256: s.sha256,
      version,
      supersedes: current,
      values: s.values.length,
      warnings: s.warnings.length,
    });
    return { id, version, superseded: current };
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
  warning_count: number;
}

function toInfo(r: SubmissionRow): SubmissionInfo {
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
    warningCount: r.warning_count,
  };
}

export function getSubmission(db: DB, id: number): SubmissionInfo | null {
  const r = db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
  return r ? toInfo(r) : null;
}

export function listHistory(db: DB, institution: string, quarter: string): SubmissionInfo[] {
  return (db.prepare('SELECT * FROM submissions WHERE institution = ? AND quarter = ? ORDER BY version').all(institution, quarter) as SubmissionRow[]).map(toInfo);
}

/** Makes an older version current again; the version that was current is kept as superseded. */
export function restoreSubmission(db: DB, id: number, actor = localUser(db)): SubmissionInfo {
  return db.transaction((): SubmissionInfo => {
    const target = getSubmission(db, id);
    if (!target) fail('E_SUBMISSION_UNKNOWN', `报送记录 ${id} 不存在。`, { submissionId: id });
    if (target.status === 'current') fail('E_ALREADY_CURRENT', `报送记录 ${id}（第 ${target.version} 版）已是当前版本，无需恢复。`, { submissionId: id });
    if (target.status === 'rolled_back') {
      fail('E_ROLLED_BACK', `报送记录 ${id} 所属的导入批次 ${target.batchId} 已撤销，不能恢复；如需使用，请重新导入该文件。`, { submissionId: id });
    }
    const { current } = nextVersion(db, target.institution, target.quarter);
    if (current !== null) db.prepare(`UPDATE submissions SET status = 'superseded', superseded_by = ? WHERE id = ?`).run(id, current);
    db.prepare(`UPDATE submissions SET status = 'current', superseded_by = NULL WHERE id = ?`).run(id);
    audit(db, actor, 'submission.restore', 'submission', id, { institution: target.institution, quarter: target.quarter, version: target.version, replaced: current });
    const after = getSubmission(db, id);
    if (!after) fail('E_INTERNAL', '恢复后读取报送记录失败。');
    return after;
  })();
}
