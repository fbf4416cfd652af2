/**
 * The 金融兴产强县 progress table (进度表) for any year and quarter: per county
 * class, 首位产业 (with their sources), targets, actual from the current reports,
 * 完成率 as the measure defines it (a flow against 时序进度; a stock by its increase
 * from 年初, or only at the deadline), 进度差, rank and a behind flag, and one 合计
 * per measure over the counties that have a target on it. Recomputed on each call.
 */
import { currentReportCount } from '../data/reportsPresent';
import type { DB } from '../db/database';
import type { ProgressRow, ProgressTable, ProgressTotal } from '../../api/assessment-types';
import { elapsedShare, judgeProgress, rankDescending, sumAllAmounts, sumAmounts, TIME_PROGRESS_METHODS, windowTimeProgress, type TimeProgressMethod } from '../../domain/progress';
import { quarterId, type Quarter } from '../../domain/quarter';
import { fail } from '../../domain/result';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail, type RegionData } from '../indicators';
import { getCountyTargets } from './targets';
import { defaultMeasure, measure, type ProgressMeasure } from './measures';
import { progressSettings } from './settings';

export interface ProgressOptions {
  region?: string;
  year: number;
  /** 1–4 or 2025Q3; the quarter whose end the table stands at. */
  quarter: number | string;
  /** Overrides the region's setting (what-if, tests). */
  timeMethod?: TimeProgressMethod;
}

function atQuarter(year: number, quarter: number | string): Quarter {
  if (typeof quarter === 'string' && /Q/i.test(quarter)) {
    const q = parseQuarterOrFail(quarter);
    if (q.year !== year) fail('E_QUARTER_YEAR', { what: '报告期', quarter, year });
    return q;
  }
  const n = Number(quarter);
  if (![1, 2, 3, 4].includes(n)) fail('E_QUARTER_NUMBER', { year, quarter });
  return { year, q: n as Quarter['q'] };
}

/** The measure's indicator summed over every institution of the region for one county. */
function countyValue(data: RegionData, indicator: string, q: Quarter, county: string): number | null {
  return evaluateIndicator(data, indicator, quarterId(q), data.institutions.map((i) => i.code), county);
}

/** Over a three-year action: a balance is read at the quarter; yearly amounts are added up year by year. */
function windowActual(data: RegionData, m: ProgressMeasure, q: Quarter, county: string, from: number): number | null {
  if (m.kind === 'stock') return countyValue(data, m.indicator, q, county);
  const parts: (number | null)[] = [];
  for (let y = from; y <= q.year; y++) parts.push(countyValue(data, m.indicator, y === q.year ? q : { year: y, q: 4 }, county));
  return sumAllAmounts(parts);
}

export function progressTable(db: DB, opts: ProgressOptions): ProgressTable {
  const region = opts.region ?? 'ankang';
  const r = db.prepare('SELECT name, unit_kind FROM regions WHERE code = ?').get(region) as { name: string; unit_kind: string } | undefined;
  if (!r) fail('E_REGION_UNKNOWN', { region });
  if (r.unit_kind !== 'county') fail('E_NOT_COUNTIES', { region: r.name });
  const q = atQuarter(opts.year, opts.quarter);
  const method = opts.timeMethod ?? progressSettings(db, region).timeMethod;
  const targets = new Map(getCountyTargets(db, region, opts.year).map((t) => [t.county, t]));
  const earliest = Math.min(opts.year, ...[...targets.values()].map((t) => t.threeYearFrom ?? opts.year));
  const measures = [defaultMeasure(), ...[...targets.values()].map((t) => measure(t.indicator))];
  // Only the indicators the table measures; a year earlier for the 年初 (and window-start) balances.
  const data = loadRegionData(db, region, { year: earliest - 1, q: 4 }, q, { indicators: [...new Set(measures.map((m) => m.indicator))] });
  const units = db
    .prepare(
      `SELECT code, name, class, class_source AS classSource, leading_industry AS leadingIndustry, industry_source AS industrySource, county_action AS inAction
       FROM region_units WHERE region = ? ORDER BY sort, code`,
    )
    .all(region) as { code: string; name: string; class: string | null; classSource: string | null; leadingIndustry: string | null; industrySource: string | null; inAction: number }[];
  const tp = elapsedShare(q, method);
  const excluded = units.filter((u) => u.inAction === 0).map((u) => ({ county: u.name, reason: u.classSource ?? '不在「金融兴产强县」行动范围内' }));
  const rows: ProgressRow[] = units
    .filter((u) => u.inAction === 1)
    .map((u) => {
      const t = targets.get(u.code);
      const m = t ? measure(t.indicator) : defaultMeasure();
      const actual = countyValue(data, m.indicator, q, u.code);
      const base = m.kind === 'stock' ? countyValue(data, m.indicator, { year: q.year - 1, q: 4 }, u.code) : null;
      const judged = judgeProgress(m.judge, { actual, base, target: t?.annualTarget ?? null, elapsed: tp, atDeadline: q.q === 4 });
      let threeYear: ProgressRow['threeYear'] = null;
      if (t && t.threeYearFrom !== null && t.threeYearTo !== null) {
        const a3 = windowActual(data, m, q, u.code, t.threeYearFrom);
        const b3 = m.kind === 'stock' ? countyValue(data, m.indicator, { year: t.threeYearFrom - 1, q: 4 }, u.code) : null;
        const tp3 = windowTimeProgress(q, t.threeYearFrom, t.threeYearTo, method);
        const j3 = judgeProgress(m.judge, { actual: a3, base: b3, target: t.threeYearTarget, elapsed: tp3, atDeadline: q.year === t.threeYearTo && q.q === 4 });
        threeYear = { from: t.threeYearFrom, to: t.threeYearTo, target: t.threeYearTarget, actual: a3, base: b3, completion: j3.completion, timeProgress: tp3, gap: j3.gap, behind: j3.behind };
      }
      return {
        countyCode: u.code,
        definition: m.definition,
        county: u.name,
        class: u.class,
        classSource: u.classSource,
        leadingIndustry: u.leadingIndustry,
        industrySource: u.industrySource,
        indicator: m.id,
        indicatorLabel: m.label,
        reads: m.indicator,
        kind: m.kind,
        judge: m.judge,
        target: t?.annualTarget ?? null,
        actual,
        base,
        completion: judged.completion,
        timeProgress: tp,
        gap: judged.gap,
        rank: null,
        behind: judged.behind,
        note: judged.note,
        threeYear,
      };
    });
  // Ranks compare like with like: within the counties judged on the same measure.
  const used = [...new Set(rows.filter((x) => x.target !== null).map((x) => x.indicator))];
  for (const id of used) {
    const group = rows.filter((x) => x.indicator === id && x.target !== null);
    rankDescending(group.map((x) => x.completion)).forEach((rank, i) => {
      const row = group[i];
      if (row) row.rank = rank;
    });
  }
  const totals: ProgressTotal[] = used.map((id) => {
    const m = measure(id);
    // The 合计 adds only the rows it totals: counties with a target on this measure.
    const group = rows.filter((x) => x.indicator === id && x.target !== null);
    const target = sumAmounts(group.map((x) => x.target));
    const actual = sumAllAmounts(group.map((x) => x.actual));
    const base = m.kind === 'stock' ? sumAllAmounts(group.map((x) => x.base)) : null;
    const j = judgeProgress(m.judge, { actual, base, target, elapsed: tp, atDeadline: q.q === 4 });
    return {
      indicator: id,
      indicatorLabel: m.label,
      definition: m.definition,
      kind: m.kind,
      judge: m.judge,
      counties: group.map((x) => x.county),
      target,
      actual,
      base,
      completion: j.completion,
      timeProgress: tp,
      gap: j.gap,
      behind: j.behind,
      behindCount: group.filter((x) => x.behind === true).length,
    };
  });
  const definitions = [
    ...[...new Set([defaultMeasure().id, ...used])].map((id) => {
      const m = measure(id);
      return `${m.label}（${m.kind === 'stock' ? '余额，存量' : '发生额，流量'}）：${m.definition}`;
    }),
    `时序进度${TIME_PROGRESS_METHODS[method]}；进度差 = 完成率 − 时序进度，为负者为落后。`,
    '合计只加总设有年度目标、且考核口径相同的县；不同口径分别合计。',
    ...excluded.map((e) => `${e.county}不列入本表：${e.reason}。`),
  ];
  return {
    region,
    regionName: r.name,
    year: opts.year,
    quarter: quarterId(q),
    timeProgress: tp,
    timeMethod: method,
    definitions,
    rows,
    totals,
    behindCount: rows.filter((x) => x.behind === true).length,
    counties: rows.length,
    excluded,
    reports: currentReportCount(db, region, quarterId(q), quarterId(q)),
  };
}
