/**
 * The assessment (考核评估) figures behind the score charts: the result recorded
 * for the year, or the year scored now without saving. A quarter's charts show
 * the last completed assessment year (2025Q3 → 2024; 2025Q4 → 2025).
 */
import type { DB } from '../db/database';
import type { Grade, ScoreResult } from '../../domain/assessment/types';
import type { OfficeSheet } from '../exports/office-table';
import { scoreSheets } from '../assessment/export';
import { GRADES } from '../../domain/assessment/types';
import { fail } from '../../domain/result';
import { parseQuarterOrFail } from '../indicators';
import { recordedResult, scoreRegionYear } from '../assessment';
import { hasReports, institutionShortNames, regionName } from './data';
import { PerDataState } from '../indicators/values';
import { todayIso } from '../assessment/reports';

export interface AssessmentFigures {
  year: number;
  /** The year's last quarter (its figures are assessed). */
  quarter: string;
  scores: { name: string; total: number; grade: Grade | null }[];
  groups: { group: string; counts: Record<Grade, number> }[];
}

export function assessmentYear(quarter: string): number {
  const q = parseQuarterOrFail(quarter);
  return q.q === 4 ? q.year : q.year - 1;
}

/** An assessment year can be shown once its fourth-quarter reports are in. */
export function assessmentAvailable(db: DB, region: string, quarter: string): boolean {
  return hasReports(db, region, `${assessmentYear(quarter)}Q4`);
}

/**
 * Per database state and day (scoring counts the reports due by today): the two score
 * charts of a region, their 数据来源 and the pack score a year once, not once per figure.
 */
const results = new PerDataState<ScoreResult>();

/** The recorded result of the year, else the year scored now (nothing saved). Callers only read it. */
export function assessmentResult(db: DB, region: string, quarter: string): ScoreResult {
  const year = assessmentYear(quarter);
  if (!assessmentAvailable(db, region, quarter)) fail('E_CHART_NOT_APPLICABLE', { region: regionName(db, region), reason: `${year}年第四季度尚无报送数据`, what: `显示${year}年度考核评估结果` });
  return results.get(db, `${region}|${year}|${todayIso()}`, () => recordedResult(db, region, year)?.result ?? scoreRegionYear(db, { region, year, save: false }));
}

/** The score workbook's sheets (汇总, 明细) for the pack. */
export function assessmentSheets(db: DB, region: string, quarter: string): OfficeSheet[] {
  const name = regionName(db, region);
  // Sheet names must be unique in a workbook holding both regions.
  return scoreSheets(assessmentResult(db, region, quarter), name).map((s) => ({ ...s, name: `${name}${s.name}` }));
}

export function assessmentFor(db: DB, region: string, quarter: string): AssessmentFigures {
  const result = assessmentResult(db, region, quarter);
  const year = result.year;
  const names = institutionShortNames(db);
  const groups = new Map<string, Record<Grade, number>>();
  for (const r of result.results) {
    const counts = groups.get(r.groupLabel) ?? (Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>);
    counts[r.grade] += 1;
    groups.set(r.groupLabel, counts);
  }
  return {
    year,
    quarter: `${year}Q4`,
    scores: result.results.map((r) => ({ name: names.get(r.institution) ?? r.institutionName, total: r.total, grade: r.grade })),
    groups: [...groups.entries()].map(([group, counts]) => ({ group, counts })),
  };
}
