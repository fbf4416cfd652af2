/**
 * Current reported values, as the store holds them now: each region's are read once per
 * database state (see regionValues), quarter by quarter as they are first asked for, so a
 * new import, a 重报 or a rollback shows at the next call, a page of many figures reads the
 * store once, and a page pays only for the quarters it looks at (not for every year kept).
 */
import type { DB } from '../db/database';
import { dataStamp } from '../db/stamp';
import { statement } from '../db/statements';
import type { ValueSource } from '../../domain/indicators/evaluate';

/** What the store keeps of one report: its values by field and member. */
interface Report {
  value(field: string, member: string): number | null;
  /** Members with a value for this field, in the order stored. */
  members(field: string): readonly string[];
}

const NONE: readonly string[] = [];

/** One field of a report built value by value: a scalar field's value (member ''), or its value per member. */
class FieldValues {
  scalar: number | null = null;
  byMember: Map<string, number | null> | null = null;
  /** members() of this field, built on first use and dropped when a value is added. */
  list: readonly string[] | null = null;
}

/** A report built value by value (add()): for stores a test or a computation fills itself. */
class BuiltReport implements Report {
  private readonly byField = new Map<string, FieldValues>();

  put(field: string, member: string, num: number | null): void {
    let values = this.byField.get(field);
    if (!values) this.byField.set(field, (values = new FieldValues()));
    if (member === '') values.scalar = num;
    else (values.byMember ??= new Map()).set(member, num);
    values.list = null;
  }

  value(field: string, member: string): number | null {
    const values = this.byField.get(field);
    if (!values) return null;
    return (member === '' ? values.scalar : values.byMember?.get(member)) ?? null;
  }

  members(field: string): readonly string[] {
    const values = this.byField.get(field);
    if (!values?.byMember) return NONE;
    values.list ??= [...values.byMember].filter(([, v]) => v !== null).map(([m]) => m);
    return values.list;
  }
}

/** The separators SQLite joins a report's field keys and members with (never in a key or member code). */
const UNIT = '\u001f';
const RECORD = '\u001e';

/**
 * Where each stored value of a report sits in its array of values: the reports of one form
 * version hold the same fields and members in the same order, so a region's reports share
 * a few layouts, each built once per read instead of a string and a map entry per value.
 */
class Layout {
  readonly scalar = new Map<string, number>();
  readonly byMember = new Map<string, { slots: Map<string, number>; order: string[] }>();

  constructor(keys: string) {
    let slot = 0;
    for (const key of keys.split(RECORD)) {
      const cut = key.indexOf(UNIT);
      const field = key.slice(0, cut);
      const member = key.slice(cut + 1);
      if (member === '') this.scalar.set(field, slot);
      else {
        let m = this.byMember.get(field);
        if (!m) this.byMember.set(field, (m = { slots: new Map(), order: [] }));
        m.slots.set(member, slot);
        m.order.push(member);
      }
      slot++;
    }
  }
}

/** A report as read from the database: its layout and its values (NaN where the cell holds no number). */
class PackedReport implements Report {
  private memberLists: Map<string, readonly string[]> | null = null;

  constructor(
    private readonly layout: Layout,
    private readonly nums: Float64Array,
  ) {}

  value(field: string, member: string): number | null {
    const slot = member === '' ? this.layout.scalar.get(field) : this.layout.byMember.get(field)?.slots.get(member);
    if (slot === undefined) return null;
    const v = this.nums[slot] as number;
    return Number.isNaN(v) ? null : v;
  }

  members(field: string): readonly string[] {
    const m = this.layout.byMember.get(field);
    if (!m) return NONE;
    let list = this.memberLists?.get(field);
    if (!list) {
      list = m.order.filter((member) => !Number.isNaN(this.nums[m.slots.get(member) as number]));
      (this.memberLists ??= new Map()).set(field, list);
    }
    return list;
  }
}

/** The reports of one quarter: institution → report. */
type QuarterReports = ReadonlyMap<string, Report>;

/**
 * Values by quarter, then institution, field and member, keyed by the strings the callers
 * already hold, so a read allocates nothing. (A key joined from the four parts built and
 * hashed a new string on every read: most of an indicator recompute went there and into
 * collecting that garbage.)
 */
abstract class QuarterStore implements ValueSource {
  /** A quarter's reports (none: an empty map). */
  protected abstract at(quarter: string): QuarterReports;

  get(institution: string, quarter: string, field: string, member: string): number | null {
    return this.at(quarter).get(institution)?.value(field, member) ?? null;
  }

  members(institution: string, quarter: string, field: string): readonly string[] {
    return this.at(quarter).get(institution)?.members(field) ?? NONE;
  }

  /** The total over every institution of one field (one member) at a quarter; null when none reported it. */
  total(quarter: string, field: string, member: string): number | null {
    let sum = 0;
    let seen = false;
    for (const report of this.at(quarter).values()) {
      const v = report.value(field, member);
      if (v !== null) {
        sum += v;
        seen = true;
      }
    }
    return seen ? sum : null;
  }

  /** Institutions with a current report (holding a number) for the quarter, in the order their reports were read. */
  institutionsAt(quarter: string): string[] {
    return [...this.at(quarter).keys()];
  }

  /** Whether the institution has a current report (holding a number) for the quarter at all. */
  reported(institution: string, quarter: string): boolean {
    return this.at(quarter).has(institution);
  }
}

const NO_REPORTS: QuarterReports = new Map();

/** Values added one by one (a test's or a computation's own). */
export class StoredValues extends QuarterStore {
  private readonly data = new Map<string, Map<string, BuiltReport>>();

  protected at(quarter: string): QuarterReports {
    return this.data.get(quarter) ?? NO_REPORTS;
  }

  add(institution: string, quarter: string, field: string, member: string, num: number | null): void {
    let reports = this.data.get(quarter);
    if (!reports) this.data.set(quarter, (reports = new Map()));
    let report = reports.get(institution);
    if (!report) reports.set(institution, (report = new BuiltReport()));
    report.put(field, member, num);
  }
}

/**
 * A region's store: its values read quarter by quarter, the first time anything of that
 * quarter is asked for, and the quarters its institutions reported.
 */
export class RegionStore extends QuarterStore {
  private readonly data = new Map<string, QuarterReports>();
  private quarterList: readonly string[] | null = null;

  constructor(
    private readonly db: DB,
    private readonly region: string,
  ) {
    super();
  }

  protected at(quarter: string): QuarterReports {
    let reports = this.data.get(quarter);
    if (!reports) this.data.set(quarter, (reports = readQuarter(this.db, this.region, quarter)));
    return reports;
  }

  /**
   * Every quarter, in order, for which one of the region's institutions has a current report
   * (even one without a number): what the charts' trends and 有无数据 go by.
   */
  quarters(): readonly string[] {
    this.quarterList ??= statement(
      this.db,
      `SELECT DISTINCT s.quarter FROM submissions s
       WHERE s.status = 'current' AND s.institution IN (SELECT code FROM institutions WHERE region = ?) ORDER BY s.quarter`,
    )
      .pluck()
      .all(this.region) as string[];
    return this.quarterList;
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
    private readonly all: QuarterStore,
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

/** Per open database: each region's store, kept per database state. */
const regionStores = new PerDataState<RegionStore>();

/**
 * Every current numeric value of a region's institutions, from the store as it is now.
 * Kept per database state, so the pages an analyst opens one after another, each chart
 * and the scoring read a quarter of the store once between two changes, not once per
 * figure (reading all 20 quarters at 10× is ~0.2 s of CPU; a chart visit needs 12 of them).
 * A quarter is read when first asked for, from the database as it is then: a write in
 * between makes the next call start a new store, so no page keeps what was replaced.
 */
export function regionValues(db: DB, region: string): RegionStore {
  return regionStores.get(db, region, () => new RegionStore(db, region));
}

/** Between the parts of a packed report: how many numbers, the keys, the values. */
const PART = '\u001d';

/**
 * One row per current report of the quarter, packed by SQLite in one string: how many of
 * its cells hold a number, its field keys and members (the same for the reports of one
 * form version, so they share one Layout) and its values as a JSON array in the same order.
 * One correlated aggregate per report walks that report's rows in key order (a join
 * grouped by report sorted every value of the quarter first). Building four JS strings for
 * each of a few hundred thousand value rows cost four times as much as SQLite's packing; one
 * string and one map entry per value, as the store was read before, was still most of a
 * cold read at 10×. A report with no number at all is not stored (it counts as not reported).
 */
function readQuarter(db: DB, region: string, quarter: string): QuarterReports {
  const rows = statement(
    db,
    `SELECT s.institution,
       (SELECT count(v.num) || char(29) || group_concat(v.field_key || char(31) || v.member, char(30)) || char(29) || json_group_array(v.num)
        FROM submission_values v WHERE v.submission_id = s.id)
     FROM submissions s
     WHERE s.status = 'current' AND s.quarter = ? AND s.institution IN (SELECT code FROM institutions WHERE region = ?)
     ORDER BY s.institution`,
  )
    .raw()
    .all(quarter, region) as [string, string | null][];
  const layouts = new Map<string, Layout>();
  const out = new Map<string, Report>();
  for (const [institution, packed] of rows) {
    // No value rows at all: the aggregate is NULL.
    if (packed === null) continue;
    const keysAt = packed.indexOf(PART) + 1;
    const numsAt = packed.indexOf(PART, keysAt) + 1;
    if (packed.startsWith(`0${PART}`)) continue;
    const keys = packed.slice(keysAt, numsAt - 1);
    let layout = layouts.get(keys);
    if (!layout) layouts.set(keys, (layout = new Layout(keys)));
    const parsed = JSON.parse(packed.slice(numsAt)) as (number | null)[];
    const nums = new Float64Array(parsed.length);
    for (let i = 0; i < parsed.length; i++) nums[i] = parsed[i] ?? Number.NaN;
    out.set(institution, new PackedReport(layout, nums));
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
