/**
 * The 金融兴产强县 progress table (进度表) for any year and quarter: per county
 * class, 首位产业, targets, actual from the current reports, 完成率, 时序进度,
 * 进度差, rank and a behind flag, with region totals. Recomputed on each call.
 */
import type { DB } from '../db/database';
import type { ProgressRow, ProgressTable } from '../../api/assessment-types';
import { completion, rankDescending, sumAmounts, timeProgress, windowTimeProgress } from '../../domain/progress';
import { quarterId, type Quarter } from '../../domain/quarter';
import { fail } from '../../domain/result';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail, type RegionData } from '../indicators';
import { getCountyTargets } from './targets';
import { defaultMeasure, measure } from './measures';

export interface ProgressOptions {
  region?: string;
  year: number;
  /** 1–4 or 2025Q3; the quarter whose end the table stands at. */
  quarter: number | string;
}

function atQuarter(year: number, quarter: number | string): Quarter {
  if (typeof quarter === 'string' && /Q/i.test(quarter)) {
    const q = parseQuarterOrFail(quarter);
    if (q.year !== year) fail('E_QUARTER', `报告期 ${quarter} 不在 ${year} 年内。`);
    return q;
  }
  const n = Number(quarter);
  if (![1, 2, 3, 4].includes(n)) fail('E_QUARTER', `季度应为 1–4 或如 ${year}Q3，收到「${quarter}」。`);
  return { year, q: n as Quarter['q'] };
}

/** The target's indicator summed over every institution of the region for one county. */
function countyValue(data: RegionData, indicator: string, q: Quarter, county: string): number | null {
  return evaluateIndicator(data, indicator, quarterId(q), data.institutions.map((i) => i.code), county);
}

/** Over a three-year action: a balance is read at the quarter; yearly amounts are added up year by year. */
function windowActual(data: RegionData, indicator: string, q: Quarter, county: string, from: number): number | null {
  if (measure(indicator).accumulate === 'stock') return countyValue(data, indicator, q, county);
  let sum = 0;
  for (let y = from; y <= q.year; y++) {
    const v = countyValue(data, indicator, y === q.year ? q : { year: y, q: 4 }, county);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

export function progressTable(db: DB, opts: ProgressOptions): ProgressTable {
  const region = opts.region ?? 'ankang';
  const r = db.prepare('SELECT name, unit_kind FROM regions WHERE code = ?').get(region) as { name: string; unit_kind: string } | undefined;
  if (!r) fail('E_REGION_UNKNOWN', `地区「${region}」不存在。`);
  if (r.unit_kind !== 'county') fail('E_NOT_COUNTIES', `「金融兴产强县」进度表按县（市、区）编制，${r.name}下设镇街，不适用。`);
  const q = atQuarter(opts.year, opts.quarter);
  const targets = new Map(getCountyTargets(db, region, opts.year).map((t) => [t.county, t]));
  const earliest = Math.min(opts.year, ...[...targets.values()].map((t) => t.threeYearFrom ?? opts.year));
  // Only the indicators the table measures (the default and any a county target names).
  const measured = [...new Set([defaultMeasure().indicator, ...[...targets.values()].map((t) => measure(t.indicator).indicator)])];
  const data = loadRegionData(db, region, { year: earliest, q: 1 }, q, { indicators: measured });
  const units = db.prepare('SELECT code, name, class, leading_industry AS leadingIndustry FROM region_units WHERE region = ? ORDER BY sort, code').all(region) as {
    code: string;
    name: string;
    class: string | null;
    leadingIndustry: string | null;
  }[];
  const tp = timeProgress(q);
  const rows: ProgressRow[] = units.map((u) => {
    const t = targets.get(u.code);
    const m = t ? measure(t.indicator) : defaultMeasure();
    const actual = countyValue(data, m.indicator, q, u.code);
    const done = completion(actual, t?.annualTarget ?? null);
    const gap = done === null ? null : done - tp;
    let threeYear: ProgressRow['threeYear'] = null;
    if (t && t.threeYearFrom !== null && t.threeYearTo !== null) {
      const a3 = windowActual(data, m.indicator, q, u.code, t.threeYearFrom);
      const c3 = completion(a3, t.threeYearTarget);
      const tp3 = windowTimeProgress(q, t.threeYearFrom, t.threeYearTo);
      threeYear = { from: t.threeYearFrom, to: t.threeYearTo, target: t.threeYearTarget, actual: a3, completion: c3, timeProgress: tp3, gap: c3 === null ? null : c3 - tp3 };
    }
    return {
      countyCode: u.code,
      county: u.name,
      class: u.class,
      leadingIndustry: u.leadingIndustry,
      indicator: m.indicator,
      indicatorLabel: m.label,
      target: t?.annualTarget ?? null,
      actual,
      completion: done,
      timeProgress: tp,
      gap,
      rank: null,
      behind: gap === null ? null : gap < 0,
      threeYear,
    };
  });
  rankDescending(rows.map((x) => x.completion)).forEach((rank, i) => {
    const row = rows[i];
    if (row) row.rank = rank;
  });
  const withTarget = rows.filter((x) => x.target !== null);
  const targetSum = sumAmounts(withTarget.map((x) => x.target));
  const actualSum = sumAmounts(rows.map((x) => x.actual));
  // The region's 完成率 compares like with like: the actual of the counties that have a target.
  const totalCompletion = completion(sumAmounts(withTarget.map((x) => x.actual)), targetSum);
  const totalGap = totalCompletion === null ? null : totalCompletion - tp;
  return {
    region,
    regionName: r.name,
    year: opts.year,
    quarter: quarterId(q),
    timeProgress: tp,
    rows,
    total: {
      target: targetSum,
      actual: actualSum,
      completion: totalCompletion,
      timeProgress: tp,
      gap: totalGap,
      behind: totalGap === null ? null : totalGap < 0,
      behindCount: rows.filter((x) => x.behind === true).length,
      counties: rows.length,
    },
  };
}
