/**
 * Current reported values read straight from the store (view current_values)
 * on every call: no cache, so a new import or a rollback shows at once.
 */
import type { DB } from '../db/database';
import type { ValueSource } from '../../domain/indicators/evaluate';

const SEP = '\u0001';

export class StoredValues implements ValueSource {
  private readonly data = new Map<string, Map<string, Map<string, number | null>>>();
  private static readonly NONE: readonly string[] = [];

  add(institution: string, quarter: string, field: string, member: string, num: number | null): void {
    const k = institution + SEP + quarter;
    let byField = this.data.get(k);
    if (!byField) this.data.set(k, (byField = new Map()));
    let byMember = byField.get(field);
    if (!byMember) byField.set(field, (byMember = new Map()));
    byMember.set(member, num);
  }

  get(institution: string, quarter: string, field: string, member: string): number | null {
    return this.data.get(institution + SEP + quarter)?.get(field)?.get(member) ?? null;
  }

  members(institution: string, quarter: string, field: string): readonly string[] {
    const byMember = this.data.get(institution + SEP + quarter)?.get(field);
    if (!byMember) return StoredValues.NONE;
    return [...byMember].filter(([m, v]) => m !== '' && v !== null).map(([m]) => m);
  }

  /** Whether the institution has a current report for the quarter at all. */
  reported(institution: string, quarter: string): boolean {
    return this.data.has(institution + SEP + quarter);
  }
}

/**
 * Loads the numeric current values of the given institutions over a range of quarters;
 * with `fields`, only those (a chart of one indicator reads a few of a report's ~120).
 */
export function loadValues(db: DB, region: string, institutions: readonly string[], fromQuarter: string, toQuarter: string, fields?: ReadonlySet<string>): StoredValues {
  const out = new StoredValues();
  if (institutions.length === 0 || fields?.size === 0) return out;
  const wanted = new Set(institutions);
  const only = fields ? [...fields] : [];
  const rows = db
    .prepare(
      `SELECT s.institution AS i, s.quarter AS q, v.field_key AS f, v.member AS m, v.num AS n
       FROM submissions s JOIN submission_values v ON v.submission_id = s.id
       WHERE s.status = 'current' AND s.quarter BETWEEN ? AND ? AND v.num IS NOT NULL
         AND s.institution IN (SELECT code FROM institutions WHERE region = ?)
         ${fields ? `AND v.field_key IN (${only.map(() => '?').join(', ')})` : ''}`,
    )
    .raw()
    .all(fromQuarter, toQuarter, region, ...only) as [string, string, string, string, number][];
  for (const [i, q, f, m, n] of rows) if (wanted.has(i)) out.add(i, q, f, m, n);
  return out;
}
