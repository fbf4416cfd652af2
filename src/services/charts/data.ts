/**
 * The chain figures the charts need, summed in SQL on exact integers over the
 * current submissions of a region's institutions, divided once at the end.
 */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import type { DB } from '../db/database';
import { scaledToNumber } from '../../domain/amount';
import { fail } from '../../domain/result';
import type { NamedAmounts, QuarterAmounts } from '../../domain/charts/data';

export interface ChainRef {
  code: string;
  name: string;
  region: string;
}

/** How many quarters a trend shows, ending at the chosen quarter. */
export const TREND_QUARTERS = 8;

export function regionName(db: DB, region: string): string {
  const row = db.prepare('SELECT name FROM regions WHERE code = ?').get(region) as { name: string } | undefined;
  if (!row) fail('E_REGION_UNKNOWN', `地区「${region}」不存在，可选：ankang（安康市）、bishan（璧山区）。`);
  return row.name;
}

export function chainRef(db: DB, text: string): ChainRef {
  const row = db.prepare('SELECT code, name, region FROM chains WHERE (code = ? OR name = ?) AND active = 1').get(text, text) as ChainRef | undefined;
  if (!row) {
    const known = (db.prepare('SELECT code, name FROM chains WHERE active = 1 ORDER BY region, sort, code').all() as { code: string; name: string }[])
      .map((c) => `${c.code}（${c.name}）`)
      .join('、');
    fail('E_CHAIN_UNKNOWN', `产业链「${text}」不存在，可选：${known}。`);
  }
  return row;
}

export function regionChains(db: DB, region: string): ChainRef[] {
  return db.prepare('SELECT code, name, region FROM chains WHERE region = ? AND active = 1 ORDER BY sort, code').all(region) as ChainRef[];
}

/** Quarters up to `quarter` in which the region's institutions reported, the last `count` of them. */
export function reportedQuarters(db: DB, region: string, quarter: string, count = TREND_QUARTERS): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT s.quarter FROM submissions s JOIN institutions i ON i.code = s.institution
       WHERE s.status = 'current' AND i.region = ? AND s.quarter <= ? ORDER BY s.quarter DESC LIMIT ?`,
    )
    .all(region, quarter, count) as { quarter: string }[];
  return rows.map((r) => r.quarter).reverse();
}

export function hasReports(db: DB, region: string, quarter: string): boolean {
  const row = db
    .prepare(`SELECT 1 AS x FROM submissions s JOIN institutions i ON i.code = s.institution WHERE s.status = 'current' AND i.region = ? AND s.quarter = ? LIMIT 1`)
    .get(region, quarter) as { x: number } | undefined;
  return row !== undefined;
}

/** Region totals of some fields (one member) per quarter: quarter → field → 万元 (or count). */
export function regionSums(db: DB, region: string, fields: readonly string[], member: string, quarters: readonly string[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  if (quarters.length === 0 || fields.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT cv.quarter, cv.field_key AS field, SUM(cv.num) AS total
       FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.member = ? AND cv.num IS NOT NULL
         AND cv.field_key IN (${fields.map(() => '?').join(',')})
         AND cv.quarter IN (${quarters.map(() => '?').join(',')})
       GROUP BY cv.quarter, cv.field_key`,
    )
    .all(region, member, ...fields, ...quarters) as { quarter: string; field: string; total: number }[];
  for (const r of rows) {
    const m = out.get(r.quarter) ?? new Map<string, number>();
    m.set(r.field, r.total);
    out.set(r.quarter, m);
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

/** A bank's name as analysts write it in a chart: the shortest alias (安康农行), else the full name. */
export function institutionShortNames(db: DB): Map<string, string> {
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
}

export function chainByInstitution(db: DB, chain: ChainRef, quarter: string): NamedAmounts[] {
  const rows = db
    .prepare(
      `SELECT cv.institution, cv.field_key AS field, cv.num
       FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.quarter = ? AND cv.member = ? AND cv.field_key IN ('chain_bal', 'chain_ytd') AND cv.num IS NOT NULL
         AND i.example = 0`,
    )
    .all(chain.region, quarter, chain.code) as { institution: string; field: string; num: number }[];
  const names = institutionShortNames(db);
  const byInst = new Map<string, NamedAmounts>();
  for (const r of rows) {
    const cur = byInst.get(r.institution) ?? { name: names.get(r.institution) ?? r.institution, code: r.institution, balance: null, ytd: null };
    if (r.field === 'chain_bal') cur.balance = wan(r.num);
    else cur.ytd = wan(r.num);
    byInst.set(r.institution, cur);
  }
  // A bank that reported the chain as all zeros does not lend to it: leave it off the ranking.
  return [...byInst.values()].filter((r) => (r.balance ?? 0) !== 0 || (r.ytd ?? 0) !== 0);
}

/** Counties whose 首位产业 is this chain, with the 首位产业 loans their banks reported. */
export function chainByCounty(db: DB, chain: ChainRef, quarter: string): NamedAmounts[] {
  const units = db.prepare('SELECT code, name FROM region_units WHERE region = ? AND leading_chain = ? ORDER BY sort, code').all(chain.region, chain.code) as {
    code: string;
    name: string;
  }[];
  if (units.length === 0) return [];
  const sums = db
    .prepare(
      `SELECT cv.member, cv.field_key AS field, SUM(cv.num) AS total
       FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.quarter = ? AND cv.field_key IN ('county_lead_bal', 'county_lead_ytd') AND cv.num IS NOT NULL
       GROUP BY cv.member, cv.field_key`,
    )
    .all(chain.region, quarter) as { member: string; field: string; total: number }[];
  return units.map((u) => ({
    name: u.name,
    code: u.code,
    balance: wan(sums.find((s) => s.member === u.code && s.field === 'county_lead_bal')?.total),
    ytd: wan(sums.find((s) => s.member === u.code && s.field === 'county_lead_ytd')?.total),
  }));
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
