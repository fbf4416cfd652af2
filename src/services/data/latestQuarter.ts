/**
 * 「最新有数据的季度」: the one meaning every page's default and the targets tracker use —
 * the newest quarter in which an institution of the region has a current report
 * (from the submissions table; a rolled-back or superseded version does not count).
 * It does not depend on today, so older data is found however long ago it was
 * reported, and a test gives the same answer in any year.
 */
import type { DB } from '../db/database';
import { statement } from '../db/statements';

export function latestQuarterWithData(db: DB, region: string): string | null {
  const r = statement(
    db,
    `SELECT MAX(s.quarter) AS q FROM submissions s JOIN institutions i ON i.code = s.institution WHERE s.status = 'current' AND i.region = ?`,
  ).get(region) as { q: string | null };
  return r.q;
}
