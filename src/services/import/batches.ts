/**
 * Import batches: one row per `import` run, and rolling a whole batch back —
 * its submissions become rolled_back and each version they replaced becomes
 * current again. Rolled-back rows stay in the store for the record.
 */
import type { DB } from '../db/database';
import type { BatchInfo } from '../../api/types';
import { fail } from '../../domain/result';
import { audit } from '../db/audit';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

interface BatchRow {
  id: number;
  created_at: string;
  note: string | null;
  file_count: number;
  accepted: number;
  rejected: number;
  held: number;
  status: BatchInfo['status'];
  rolled_back_at: string | null;
}

function toInfo(r: BatchRow): BatchInfo {
  return {
    id: r.id,
    createdAt: r.created_at,
    note: r.note,
    fileCount: r.file_count,
    accepted: r.accepted,
    rejected: r.rejected,
    held: r.held,
    status: r.status,
    rolledBackAt: r.rolled_back_at,
  };
}

export function createBatch(db: DB, note: string | null, actor = localUser(db)): number {
  return db.transaction(() => {
    const info = db.prepare('INSERT INTO import_batches (created_at, note) VALUES (?, ?)').run(nowIso(), note);
    const id = Number(info.lastInsertRowid);
    audit(db, actor, 'batch.create', 'batch', id, { note });
    return id;
  })();
}

export function getBatch(db: DB, id: number): BatchInfo | null {
  const r = db.prepare('SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined;
  return r ? toInfo(r) : null;
}

export function listBatches(db: DB, limit = 50): BatchInfo[] {
  return (db.prepare('SELECT * FROM import_batches ORDER BY id DESC LIMIT ?').all(limit) as BatchRow[]).map(toInfo);
}

interface SubRow {
  id: number;
  status: string;
  batch_id: number;
  institution: string;
  quarter: string;
  version: number;
}

export function rollbackBatch(db: DB, id: number, actor = localUser(db)): BatchInfo {
  return db.transaction((): BatchInfo => {
    const batch = getBatch(db, id);
    if (!batch) fail('E_BATCH_UNKNOWN', { id });
    if (batch.status === 'rolled_back') fail('E_BATCH_ROLLED_BACK', { id, at: batch.rolledBackAt ?? '' });
    const subs = db.prepare('SELECT id, status, batch_id, institution, quarter, version FROM submissions WHERE batch_id = ?').all(id) as SubRow[];
    const currents = subs.filter((s) => s.status === 'current');
    db.prepare(`UPDATE submissions SET status = 'rolled_back' WHERE batch_id = ?`).run(id);
    // The version each current one replaced, skipping versions of this batch and rolled-back ones.
    const predecessor = db.prepare('SELECT id, status, batch_id, institution, quarter, version FROM submissions WHERE superseded_by = ? ORDER BY id DESC LIMIT 1');
    const reinstated: { institution: string; quarter: string; submissionId: number; version: number }[] = [];
    for (const c of currents) {
      const seen = new Set<number>([c.id]);
      let p = predecessor.get(c.id) as SubRow | undefined;
      while (p && p.status === 'rolled_back' && !seen.has(p.id)) {
        seen.add(p.id);
        p = predecessor.get(p.id) as SubRow | undefined;
      }
      if (p && p.status === 'superseded') {
        db.prepare(`UPDATE submissions SET status = 'current', superseded_by = NULL WHERE id = ?`).run(p.id);
        reinstated.push({ institution: p.institution, quarter: p.quarter, submissionId: p.id, version: p.version });
      }
    }
    const at = nowIso();
    db.prepare(`UPDATE import_batches SET status = 'rolled_back', rolled_back_at = ? WHERE id = ?`).run(at, id);
    audit(db, actor, 'batch.rollback', 'batch', id, { submissions: subs.map((s) => s.id), reinstated });
    const after = getBatch(db, id);
    if (!after) fail('E_INTERNAL', {});
    return after;
  })();
}
