/**
 * Chart test data: two years of quarterly reports (2023Q4–2025Q3) for every
 * sample institution of both regions, written through the shared report
 * fixture into the real schema. Figures are deterministic and plausible:
 * balances grow a little each quarter, YTD disbursement restarts each year.
 */
import type { DB } from '../../src/services/db/database';
import { insertReport, type ReportValues } from '../helpers/reports';
import { setCountyTarget } from '../../src/services/progress';

export const FIXTURE_QUARTERS = ['2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3'];

const CHAINS: Record<string, string[]> = {
  ankang: ['selenium_tea', 'qinba_meat', 'konjac', 'eco_fishery', 'walnut', 'sericulture', 'plush_toys'],
  bishan: ['zanthoxylum', 'navel_orange'],
};
const COUNTIES = ['AK01', 'AK02', 'AK03', 'AK04', 'AK05', 'AK06', 'AK07', 'AK08', 'AK09', 'AK10'];

/** Round to 2 decimals (万元 with cents at most). */
function r2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function reportValues(institution: string, region: string, instIndex: number, quarterIndex: number): ReportValues {
  const size = 180_000 + instIndex * 37_531.17;
  const t = quarterIndex;
  const qInYear = ((t + 3) % 4) + 1; // 2023Q4 → 4, 2024Q1 → 1 …
  const total = r2(size * (1 + 0.018 * t + 0.002 * instIndex * t));
  const agri = r2(total * (0.42 + 0.01 * (instIndex % 3)) * (1 + 0.006 * t));
  const v: ReportValues = {
    loans_total_bal: total,
    loans_total_ytd: r2(total * 0.12 * qInYear),
    agri_loans_bal: agri,
    agri_loans_ytd: r2(agri * 0.14 * qInYear),
    npl_total_bal: r2(total * (0.018 - 0.0006 * t)),
    agri_npl_bal: r2(agri * (0.021 - 0.0008 * t)),
  };
  const chains = CHAINS[region] ?? [];
  const chainBal = (i: number): number => r2(agri * (0.006 + 0.004 * ((i * 3 + instIndex) % 7) + 0.003 * i) * (1 + (0.02 + 0.005 * i) * t));
  v['chain_bal'] = Object.fromEntries(chains.map((c, i) => [c, chainBal(i)]));
  v['chain_ytd'] = Object.fromEntries(chains.map((c, i) => [c, r2(chainBal(i) * (0.1 + 0.02 * ((i + instIndex) % 4)) * qInYear)]));
  v['chain_entities'] = Object.fromEntries(chains.map((c, i) => [c, 3 + ((i * 7 + instIndex * 3 + t) % 40)]));
  if (region === 'ankang') {
    v['county_agri_bal'] = Object.fromEntries(COUNTIES.map((c, i) => [c, r2(agri * 0.05 * (1 + (i % 3)))]));
    v['county_lead_bal'] = Object.fromEntries(COUNTIES.map((c, i) => [c, r2(agri * 0.02 * (1 + (i % 3)) * (1 + 0.02 * t))]));
    v['county_lead_ytd'] = Object.fromEntries(COUNTIES.map((c, i) => [c, r2(agri * 0.004 * (1 + ((i + instIndex) % 4)) * qInYear)]));
  }
  void institution;
  return v;
}

/** Fills the database with every sample institution's reports; returns the number of reports. */
export function fillChartFixture(db: DB, quarters: readonly string[] = FIXTURE_QUARTERS): number {
  const insts = db.prepare('SELECT code, region FROM institutions ORDER BY region, code').all() as { code: string; region: string }[];
  let n = 0;
  insts.forEach((inst, i) => {
    quarters.forEach((q) => {
      insertReport(db, { institution: inst.code, quarter: q, values: reportValues(inst.code, inst.region, i, FIXTURE_QUARTERS.indexOf(q)) });
      n++;
    });
  });
  if (quarters.includes('2025Q3')) setCountyTargets(db);
  return n;
}

/**
 * 2025 annual targets on 首位产业贷款当年累计发放 (the default measure) for the nine 县（市）
 * of the action (汉滨区 is outside it): each county's 2025Q3 actual × (1.10 + 0.05 × i), so
 * completion runs from 90.9% (AK02) down to 66.7% (AK10) against a 74.8% time progress.
 */
export function setCountyTargets(db: DB): void {
  COUNTIES.slice(1).forEach((county, i) => {
    const row = db
      .prepare(`SELECT SUM(num) AS s FROM current_values WHERE quarter = '2025Q3' AND field_key = 'county_lead_ytd' AND member = ?`)
      .get(county) as { s: number };
    setCountyTarget(db, { county, year: 2025, annualTarget: Math.round((row.s / 1_000_000) * (1.1 + 0.05 * i)), source: '测试目标' });
  });
}
