/**
 * 本机使用人: the name recorded as "who" for every change made on this PC (a
 * qualitative score, a target, an import). It is set in 机构与设置 and kept in
 * the database's meta table; until it is set, the computer's login name stands in.
 */
import { userInfo } from 'node:os';
import type { DB } from '../db/database';
import { statement } from '../db/statements';

const KEY = 'local_user';

function loginName(): string {
  try {
    return userInfo().username || '本机使用人';
  } catch {
    return '本机使用人';
  }
}

/** The name set in 机构与设置, or null when none has been set yet. */
export function configuredLocalUser(db: DB): string | null {
  const row = statement(db, 'SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  const v = row?.value.trim();
  return v ? v : null;
}

/** Who changes are recorded as: the configured name, else the computer's login name. */
export function localUser(db: DB): string {
  return configuredLocalUser(db) ?? loginName();
}

export function setLocalUser(db: DB, name: string): void {
  statement(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, name.trim());
}
