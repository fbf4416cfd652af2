/** Which scheme version a region-year is scored with: the one recorded with its result, else the region's newest default. */
import type { DB } from '../db/database';
import { defaultSchemeId, getScheme, parseSchemeRef, type StoredScheme } from './schemes';

export function pinnedScheme(db: DB, region: string, year: number): { id: string; version: number } | null {
  const r = db.prepare('SELECT scheme_id AS id, scheme_version AS version FROM assessment_results WHERE region = ? AND year = ?').get(region, year) as
    | { id: string; version: number }
    | undefined;
  return r ?? null;
}

/** An explicit reference (`id` or `id@version`) wins; otherwise the recorded version; otherwise the newest default. */
export function schemeForYear(db: DB, region: string, year: number, ref: string | null): StoredScheme {
  if (ref) {
    const { id, version } = parseSchemeRef(ref);
    return getScheme(db, id, version);
  }
  const pin = pinnedScheme(db, region, year);
  if (pin) return getScheme(db, pin.id, pin.version);
  return getScheme(db, defaultSchemeId(region));
}
