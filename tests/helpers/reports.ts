/**
 * Test fixture: a real database (real schema, real registries) with quarterly
 * reports written straight into submissions / submission_values, the way the
 * importer stores them. Values are given as users read them (万元, fractions,
 * counts) and stored exactly (×1,000,000 for amounts and rates).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/services/db/database';
import { getCatalogue } from '../../src/services/catalogue/fields';
import { numberToScaled, type NumericType } from '../../src/domain/amount';
import { addDays, formatDate, parseIsoDate, parseQuarter } from '../../src/domain/quarter';

export type ReportValues = Record<string, number | Record<string, number>>;

export interface ReportSpec {
  institution: string;
  quarter: string;
  values: ReportValues;
  /** Days after the deadline the report arrived (0 or less = on time). */
  daysLate?: number;
}

export function memoryDb(): DB {
  return openDatabase(':memory:');
}

/** A database file in a temporary folder, for CLI tests. */
export function tempDbPath(): { path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rfm-ind-'));
  return { path: join(dir, 'test.sqlite'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const batchFor = new WeakMap<DB, number>();

function batchId(db: DB): number {
  const hit = batchFor.get(db);
  if (hit !== undefined) return hit;
  const id = Number(db.prepare(`INSERT INTO import_batches (created_at, note) VALUES (?, '测试数据')`).run(new Date().toISOString()).lastInsertRowid);
  batchFor.set(db, id);
  return id;
}

/** Inserts one current submission with its values; a resubmission supersedes the earlier one. */
export function insertReport(db: DB, spec: ReportSpec): number {
  const q = parseQuarter(spec.quarter);
  if (!q) throw new Error(`bad quarter ${spec.quarter}`);
  const late = spec.daysLate !== undefined && spec.daysLate > 0;
  // The quarter's stored deadline (holidays and 调休 applied), as the importer judges lateness.
  const stored = db.prepare('SELECT deadline FROM periods WHERE quarter = ?').get(spec.quarter) as { deadline: string } | undefined;
  const deadline = stored ? parseIsoDate(stored.deadline) : null;
  if (!deadline) throw new Error(`no period ${spec.quarter}`);
  const receivedDate = formatDate(addDays(deadline, late ? (spec.daysLate ?? 0) : 0));
  const fields = new Map(getCatalogue(db).fields.map((f) => [f.key, f]));
  return db.transaction(() => {
    const prev = db.prepare(`SELECT id, version FROM submissions WHERE institution = ? AND quarter = ? AND status = 'current'`).get(spec.institution, spec.quarter) as
      | { id: number; version: number }
      | undefined;
    if (prev) db.prepare(`UPDATE submissions SET status = 'superseded' WHERE id = ?`).run(prev.id);
    const id = Number(
      db
        .prepare(
          `INSERT INTO submissions (batch_id, institution, quarter, file_name, sha256, size, format, template_version, received_at, received_date, received_source,
             importer_version, status, version, late, created_at)
           VALUES (?, ?, ?, ?, ?, 1, 'xlsx', 'RV-2025.1', ?, ?, 'analyst', 'test', 'current', ?, ?, ?)`,
        )
        .run(batchId(db), spec.institution, spec.quarter, `${spec.institution}-${spec.quarter}.xlsx`, `sha-${spec.institution}-${spec.quarter}-${Math.random()}`,
          `${receivedDate}T09:00:00Z`, receivedDate, (prev?.version ?? 0) + 1, late ? 1 : 0, new Date().toISOString()).lastInsertRowid,
    );
    if (prev) db.prepare('UPDATE submissions SET superseded_by = ? WHERE id = ?').run(id, prev.id);
    const ins = db.prepare(
      `INSERT INTO submission_values (submission_id, field_key, member, num, text, raw, sheet, cell, defined_name) VALUES (?, ?, ?, ?, NULL, ?, 'lending', 'A1', ?)`,
    );
    for (const [key, v] of Object.entries(spec.values)) {
      const f = fields.get(key);
      if (!f || f.type === 'text' || f.type === 'date') throw new Error(`not a numeric field: ${key}`);
      const type = f.type as NumericType;
      if (typeof v === 'number') ins.run(id, key, '', numberToScaled(v, type), String(v), `RV_${key}`);
      else for (const [m, mv] of Object.entries(v)) ins.run(id, key, m, numberToScaled(mv, type), String(mv), `RV_${key}__${m}`);
    }
    return id;
  })();
}
