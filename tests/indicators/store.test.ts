/**
 * A region's value store (services/indicators/values.ts) reads each quarter when first asked
 * for, every report packed as its field keys (shared by the reports of one layout) and one
 * array of values. Equivalence with the database: on the chart fixture plus a 重报, blanks
 * stored as NULL, a text cell, a report holding no number at all and reports of different
 * layouts, every current numeric value reads back exactly and nothing else does; the quarters
 * with reports are those the former query found; and a quarter first read after a write
 * (this connection's or another's) holds the written values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { openDatabase } from '../../src/services/db/database';
import { insertReport, memoryDb, tempDbPath } from '../helpers/reports';
import { FIXTURE_QUARTERS, fillChartFixture, reportValues } from '../charts/fixture';
import { regionValues } from '../../src/services/indicators/values';
import { hasReports, reportedQuarters } from '../../src/services/charts/data';

let db: DB;

interface Row {
  institution: string;
  quarter: string;
  field: string;
  member: string;
  num: number | null;
}

/** Every current stored value of the region's institutions, numeric or not, straight from SQL. */
function currentRows(region: string): Row[] {
  return db
    .prepare(
      `SELECT s.institution, s.quarter, v.field_key AS field, v.member, v.num
       FROM submissions s JOIN submission_values v ON v.submission_id = s.id JOIN institutions i ON i.code = s.institution
       WHERE s.status = 'current' AND i.region = ? ORDER BY s.institution, s.quarter, v.field_key, v.member`,
    )
    .all(region) as Row[];
}

/** The query the charts' trends used before the store kept the list. */
function formerQuarters(region: string, quarter: string, count: number): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT s.quarter FROM submissions s JOIN institutions i ON i.code = s.institution
       WHERE s.status = 'current' AND i.region = ? AND s.quarter <= ? ORDER BY s.quarter DESC LIMIT ?`,
    )
    .all(region, quarter, count) as { quarter: string }[];
  return rows.map((r) => r.quarter).reverse();
}

const sub = (institution: string, quarter: string): number =>
  (db.prepare(`SELECT id FROM submissions WHERE institution = ? AND quarter = ? AND status = 'current'`).get(institution, quarter) as { id: number }).id;

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
  const banks = (db.prepare(`SELECT code FROM institutions WHERE region = 'ankang' ORDER BY code`).all() as { code: string }[]).map((r) => r.code);
  const [a, b, c] = banks;
  if (!a || !b || !c) throw new Error('the fixture has fewer than three 安康 banks');
  // A 重报 of 2025Q3 that leaves a chain out (a layout of its own) and doubles the rest.
  const v = reportValues(a, 'ankang', 0, FIXTURE_QUARTERS.indexOf('2025Q3'));
  const bal = { ...(v['chain_bal'] as Record<string, number>) };
  delete bal['konjac'];
  for (const k of Object.keys(bal)) bal[k] = (bal[k] ?? 0) * 2;
  insertReport(db, { institution: a, quarter: '2025Q3', values: { ...v, chain_bal: bal } });
  // Blanks stored as NULL (a scalar and a chain member) and a text cell, as the importer keeps them.
  const cell = db.prepare(`INSERT INTO submission_values (submission_id, field_key, member, num, text, raw, sheet, cell, defined_name) VALUES (?, ?, ?, ?, ?, '', 's', 'A1', 'n')`);
  cell.run(sub(b, '2025Q3'), 'zz_blank', '', null, null);
  cell.run(sub(b, '2025Q3'), 'chain_bal', 'zz_blank_member', null, null);
  cell.run(sub(b, '2025Q3'), 'zz_text', '', null, '工作开展情况');
  // A report holding no number at all: stored, but not reported as far as figures go.
  insertReport(db, { institution: c, quarter: '2021Q4', values: {} });
  cell.run(sub(c, '2021Q4'), 'zz_blank', '', null, null);
});

describe('the region store read quarter by quarter', () => {
  it('reads back every current numeric value exactly, and nothing where the cell holds no number', () => {
    for (const region of ['ankang', 'bishan']) {
      const store = regionValues(db, region);
      const rows = currentRows(region);
      expect(rows.length).toBeGreaterThan(FIXTURE_QUARTERS.length * 3);
      for (const r of rows) expect(store.get(r.institution, r.quarter, r.field, r.member)).toBe(r.num);
      // Members in stored order, those without a number left out.
      const byField = new Map<string, string[]>();
      for (const r of rows) {
        if (r.member === '' || r.num === null) continue;
        const key = `${r.institution}|${r.quarter}|${r.field}`;
        byField.set(key, [...(byField.get(key) ?? []), r.member]);
      }
      for (const [key, members] of byField) {
        const [i = '', q = '', f = ''] = key.split('|');
        expect(store.members(i, q, f)).toEqual(members);
      }
    }
    const b = (db.prepare(`SELECT code FROM institutions WHERE region = 'ankang' ORDER BY code LIMIT 1 OFFSET 1`).get() as { code: string }).code;
    const store = regionValues(db, 'ankang');
    expect(store.members(b, '2025Q3', 'chain_bal')).not.toContain('zz_blank_member');
    expect(store.get(b, '2025Q3', 'zz_text', '')).toBeNull();
    expect(store.get(b, '2025Q3', 'no_such_field', '')).toBeNull();
    expect(store.get('NO-SUCH-BANK', '2025Q3', 'chain_bal', 'konjac')).toBeNull();
  });

  it('counts as reported exactly the reports holding a number, and totals as SQL sums', () => {
    const store = regionValues(db, 'ankang');
    const withNumbers = db
      .prepare(
        `SELECT s.institution, s.quarter FROM submissions s JOIN institutions i ON i.code = s.institution
         WHERE s.status = 'current' AND i.region = 'ankang' AND EXISTS (SELECT 1 FROM submission_values v WHERE v.submission_id = s.id AND v.num IS NOT NULL)
         ORDER BY s.institution`,
      )
      .all() as { institution: string; quarter: string }[];
    for (const q of [...FIXTURE_QUARTERS, '2021Q4']) {
      expect(store.institutionsAt(q)).toEqual(withNumbers.filter((r) => r.quarter === q).map((r) => r.institution));
      const sum = db
        .prepare(
          `SELECT SUM(v.num) AS s FROM submissions s JOIN submission_values v ON v.submission_id = s.id JOIN institutions i ON i.code = s.institution
           WHERE s.status = 'current' AND i.region = 'ankang' AND s.quarter = ? AND v.field_key = 'chain_bal' AND v.member = 'selenium_tea'`,
        )
        .get(q) as { s: number | null };
      expect(store.total(q, 'chain_bal', 'selenium_tea')).toBe(sum.s);
    }
    const c = (db.prepare(`SELECT code FROM institutions WHERE region = 'ankang' ORDER BY code LIMIT 1 OFFSET 2`).get() as { code: string }).code;
    expect(store.reported(c, '2021Q4')).toBe(false);
    expect(store.institutionsAt('2021Q4')).toEqual([]);
  });

  it('knows the quarters with reports as the former query did, a report without a number included', () => {
    for (const region of ['ankang', 'bishan']) {
      for (const q of ['2021Q3', '2021Q4', ...FIXTURE_QUARTERS, '2030Q1']) {
        for (const count of [1, 4, 8, 30]) expect(reportedQuarters(db, region, q, count)).toEqual(formerQuarters(region, q, count));
        expect(hasReports(db, region, q)).toBe(formerQuarters(region, q, 1)[0] === q);
      }
    }
    expect(hasReports(db, 'ankang', '2021Q4')).toBe(true);
    expect(hasReports(db, 'bishan', '2021Q4')).toBe(false);
  });
});

describe('a quarter first read after a write', () => {
  it('holds what was written, on this connection and on another', () => {
    const tmp = tempDbPath();
    const mine = openDatabase(tmp.path);
    try {
      insertReport(mine, { institution: 'AK-ABC', quarter: '2024Q4', values: { agri_loans_bal: 50000 } });
      // 2024Q4 read; 2024Q3 not yet.
      expect(regionValues(mine, 'ankang').get('AK-ABC', '2024Q4', 'agri_loans_bal', '')).toBe(50000000000);
      expect(regionValues(mine, 'ankang').quarters()).toEqual(['2024Q4']);
      insertReport(mine, { institution: 'AK-ABC', quarter: '2024Q3', values: { agri_loans_bal: 40000 } });
      expect(regionValues(mine, 'ankang').get('AK-ABC', '2024Q3', 'agri_loans_bal', '')).toBe(40000000000);
      const other = openDatabase(tmp.path);
      try {
        insertReport(other, { institution: 'AK-ABC', quarter: '2024Q4', values: { agri_loans_bal: 52000 } });
        insertReport(other, { institution: 'AK-CCB', quarter: '2024Q2', values: { agri_loans_bal: 7000 } });
      } finally {
        other.close();
      }
      const now = regionValues(mine, 'ankang');
      expect(now.get('AK-ABC', '2024Q4', 'agri_loans_bal', '')).toBe(52000000000);
      expect(now.get('AK-CCB', '2024Q2', 'agri_loans_bal', '')).toBe(7000000000);
      expect(now.quarters()).toEqual(['2024Q2', '2024Q3', '2024Q4']);
    } finally {
      mine.close();
      tmp.cleanup();
    }
  });
});
