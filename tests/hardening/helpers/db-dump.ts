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
