/**
 * A full logical dump of a database (schema version, every table's schema and
 * every row, in primary-key order) for "nothing changed" assertions: two dumps
 * are equal exactly when the stored data is.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface Dump {
  userVersion: number;
  tables: Record<string, { sql: string; rows: unknown[][] }>;
}

export function dumpDatabase(path: string): Dump {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return dumpConnection(db);
  } finally {
    db.close();
  }
}

export function dumpConnection(db: Database.Database): Dump {
  const tables: Dump['tables'] = {};
  const list = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string; sql: string }[];
  for (const t of list) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t.name) as { name: string }[]).map((c) => `"${c.name}"`);
    const rows = db.prepare(`SELECT ${cols.join(', ')} FROM "${t.name}" ORDER BY ${cols.join(', ')}`).raw().all() as unknown[][];
    tables[t.name] = { sql: t.sql, rows };
  }
  return { userVersion: db.pragma('user_version', { simple: true }) as number, tables };
}

/** A short fingerprint of a dump, for messages and quick comparisons. */
export function dumpHash(d: Dump): string {
  return createHash('sha256')
    .update(JSON.stringify(d, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v)))
    .digest('hex');
}

export interface TableDiff {
  added: unknown[][];
  removed: unknown[][];
}

/** Row-level differences per table (multiset of rows; a changed row is one removed and one added). */
export function diffDumps(before: Dump, after: Dump): Record<string, TableDiff> {
  const out: Record<string, TableDiff> = {};
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  const key = (r: unknown[]): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  for (const name of names) {
    const b = before.tables[name]?.rows ?? [];
    const a = after.tables[name]?.rows ?? [];
    const count = new Map<string, number>();
    for (const r of b) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
    const added: unknown[][] = [];
    for (const r of a) {
      const n = count.get(key(r)) ?? 0;
      if (n > 0) count.set(key(r), n - 1);
      else added.push(r);
    }
    const removed = b.filter((r) => {
      const n = count.get(key(r)) ?? 0;
      if (n > 0) {
        count.set(key(r), n - 1);
        return true;
      }
      return false;
    });
    if (added.length > 0 || removed.length > 0 || before.tables[name]?.sql !== after.tables[name]?.sql) out[name] = { added, removed };
  }
  return out;
}
