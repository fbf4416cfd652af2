/**
 * The chain charts read their sums from the region's value store (indicators/values.ts)
 * instead of a grouped SUM over current_values per chart. Equivalence: on the chart
 * fixture (every sample institution of both regions, eight quarters, a 重报 that supersedes
 * a report, a value left blank), every chain, county and quarter gives exactly what the
 * former SQL gave; and the figures follow the database when it changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { insertReport, memoryDb } from '../helpers/reports';
import { FIXTURE_QUARTERS, fillChartFixture, reportValues } from './fixture';
import { chainByCounty, chainByInstitution, regionChains, regionSums, type ChainRef } from '../../src/services/charts/data';
import { scaledToNumber } from '../../src/domain/amount';
import { assessmentResult } from '../../src/services/charts/assessment';
import { scoreRegionYear } from '../../src/services/assessment';

let db: DB;

/** The former path: SUM in SQL over the current values of the region's institutions. */
function sqlSums(region: string, fields: readonly string[], member: string, quarters: readonly string[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
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

/** The former chainByInstitution rows (code, balance, ytd in 万元), by code. */
function sqlByInstitution(chain: ChainRef, quarter: string): { code: string; balance: number | null; ytd: number | null }[] {
  const rows = db
    .prepare(
      `SELECT cv.institution, cv.field_key AS field, cv.num
       FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.quarter = ? AND cv.member = ? AND cv.field_key IN ('chain_bal', 'chain_ytd') AND cv.num IS NOT NULL
         AND i.example = 0`,
    )
    .all(chain.region, quarter, chain.code) as { institution: string; field: string; num: number }[];
  const by = new Map<string, { code: string; balance: number | null; ytd: number | null }>();
  for (const r of rows) {
    const cur = by.get(r.institution) ?? { code: r.institution, balance: null, ytd: null };
    if (r.field === 'chain_bal') cur.balance = scaledToNumber(r.num, 'amount');
    else cur.ytd = scaledToNumber(r.num, 'amount');
    by.set(r.institution, cur);
  }
  return [...by.values()].filter((r) => (r.balance ?? 0) !== 0 || (r.ytd ?? 0) !== 0).sort((a, b) => a.code.localeCompare(b.code));
}

/** The former chainByCounty: per county leading this chain, the SUM of its 首位产业 loans. */
function sqlByCounty(chain: ChainRef, quarter: string): { code: string; balance: number | null; ytd: number | null }[] {
  const units = db.prepare('SELECT code FROM region_units WHERE region = ? AND leading_chain = ? ORDER BY sort, code').all(chain.region, chain.code) as { code: string }[];
  const sum = (field: string, unit: string): number | null => {
    const row = db
      .prepare(
        `SELECT SUM(cv.num) AS s FROM current_values cv JOIN institutions i ON i.code = cv.institution
         WHERE i.region = ? AND cv.quarter = ? AND cv.field_key = ? AND cv.member = ? AND cv.num IS NOT NULL`,
      )
      .get(chain.region, quarter, field, unit) as { s: number | null };
    return row.s === null ? null : scaledToNumber(row.s, 'amount');
  };
  return units.map((u) => ({ code: u.code, balance: sum('county_lead_bal', u.code), ytd: sum('county_lead_ytd', u.code) }));
}

const chains = (): ChainRef[] => ['ankang', 'bishan'].flatMap((r) => regionChains(db, r));

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
  // A 重报 of one bank's 2025Q3 (the earlier version is superseded and must not count) that
  // leaves one chain blank and changes the others.
  const first = db.prepare(`SELECT code FROM institutions WHERE region = 'ankang' ORDER BY code LIMIT 1`).get() as { code: string };
  const v = reportValues(first.code, 'ankang', 0, FIXTURE_QUARTERS.indexOf('2025Q3'));
  const bal = { ...(v['chain_bal'] as Record<string, number>) };
  delete bal['konjac'];
  for (const k of Object.keys(bal)) bal[k] = (bal[k] ?? 0) * 2;
  insertReport(db, { institution: first.code, quarter: '2025Q3', values: { ...v, chain_bal: bal } });
});

describe('chain figures from the value store', () => {
  it('region sums per quarter equal the SQL sums for every chain and field', () => {
    let compared = 0;
    for (const c of chains()) {
      const got = regionSums(db, c.region, ['chain_bal', 'chain_ytd', 'chain_entities'], c.code, FIXTURE_QUARTERS);
      expect(got).toEqual(sqlSums(c.region, ['chain_bal', 'chain_ytd', 'chain_entities'], c.code, FIXTURE_QUARTERS));
      compared += [...got.values()].reduce((n, m) => n + m.size, 0);
    }
    expect(compared).toBeGreaterThan(FIXTURE_QUARTERS.length * 2);
    // A quarter nobody reported has no entry, as a SUM over no rows had none.
    expect(regionSums(db, 'ankang', ['chain_bal'], 'konjac', ['2021Q1']).size).toBe(0);
  });

  it('per-institution rows equal the SQL rows for every chain and quarter, the 重报 counted once', () => {
    for (const c of chains()) {
      for (const q of FIXTURE_QUARTERS) {
        const got = chainByInstitution(db, c, q).map(({ code, balance, ytd }) => ({ code, balance, ytd }));
        expect(got.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''))).toEqual(sqlByInstitution(c, q));
      }
    }
    const first = (db.prepare(`SELECT code FROM institutions WHERE region = 'ankang' ORDER BY code LIMIT 1`).get() as { code: string }).code;
    const konjac = chains().find((c) => c.code === 'konjac');
    if (!konjac) throw new Error('fixture has no 魔芋 chain');
    // Blank in the 重报: only its 当年累放 remains.
    expect(chainByInstitution(db, konjac, '2025Q3').find((r) => r.code === first)).toMatchObject({ balance: null });
  });

  it('county figures equal the SQL sums', () => {
    let counties = 0;
    for (const c of chains()) {
      for (const q of FIXTURE_QUARTERS) {
        const got = chainByCounty(db, c, q).map(({ code, balance, ytd }) => ({ code, balance, ytd }));
        expect(got).toEqual(sqlByCounty(c, q));
        counties += got.length;
      }
    }
    expect(counties).toBeGreaterThan(0);
  });

  it('a new report shows in the next call (the store follows the database)', () => {
    const c = chains()[0];
    if (!c) throw new Error('no chain');
    const before = regionSums(db, c.region, ['chain_bal'], c.code, ['2025Q3']).get('2025Q3')?.get('chain_bal') ?? 0;
    const inst = db.prepare(`SELECT code FROM institutions WHERE region = ? ORDER BY code DESC LIMIT 1`).get(c.region) as { code: string };
    insertReport(db, { institution: inst.code, quarter: '2025Q3', values: { chain_bal: { [c.code]: 1 } } });
    const after = regionSums(db, c.region, ['chain_bal'], c.code, ['2025Q3']).get('2025Q3')?.get('chain_bal') ?? 0;
    expect(after).toBe(sqlSums(c.region, ['chain_bal'], c.code, ['2025Q3']).get('2025Q3')?.get('chain_bal'));
    expect(after).not.toBe(before);
  });
});

describe('the score charts’ result', () => {
  it('is the year scored now, scored once per database state, and again after a change', () => {
    // The first scoring of a database stores the shipped schemes (a write: the state moves).
    const expected = scoreRegionYear(db, { region: 'ankang', year: 2024, save: false });
    const a = assessmentResult(db, 'ankang', '2025Q1');
    expect(a).toEqual(expected);
    expect(assessmentResult(db, 'ankang', '2025Q1')).toBe(a);
    const inst = a.results[0]?.institution ?? '';
    insertReport(db, { institution: inst, quarter: '2024Q4', values: { loans_total_bal: 1, agri_loans_bal: 1 } });
    const b = assessmentResult(db, 'ankang', '2025Q1');
    expect(b).not.toBe(a);
    expect(b).toEqual(scoreRegionYear(db, { region: 'ankang', year: 2024, save: false }));
    expect(b).not.toEqual(a);
  });
});
