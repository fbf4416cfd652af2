/**
 * Rates for the charts — growth, shares, 不良率 — taken from the indicator
 * engine (src/services/indicators), so a chart shows exactly the figure the
 * indicator tables and the assessment use (same 可比口径, same 无数据).
 */
import type { DB } from '../db/database';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail, type RegionData } from '../indicators';
import type { PairedRates } from '../../domain/charts/data';
import type { ChainRef } from './data';
import { institutionShortNames } from './data';
import { rankByAgri } from '../../domain/charts/loans';
import { maxRankedRows } from '../../domain/charts/layout';

/** The values those indicators read over the quarters (only those: a series chart reads a few fields of many reports). */
function regionData(db: DB, region: string, quarters: readonly string[], indicators: readonly string[]): RegionData {
  const first = quarters[0] ?? '2000Q1';
  const last = quarters[quarters.length - 1] ?? first;
  return loadRegionData(db, region, parseQuarterOrFail(first), parseQuarterOrFail(last), { indicators });
}

function everyone(data: RegionData): string[] {
  return data.institutions.map((i) => i.code);
}

export function chainShareSeries(db: DB, chain: ChainRef, quarters: readonly string[]): { quarter: string; value: number | null }[] {
  const data = regionData(db, chain.region, quarters, ['chain_share']);
  return quarters.map((q) => ({ quarter: q, value: evaluateIndicator(data, 'chain_share', q, everyone(data), chain.code) }));
}

export function chainGrowthSeries(db: DB, chain: ChainRef, quarters: readonly string[]): { quarter: string; sinceYearStart: number | null; yearOnYear: number | null }[] {
  const data = regionData(db, chain.region, quarters, ['chain_growth', 'chain_yoy']);
  return quarters.map((q) => ({
    quarter: q,
    sinceYearStart: evaluateIndicator(data, 'chain_growth', q, everyone(data), chain.code),
    yearOnYear: evaluateIndicator(data, 'chain_yoy', q, everyone(data), chain.code),
  }));
}

/** A pair of indicators (涉农 vs 各项) per quarter, for the region or one institution. */
export function pairedSeries(db: DB, region: string, quarters: readonly string[], ids: { agri: string; total: string }, institution?: string): (PairedRates & { quarter: string })[] {
  const data = regionData(db, region, quarters, [ids.agri, ids.total]);
  const scope = institution ? [institution] : everyone(data);
  return quarters.map((q) => ({ quarter: q, agri: evaluateIndicator(data, ids.agri, q, scope, null), total: evaluateIndicator(data, ids.total, q, scope, null) }));
}

/** The pair at one quarter for every institution that reported it. */
export function pairedByInstitution(db: DB, region: string, quarter: string, ids: { agri: string; total: string }): (PairedRates & { name: string; code: string })[] {
  const data = regionData(db, region, [quarter], [ids.agri, ids.total]);
  const names = institutionShortNames(db);
  return data.institutions
    // A fictional bank (示例机构) takes no place in a ranking.
    .filter((i) => !i.example && data.values.reported(i.code, quarter))
    .map((i) => ({ code: i.code, name: names.get(i.code) ?? i.name, agri: evaluateIndicator(data, ids.agri, quarter, [i.code], null), total: evaluateIndicator(data, ids.total, quarter, [i.code], null) }));
}

/**
 * The by-institution pair as the ranked chart prints it: fastest 涉农 growth first and,
 * when more banks reported than fit with legible labels, the first ones and one
 * 「其他（n家）」 row whose rates are the indicator over those banks together (a rate
 * of sums, not a sum of rates). The chart and its 数据来源 read the same rows.
 */
export function rankedPairsByInstitution(db: DB, region: string, quarter: string, ids: { agri: string; total: string }, maxAspect?: number): (PairedRates & { name: string; code?: string })[] {
  const ranked = rankByAgri(pairedByInstitution(db, region, quarter, ids));
  const fit = maxRankedRows(2, maxAspect);
  if (ranked.length <= fit) return ranked;
  const head = ranked.slice(0, fit - 1);
  const tail = ranked.slice(fit - 1).map((r) => r.code);
  const data = regionData(db, region, [quarter], [ids.agri, ids.total]);
  return [...head, { name: `其他（${tail.length}家）`, agri: evaluateIndicator(data, ids.agri, quarter, tail, null), total: evaluateIndicator(data, ids.total, quarter, tail, null) }];
}

export const GROWTH_IDS = { agri: 'agri_loans_growth', total: 'loans_total_growth' } as const;
export const NPL_IDS = { agri: 'agri_npl_ratio', total: 'npl_ratio' } as const;
