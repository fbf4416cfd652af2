/**
 * Prepared statements kept per database connection. better-sqlite3 compiles the
 * SQL on every `db.prepare`; the importer's per-file statements (a few hundred
 * files per batch, each with a dozen statements) would otherwise spend a large
 * share of its time in the SQL compiler. Only for statements run with
 * get/all/run (never held open by an iterator).
 */
import type { Statement } from 'better-sqlite3';
import type { DB } from './database';

const byDb = new WeakMap<DB, Map<string, Statement>>();

export function statement(db: DB, sql: string): Statement {
  let m = byDb.get(db);
  if (!m) byDb.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
