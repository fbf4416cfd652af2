import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/services/db/database';
import { insertReport, tempDbPath } from '../helpers/reports';
import { cli } from '../helpers/cli';
import type { IndicatorRow } from '../../src/api/assessment-types';

const tmp = tempDbPath();
beforeAll(() => {
  const db = openDatabase(tmp.path);
  insertReport(db, { institution: 'BS-PSBC', quarter: '2024Q4', values: { loans_total_bal: 200000, agri_loans_bal: 120000 } });
  insertReport(db, { institution: 'BS-PSBC', quarter: '2025Q3', values: { loans_total_bal: 210000, agri_loans_bal: 132000 } });
  db.close();
});
afterAll(() => tmp.cleanup());

describe('indicators command', () => {
  it('prints JSON rows with fractions for rates', async () => {
    const r = await cli(['indicators', '--db', tmp.path, '--quarter', '2025Q3', '--region', 'bishan', '--id', 'agri_loans_growth,agri_vs_total_growth', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as IndicatorRow[];
    const psbc = rows.find((x) => x.id === 'agri_loans_growth' && x.institution === 'BS-PSBC');
    // (132,000 − 120,000) / 120,000 = 0.1
    expect(psbc?.value).toBeCloseTo(0.1, 12);
    // 0.1 − (210,000 − 200,000) / 200,000 = 0.1 − 0.05 = 0.05
    expect(rows.find((x) => x.id === 'agri_vs_total_growth' && x.scope === 'region')?.value).toBeCloseTo(0.05, 12);
    expect(rows.find((x) => x.id === 'agri_loans_growth' && x.institution === 'BS-ABC')?.value).toBeNull();
  });

  it('prints a table with 无数据 and fails in Chinese on a bad quarter', async () => {
    const t = await cli(['indicators', '--db', tmp.path, '--quarter', '2025Q3', '--region', 'bishan', '--id', 'agri_loans_growth']);
    expect(t.code).toBe(0);
    expect(t.out).toContain('10.00%');
    expect(t.out).toContain('无数据');
    const bad = await cli(['indicators', '--db', tmp.path, '--quarter', '2025Q9']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('报告期「2025Q9」格式不对');
  });
});
