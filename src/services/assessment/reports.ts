/**
 * 报送及时性: per institution and year, how many quarterly reports were due (their stored
 * deadline has passed), how many arrived late (the first accepted file after the quarter's
 * stored deadline: quarter end + 5 days moved past weekends and holidays, or as the analyst
 * set it) and how many never arrived. A resubmission does not make an on-time report late;
 * a quarter first loaded as 补录 (history imported later) is neither late nor missing. Values
 * from an analyst's summary sheet (origin history) never stand for a report: the first real
 * report of the quarter is the one judged, whenever it came.
 */
import type { DB } from '../db/database';
import { today as clockToday } from '../../domain/clock';
import { formatDate } from '../../domain/quarter';

export interface ReportCount {
  due: number;
  late: number;
  missing: number;
  /** Due quarters whose first report is 补录: not judged for timeliness. */
  backfilled: number;
}

/** Today's calendar date on this machine, as the deadline comparison needs it. */
export function todayIso(): string {
  return formatDate(clockToday());
}

export function reportCounts(db: DB, institutions: readonly string[], year: number, asOf: string = todayIso()): Map<string, ReportCount> {
  const due = db.prepare('SELECT quarter FROM periods WHERE year = ? AND deadline < ? ORDER BY quarter').all(year, asOf) as { quarter: string }[];
  const first = db
    .prepare(
      `SELECT s.institution AS institution, s.quarter AS quarter, s.late AS late, s.kind AS kind
       FROM submissions s
       WHERE s.status <> 'rolled_back' AND s.quarter IN (SELECT quarter FROM periods WHERE year = ?)
         AND s.id = (SELECT t.id FROM submissions t WHERE t.institution = s.institution AND t.quarter = s.quarter AND t.status <> 'rolled_back'
                     ORDER BY t.origin = 'history', t.id LIMIT 1)`,
    )
    .all(year) as { institution: string; quarter: string; late: number; kind: string }[];
  const firstBy = new Map(first.map((r) => [`${r.institution}|${r.quarter}`, r.kind === 'backfill' ? ('backfill' as const) : r.late === 1]));
  const out = new Map<string, ReportCount>();
  for (const inst of institutions) {
    let late = 0;
    let missing = 0;
    let backfilled = 0;
    for (const { quarter } of due) {
      const f = firstBy.get(`${inst}|${quarter}`);
      if (f === undefined) missing++;
      else if (f === 'backfill') backfilled++;
      else if (f) late++;
    }
    out.set(inst, { due: due.length, late, missing, backfilled });
  }
  return out;
}
