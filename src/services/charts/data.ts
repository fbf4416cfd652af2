/**
 * The chain figures the charts need, summed on exact integers over the current
 * submissions of a region's institutions, divided once at the end. The values come
 * from the region's store (indicators/values.ts), read once per database state and
 * shared with the indicators and the scoring: a chart no longer queries them itself
 * (a grouped SUM over the current values per chart was most of the chart page's time).
 */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import type { DB } from '../db/database';
import { scaledToNumber } from '../../domain/amount';
import { fail } from '../../domain/result';
import type { NamedAmounts, QuarterAmounts } from '../../domain/charts/data';
import { PerDataState, regionValues } from '../indicators/values';
import { regionInstitutions } from '../indicators/compute';

export interface ChainRef {
  code: string;
  name: string;
  region: string;
}

/** How many quarters a trend shows, ending at the chosen quarter. */
export const TREND_QUARTERS = 8;

export function regionName(db: DB, region: string): string {
  const row = db.prepare('SELECT name FROM regions WHERE code = ?').get(region) as { name: string } | undefined;
  if (!row) fail('E_REGION_UNKNOWN', { region });
  return row.name;
}

export function chainRef(db: DB, text: string): ChainRef {
  const row = db.prepare('SELECT code, name, region FROM chains WHERE (code = ? OR name = ?) AND active = 1').get(text, text) as ChainRef | undefined;
  if (!row) {
    const known = (db.prepare('SELECT code, name FROM chains WHERE active = 1 ORDER BY region, sort, code').all() as { code: string; name: string }[])
      .map((c) => `${c.code}（${c.name}）`)
      .join('、');
    fail('E_CHAIN_UNKNOWN', { chain: text, known });
  }
  return row;
}

export function regionChains(db: DB, region: string): ChainRef[] {
  return db.prepare('SELECT code, name, region FROM chains WHERE region = ? AND active = 1 ORDER BY sort, code').all(region) as ChainRef[];
}

/**
 * Quarters up to `quarter` in which the region's institutions reported, the last `count` of
 * them: from the region's store (its list of reported quarters is read once per database
 * state), not a query per chart — that query was a quarter of a repeated chart visit at 10×.
 */
export function reportedQuarters(db: DB, region: string, quarter: string, count = TREND_QUARTERS): string[] {
  const all = regionValues(db, region).quarters();
  let end = all.length;
  while (end > 0 && (all[end - 1] ?? '') > quarter) end--;
  return all.slice(Math.max(0, end - count), end);
}

export function hasReports(db: DB, region: string, quarter: string): boolean {
  return regionValues(db, region).quarters().includes(quarter);
}

/** Region totals of some fields (one member) per quarter: quarter → field → stored integer (a quarter or field nobody reported is absent). */
export function regionSums(db: DB, region: string, fields: readonly string[], member: string, quarters: readonly string[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const values = regionValues(db, region);
  for (const q of quarters) {
    for (const f of fields) {
      const total = values.total(q, f, member);
      if (total === null) continue;
      let m = out.get(q);
      if (!m) out.set(q, (m = new Map()));
      m.set(f, total);
    }
  }
  return out;
}

function wan(scaled: number | undefined): number | null {
  return scaled === undefined ? null : scaledToNumber(scaled, 'amount');
}

export function chainByQuarter(db: DB, chain: ChainRef, quarters: readonly string[]): QuarterAmounts[] {
  const sums = regionSums(db, chain.region, ['chain_bal', 'chain_ytd'], chain.code, quarters);
  return quarters.map((q) => ({ quarter: q, balance: wan(sums.get(q)?.get('chain_bal')), ytd: wan(sums.get(q)?.get('chain_ytd')) }));
}

/** Per database state: the short names (every ranked chart and its 数据来源 ask for them). */
const shortNames = new PerDataState<ReadonlyMap<string, string>>();

/** A bank's name as analysts write it in a chart: the shortest alias (安康农行), else the full name. */
export function institutionShortNames(db: DB): ReadonlyMap<string, string> {
  return shortNames.get(db, '', () => {
    const names = new Map<string, string>();
    const examples = new Set<string>();
    for (const r of db.prepare('SELECT code, name, example FROM institutions').all() as { code: string; name: string; example: number }[]) {
      names.set(r.code, r.name);
      if (r.example === 1) examples.add(r.code);
    }
    for (const a of db.prepare('SELECT alias, institution FROM institution_aliases').all() as { alias: string; institution: string }[]) {
      const cur = names.get(a.institution);
      if (cur !== undefined && a.alias.length >= 2 && a.alias.length < cur.length) names.set(a.institution, a.alias);
    }
    // A fictional bank keeps its mark however short its name gets.
    for (const code of examples) names.set(code, institutionDisplayName({ name: names.get(code) ?? code, example: true }));
    return names;
  });
}

export function chainByInstitution(db: DB, chain: ChainRef, quarter: string): NamedAmounts[] {
  const values = regionValues(db, chain.region);
  // A fictional bank (the sample data's 示例) is in no ranking.
  const examples = new Set(regionInstitutions(db, chain.region).filter((i) => i.example).map((i) => i.code));
  const names = institutionShortNames(db);
  const rows: NamedAmounts[] = [];
  for (const code of values.institutionsAt(quarter)) {
    if (examples.has(code)) continue;
    const balance = values.get(code, quarter, 'chain_bal', chain.code);
    const ytd = values.get(code, quarter, 'chain_ytd', chain.code);
    if (balance === null && ytd === null) continue;
    rows.push({ name: names.get(code) ?? code, code, balance: balance === null ? null : wan(balance), ytd: ytd === null ? null : wan(ytd) });
  }
  // A bank that reported the chain as all zeros does not lend to it: leave it off the ranking.
  return rows.filter((r) => (r.balance ?? 0) !== 0 || (r.ytd ?? 0) !== 0);
}

/** Counties whose 首位产业 is this chain, with the 首位产业 loans their banks reported. */
export function chainByCounty(db: DB, chain: ChainRef, quarter: string): NamedAmounts[] {
  const units = db.prepare('SELECT code, name FROM region_units WHERE region = ? AND leading_chain = ? ORDER BY sort, code').all(chain.region, chain.code) as {
    code: string;
    name: string;
  }[];
  if (units.length === 0) return [];
  const values = regionValues(db, chain.region);
  const sum = (field: string, unit: string): number | null => {
    const total = values.total(quarter, field, unit);
    return total === null ? null : wan(total);
  };
  return units.map((u) => ({ name: u.name, code: u.code, balance: sum('county_lead_bal', u.code), ytd: sum('county_lead_ytd', u.code) }));
}

export function chainsAtQuarter(db: DB, region: string, quarter: string): NamedAmounts[] {
  return regionChains(db, region).map((c) => {
    const p = chainByQuarter(db, c, [quarter])[0];
    return { name: c.name, code: c.code, balance: p?.balance ?? null, ytd: p?.ytd ?? null };
  });
}

export function chainsTrend(db: DB, region: string, quarters: readonly string[]): { name: string; balances: (number | null)[] }[] {
  return regionChains(db, region).map((c) => ({ name: c.name, balances: chainByQuarter(db, c, quarters).map((p) => p.balance) }));
}
