/**
 * Scores a region-year from the current reports, recorded with the scheme
 * version used, so the same year is scored the same way after the scheme is
 * edited; what-if weights are scored side by side and never saved.
 */
import type { DB } from '../db/database';
import type { WhatIfChange, WhatIfResult } from '../../api/assessment-types';
import type { IndicatorInput, Rule, Scheme, ScoreResult, ScoringInput, ScoringInstitution } from '../../domain/assessment/types';
import { inputKey } from '../../domain/assessment/types';
import { scoreYear } from '../../domain/assessment/score';
import { fail } from '../../domain/result';
import { audit } from '../db/audit';
import { evaluateIndicator, loadIndicatorCatalogue, loadRegionData, regionInstitutions } from '../indicators';
import { quarterId } from '../../domain/quarter';
import { listQualitative } from './qualitative';
import { reportCounts } from './reports';
import { schemeForYear } from './pin';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';
import { currentReportCount } from '../data/reportsPresent';

export interface ScoreOptions {
  region: string;
  year: number;
  /** `id` or `id@version`; default: the version recorded for the year, else the newest default. */
  scheme?: string;
  /** Record the scheme version (and the result) for the year. Default true. */
  save?: boolean;
  /** Reports due by this date count (YYYY-MM-DD); default today. */
  asOf?: string;
}

function ruleInputs(rule: Rule): IndicatorInput[] {
  if (!('indicator' in rule)) return [];
  const own: IndicatorInput = rule.member ? { indicator: rule.indicator, member: rule.member } : { indicator: rule.indicator };
  return rule.type === 'compare' || rule.type === 'tolerance' ? [own, { indicator: rule.against }] : [own];
}

export function schemeInputs(scheme: Scheme): IndicatorInput[] {
  const seen = new Map<string, IndicatorInput>();
  for (const it of [...scheme.items, ...scheme.bonus.items, ...scheme.penalty.items]) for (const i of ruleInputs(it.rule)) seen.set(inputKey(i), i);
  return [...seen.values()];
}

/** The institutions a region-year scores: the active ones and any that reported that year; never a fictional bank (示例机构). */
export function scoredInstitutions(db: DB, region: string, year: number): ReturnType<typeof regionInstitutions> {
  const reportedThisYear = new Set(
    (db.prepare(`SELECT DISTINCT institution FROM submissions WHERE status <> 'rolled_back' AND quarter LIKE ?`).all(`${year}Q%`) as { institution: string }[]).map((r) => r.institution),
  );
  return regionInstitutions(db, region).filter((i) => !i.example && (i.active || reportedThisYear.has(i.code)));
}

export function buildScoringInput(db: DB, region: string, year: number, scheme: Scheme, schemeVersion: number, asOf?: string): ScoringInput {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail('E_YEAR', { what: '年度', year });
  const regionRow = db.prepare('SELECT name FROM regions WHERE code = ?').get(region) as { name: string } | undefined;
  if (!regionRow) fail('E_REGION_UNKNOWN', { region });
  if (scheme.region !== region) fail('E_SCHEME_REGION', { scheme: scheme.name, schemeRegion: scheme.region, region: regionRow.name });
  const q = { year, q: scheme.dataQuarter };
  const quarter = quarterId(q);
  const data = loadRegionData(db, region, q, q);
  const insts = scoredInstitutions(db, region, year);
  const codes = insts.map((i) => i.code);
  const inputs = schemeInputs(scheme);
  const counts = reportCounts(db, codes, year, asOf);
  const qual = listQualitative(db, region, year);
  const catalogue = loadIndicatorCatalogue();
  const meta: ScoringInput['indicators'] = {};
  for (const i of inputs) {
    const d = catalogue.indicators.find((x) => x.id === i.indicator);
    if (!d) fail('E_SCHEME_INDICATOR', { scheme: scheme.name, id: i.indicator });
    meta[i.indicator] = { label: d.label, kind: d.kind, unit: d.unit };
  }
  const institutions: ScoringInstitution[] = insts.map((inst) => {
    const values: Record<string, number | null> = {};
    for (const i of inputs) values[inputKey(i)] = evaluateIndicator(data, i.indicator, quarter, [inst.code], i.member ?? null);
    const qualitative: ScoringInstitution['qualitative'] = {};
    for (const e of qual) if (e.institution === inst.code) qualitative[e.item] = { score: e.score, reason: e.reason };
    return { code: inst.code, name: inst.name, type: inst.type, size: inst.size, values, reports: counts.get(inst.code) ?? { due: 0, late: 0, missing: 0 }, qualitative };
  });
  const regionValues: Record<string, number | null> = {};
  for (const i of inputs) regionValues[inputKey(i)] = evaluateIndicator(data, i.indicator, quarter, codes, i.member ?? null);
  const reports = currentReportCount(db, region, `${year}Q1`, `${year}Q4`);
  const examples = regionInstitutions(db, region)
    .filter((i) => i.example)
    .map((i) => ({ institution: i.code, institutionName: i.name }));
  return { region, regionName: regionRow.name, year, scheme, schemeVersion, institutions, regionValues, indicators: meta, reports, examples };
}

export function scoreRegionYear(db: DB, opts: ScoreOptions): ScoreResult {
  const stored = schemeForYear(db, opts.region, opts.year, opts.scheme ?? null);
  const result = scoreYear(buildScoringInput(db, opts.region, opts.year, stored.scheme, stored.version, opts.asOf));
  if (opts.save !== false) recordResult(db, result);
  return result;
}

function recordResult(db: DB, r: ScoreResult): void {
  db.transaction(() => {
    const before = db.prepare('SELECT scheme_id AS id, scheme_version AS version FROM assessment_results WHERE region = ? AND year = ?').get(r.region, r.year) as
      | { id: string; version: number }
      | undefined;
    db.prepare(
      `INSERT INTO assessment_results (region, year, scheme_id, scheme_version, computed_at, result_json) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (region, year) DO UPDATE SET scheme_id = excluded.scheme_id, scheme_version = excluded.scheme_version, computed_at = excluded.computed_at, result_json = excluded.result_json`,
    ).run(r.region, r.year, r.schemeId, r.schemeVersion, nowIso(), JSON.stringify(r));
    if (!before || before.id !== r.schemeId || before.version !== r.schemeVersion) {
      audit(db, localUser(db), 'assessment.pin', 'assessment_year', `${r.region}/${r.year}`, { before: before ?? null, after: { id: r.schemeId, version: r.schemeVersion } });
    }
  })();
}

/** Scores the year with some items' points changed, beside the real result; nothing is saved. */
export function whatIfWeights(db: DB, opts: Omit<ScoreOptions, 'save'> & { weights: Record<string, number> }): WhatIfResult {
  const stored = schemeForYear(db, opts.region, opts.year, opts.scheme ?? null);
  const input = buildScoringInput(db, opts.region, opts.year, stored.scheme, stored.version, opts.asOf);
  const base = scoreYear(input);
  const all = [...stored.scheme.items, ...stored.scheme.bonus.items, ...stored.scheme.penalty.items];
  for (const [id, w] of Object.entries(opts.weights)) {
    if (!all.some((i) => i.id === id)) fail('E_ITEM_UNKNOWN', { scheme: stored.scheme.name, kind: '评分项', id, known: all.map((i) => i.id).join('、') });
    if (!Number.isFinite(w) || w < 0) fail('E_WEIGHT', { id, weight: w });
  }
  const reweigh = <T extends { id: string; max: number }>(xs: T[]): T[] => xs.map((i) => (opts.weights[i.id] === undefined ? i : { ...i, max: opts.weights[i.id] ?? i.max }));
  const changed: Scheme = {
    ...stored.scheme,
    items: reweigh(stored.scheme.items),
    bonus: { ...stored.scheme.bonus, items: reweigh(stored.scheme.bonus.items) },
    penalty: { ...stored.scheme.penalty, items: reweigh(stored.scheme.penalty.items) },
  };
  const whatIf = scoreYear({ ...input, scheme: changed });
  const changes = base.results.map((b): WhatIfChange => {
    const w = whatIf.results.find((x) => x.institution === b.institution);
    return {
      institution: b.institution,
      institutionName: b.institutionName,
      group: b.groupLabel,
      baseTotal: b.total,
      newTotal: w?.total ?? b.total,
      baseRank: b.rank,
      newRank: w?.rank ?? b.rank,
      baseGrade: b.grade,
      newGrade: w?.grade ?? b.grade,
    };
  });
  return { base, whatIf, weights: opts.weights, changes };
}

/** The result last recorded for a region-year (as computed then), if any. */
export function recordedResult(db: DB, region: string, year: number): { computedAt: string; result: ScoreResult } | null {
  const r = db.prepare('SELECT computed_at, result_json FROM assessment_results WHERE region = ? AND year = ?').get(region, year) as
    | { computed_at: string; result_json: string }
    | undefined;
  if (!r) return null;
  const result = JSON.parse(r.result_json) as Partial<ScoreResult>;
  // A result recorded before results carried their 暂定 counts and report count cannot say whether
  // its grades were provisional: the caller scores the year again (with the version recorded for it).
  return result.qualitative && result.reports !== undefined && result.examples ? { computedAt: r.computed_at, result: result as ScoreResult } : null;
}
