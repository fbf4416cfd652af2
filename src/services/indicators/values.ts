/**
 * Current reported values, as the store holds them now: each region's are read once per
 * database state (see regionValues), so a new import, a 重报 or a rollback shows at the
 * next call, and a page of many figures reads the store once.
 */
import type { DB } from '../db/database';
import { dataStamp } from '../db/stamp';
import type { ValueSource } from '../../domain/indicators/evaluate';

/** One field of one report: a scalar field's value (member ''), or its value per member, and the members that have one. */
class FieldValues {
  scalar: number | null = null;
  byMember: Map<string, number | null> | null = null;
  /** members() of this field, built on first use (values are only added while loading). */
  list: readonly string[] | null = null;
}

/**
 * Values by institution, then quarter, field and member: nested maps keyed by the strings
 * the callers already hold, so a read allocates nothing. (A key joined from the four parts
 * built and hashed a new string on every read: most of an indicator recompute went there
 * and into collecting that garbage.)
 */
export class StoredValues implements ValueSource {
  private readonly data = new Map<string, Map<string, Map<string, FieldValues>>>();
  private static readonly NONE: readonly string[] = [];

  add(institution: string, quarter: string, field: string, member: string, num: number | null): void {
    StoredValues.put(this.report(institution, quarter), field, member, num);
  }

  /** The values of one institution's report for a quarter (created empty). */
  report(institution: string, quarter: string): Map<string, FieldValues> {
    let byQuarter = this.data.get(institution);
    if (!byQuarter) this.data.set(institution, (byQuarter = new Map()));
    let byField = byQuarter.get(quarter);
    if (!byField) byQuarter.set(quarter, (byField = new Map()));
    return byField;
  }

  static put(byField: Map<string, FieldValues>, field: string, member: string, num: number | null): void {
    let values = byField.get(field);
    if (!values) byField.set(field, (values = new FieldValues()));
    if (member === '') values.scalar = num;
    else (values.byMember ??= new Map()).set(member, num);
    values.list = null;
  }

  get(institution: string, quarter: string, field: string, member: string): number | null {
    const values = this.data.get(institution)?.get(quarter)?.get(field);
    if (!values) return null;
    return (member === '' ? values.scalar : values.byMember?.get(member)) ?? null;
  }

  members(institution: string, quarter: string, field: string): readonly string[] {
    const values = this.data.get(institution)?.get(quarter)?.get(field);
    if (!values?.byMember) return StoredValues.NONE;
    values.list ??= [...values.byMember].filter(([, v]) => v !== null).map(([m]) => m);
    return values.list;
  }

  /** The total over every institution of one field (one member) at a quarter; null when none reported it. */
  total(quarter: string, field: string, member: string): number | null {
    let sum = 0;
    let seen = false;
    for (const byQuarter of this.data.values()) {
      const values = byQuarter.get(quarter)?.get(field);
      const v = values ? (member === '' ? values.scalar : values.byMember?.get(member)) : undefined;
      if (v !== undefined && v !== null) {
        sum += v;
        seen = true;
      }
    }
    return seen ? sum : null;
  }

  /** Institutions with a current report for the quarter, in the order their reports were read. */
  institutionsAt(quarter: string): string[] {
    return [...this.data].filter(([, byQuarter]) => byQuarter.has(quarter)).map(([institution]) => institution);
  }

  /** Whether the institution has a current report for the quarter at all. */
  reported(institution: string, quarter: string): boolean {
    return this.data.get(institution)?.has(quarter) ?? false;
  }
}

/** What an indicator computation reads: the values, and whether an institution reported a quarter at all. */
export interface RegionValues extends ValueSource {
  reported(institution: string, quarter: string): boolean;
}

/**
 * A region's store seen through the quarters and fields one computation loads: reading
 * anything else finds no data, exactly as when only those were read from the database.
 */
const NO_MEMBERS: readonly string[] = [];

class ScopedValues implements RegionValues {
  constructor(
    private readonly all: StoredValues,
    private readonly from: string,
    private readonly to: string,
    private readonly fields: ReadonlySet<string> | undefined,
  ) {}

  private covers(quarter: string, field: string): boolean {
    return quarter >= this.from && quarter <= this.to && (this.fields === undefined || this.fields.has(field));
  }

  get(institution: string, quarter: string, field: string, member: string): number | null {
    return this.covers(quarter, field) ? this.all.get(institution, quarter, field, member) : null;
  }

  members(institution: string, quarter: string, field: string): readonly string[] {
    return this.covers(quarter, field) ? this.all.members(institution, quarter, field) : NO_MEMBERS;
  }

  reported(institution: string, quarter: string): boolean {
    return quarter >= this.from && quarter <= this.to && this.all.reported(institution, quarter);
  }
}

/**
 * What is derived from a database's state, kept until that state moves (dataStamp): one
 * memo per kind of thing (a region's values, a year's scores), keyed within the state. Any
 * write — this connection's or another process's — makes the next call build afresh.
 */
export class PerDataState<T> {
  private readonly byDb = new WeakMap<DB, { stamp: string; byKey: Map<string, T> }>();

  get(db: DB, key: string, build: () => T): T {
    const stamp = dataStamp(db);
    let cached = this.byDb.get(db);
    if (!cached || cached.stamp !== stamp) this.byDb.set(db, (cached = { stamp, byKey: new Map() }));
    let value = cached.byKey.get(key);
    if (value === undefined) cached.byKey.set(key, (value = build()));
    return value;
  }
}

/** Per open database: every current value of each region, read once per database state. */
const regionStores = new PerDataState<StoredValues>();

/**
 * Every current numeric value of a region's institutions, from the store as it is now.
 * Kept per database state, so the pages an analyst opens one after another, each chart
 * and the scoring read the store once between two changes, not once per figure (a cold
 * read of all current values is ~0.1 s at 10×; a chart used to re-read its share of it).
 */
export function regionValues(db: DB, region: string): StoredValues {
  return regionStores.get(db, region, () => readRegion(db, region));
}

/**
 * One row per current report, its values packed by SQLite as one JSON array: building
 * four JS strings for each of a few hundred thousand value rows cost four times as much
 * as SQLite's packing plus one JSON.parse per report (profiled at 10×).
 */
function readRegion(db: DB, region: string): StoredValues {
  const out = new StoredValues();
  const rows = db
    .prepare(
      `SELECT s.institution, s.quarter,
         (SELECT json_group_array(json_array(v.field_key, v.member, v.num)) FROM submission_values v
          WHERE v.submission_id = s.id AND v.num IS NOT NULL)
       FROM submissions s
       WHERE s.status = 'current' AND s.institution IN (SELECT code FROM institutions WHERE region = ?)`,
    )
    .raw()
    .all(region) as [string, string, string][];
  for (const [i, q, packed] of rows) {
    if (packed === '[]') continue;
    const report = out.report(i, q);
    for (const [f, m, n] of JSON.parse(packed) as [string, string, number][]) StoredValues.put(report, f, m, n);
  }
  return out;
}

/**
 * The numeric current values of a region's institutions over a range of quarters; with
 * `fields`, only those (a chart of one indicator reads a few of a report's ~120).
 */
export function loadValues(db: DB, region: string, institutions: readonly string[], fromQuarter: string, toQuarter: string, fields?: ReadonlySet<string>): RegionValues {
  if (institutions.length === 0 || fields?.size === 0) return new StoredValues();
  return new ScopedValues(regionValues(db, region), fromQuarter, toQuarter, fields);
}
