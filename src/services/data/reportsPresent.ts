/**
 * Whether a region has any report for a year or a quarter. A period without a single
 * current report has nothing to rank, grade or export: every bank would show 0.00 / 勉励
 * or 无数据, which looks like a result. Pages say so in words; exports refuse with the
 * same words (E_NO_REPORTS_YEAR / E_NO_REPORTS_QUARTER).
 */
import type { DB } from '../db/database';
import { statement } from '../db/statements';
import { failure } from '../../domain/result';
import { labelOfQuarter } from '../../domain/present/periods';

/** Current reports (real or 补录) of the region's institutions in the quarters between from and to. */
export function currentReportCount(db: DB, region: string, from: string, to: string): number {
  const r = statement(
    db,
    `SELECT COUNT(*) AS n FROM submissions s JOIN institutions i ON i.code = s.institution
     WHERE s.status = 'current' AND i.region = ? AND s.quarter BETWEEN ? AND ?`,
  ).get(region, from, to) as { n: number };
  return r.n;
}

function regionName(db: DB, region: string): string {
  return (statement(db, 'SELECT name FROM regions WHERE code = ?').get(region) as { name: string } | undefined)?.name ?? region;
}

/** Refuses (in words) to rank, grade or export a year in which the region has no report. */
export function requireReportsInYear(db: DB, region: string, year: number, what: string): void {
  if (currentReportCount(db, region, `${year}Q1`, `${year}Q4`) === 0) throw failure('E_NO_REPORTS_YEAR', { region: regionName(db, region), year, what });
}

/** Refuses (in words) to rank or export a quarter in which the region has no report. */
export function requireReportsInQuarter(db: DB, region: string, quarter: string, what: string): void {
  if (currentReportCount(db, region, quarter, quarter) === 0) throw failure('E_NO_REPORTS_QUARTER', { region: regionName(db, region), quarter: labelOfQuarter(quarter), what });
}
