/**
 * Wide layouts the analyst confirmed, remembered by the fingerprint of their header
 * cells (the way a bank-statement importer remembers a bank's columns): the next file
 * with the same header is read with the same mapping without asking again.
 */
import type { DB } from '../db/database';
import type { HistoryLayoutInfo } from '../../api/history-types';
import type { WideMapping } from '../../domain/history/types';
import { audit } from '../db/audit';
import { nowIso } from '../../domain/clock';

interface Row {
  fingerprint: string;
  mapping_json: string;
  example: string;
  saved_by: string;
  saved_at: string;
  used_at: string | null;
}

function toInfo(r: Row): HistoryLayoutInfo {
  return { fingerprint: r.fingerprint, example: r.example, mapping: JSON.parse(r.mapping_json) as WideMapping, savedBy: r.saved_by, savedAt: r.saved_at, usedAt: r.used_at };
}

export function rememberedLayout(db: DB, fingerprint: string): HistoryLayoutInfo | null {
  const r = db.prepare('SELECT * FROM history_layouts WHERE fingerprint = ?').get(fingerprint) as Row | undefined;
  return r ? toInfo(r) : null;
}

export function listLayouts(db: DB): HistoryLayoutInfo[] {
  return (db.prepare('SELECT * FROM history_layouts ORDER BY saved_at DESC, fingerprint').all() as Row[]).map(toInfo);
}

/** Stores (or replaces) the confirmed mapping of a layout; inside the import's transaction. */
export function rememberLayout(db: DB, fingerprint: string, mapping: WideMapping, example: string, actor: string): void {
  const before = rememberedLayout(db, fingerprint);
  const json = JSON.stringify(mapping);
  const at = nowIso();
  if (before && JSON.stringify(before.mapping) === json) {
    db.prepare('UPDATE history_layouts SET used_at = ? WHERE fingerprint = ?').run(at, fingerprint);
    return;
  }
  db.prepare(
    `INSERT INTO history_layouts (fingerprint, mapping_json, example, saved_by, saved_at, used_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET mapping_json = excluded.mapping_json, example = excluded.example, saved_by = excluded.saved_by, saved_at = excluded.saved_at, used_at = excluded.used_at`,
  ).run(fingerprint, json, example, actor, at, at);
  audit(db, actor, before ? 'history.layout.update' : 'history.layout.save', 'history_layout', fingerprint, { example, mapping, ...(before ? { before: before.mapping } : {}) });
}
