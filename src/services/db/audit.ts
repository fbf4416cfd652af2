/** The audit log: who changed what, when. Written inside the caller's transaction. */
import type { DB } from './database';
import { statement } from './statements';
import { nowIso } from '../../domain/clock';

export function audit(db: DB, actor: string, action: string, entity: string, entityId: string | number | null, detail: unknown = {}): void {
  statement(db, 'INSERT INTO audit_log (at, actor, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    nowIso(),
    actor,
    action,
    entity,
    entityId === null ? null : String(entityId),
    JSON.stringify(detail),
  );
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

export function listAudit(db: DB, limit = 200): AuditEntry[] {
  const rows = db
    .prepare('SELECT id, at, actor, action, entity, entity_id AS entityId, detail_json AS detail FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as (Omit<AuditEntry, 'detail'> & { detail: string })[];
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
}
