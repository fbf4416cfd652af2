/**
 * Reporting deadlines (每季后5日内) as stored in periods.deadline: the first working day on
 * or after quarter end + 5 by the working calendar, or a date the analyst set by hand with
 * a reason. Everything that says 逾期 reads the stored deadline (through submissions.late,
 * which is recomputed here whenever a deadline changes), so the import, the status matrix,
 * the scoring rule and the target tracker cannot disagree.
 */
import type { DB } from '../db/database';
import type { DeadlineInfo } from '../../api/types';
import { calendarDeadline, type WorkCalendar } from '../../domain/calendar';
import { dayNumber, formatDate, parseIsoDate, parseQuarter, quarterEndDate, quarterId, quarterRange, type CalendarDate, type Quarter } from '../../domain/quarter';
import { fail, failure } from '../../domain/result';
import { statement } from '../db/statements';
import { audit } from '../db/audit';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';
import { loadWorkCalendar, shippedYear } from './calendar';

interface PeriodRow {
  quarter: string;
  year: number;
  q: number;
  end_date: string;
  deadline: string;
  deadline_source: 'calendar' | 'analyst';
  deadline_reason: string | null;
  deadline_set_by: string | null;
  deadline_set_at: string | null;
}

const PERIOD_COLUMNS = 'quarter, year, q, end_date, deadline, deadline_source, deadline_reason, deadline_set_by, deadline_set_at';

function quarterOf(r: PeriodRow): Quarter {
  return { year: r.year, q: r.q as Quarter['q'] };
}

function info(r: PeriodRow, cal: WorkCalendar): DeadlineInfo {
  const c = calendarDeadline(quarterOf(r), cal);
  const year = shippedYear(c.deadline.y);
  return {
    quarter: r.quarter,
    endDate: r.end_date,
    dueDate: formatDate(c.due),
    deadline: r.deadline,
    calendarDeadline: formatDate(c.deadline),
    moved: c.moved,
    source: r.deadline_source,
    reason: r.deadline_reason,
    setBy: r.deadline_set_by,
    setAt: r.deadline_set_at,
    calendarConfirmed: year?.confirmed === true,
    calendarNote: year?.confirmed === true ? null : (year?.remark ?? `本程序未附 ${c.deadline.y} 年的节假日安排，截止日只按周末顺延。`),
  };
}

/**
 * Marks every kept submission of these quarters late or not by the stored deadline
 * (a 补录 one is never late). Returns how many changed.
 */
export function refreshLateness(db: DB, quarters: readonly string[]): number {
  if (quarters.length === 0) return 0;
  return statement(
    db,
    `UPDATE submissions SET late = v.late
     FROM (SELECT s.id, CASE WHEN s.kind = 'backfill' THEN 0 WHEN s.received_date > p.deadline THEN 1 ELSE 0 END AS late
           FROM submissions s JOIN periods p ON p.quarter = s.quarter
           WHERE s.quarter IN (SELECT value FROM json_each(?))) AS v
     WHERE submissions.id = v.id AND submissions.late <> v.late`,
  ).run(JSON.stringify(quarters)).changes;
}

/** The calendar's deadline of a quarter, as seeding a new period stores it. */
export function calendarDeadlineOf(q: Quarter, cal: WorkCalendar): string {
  return formatDate(calendarDeadline(q, cal).deadline);
}

/**
 * Recomputes every deadline that follows the calendar (not those set by hand) and, where one
 * moved, the lateness of that quarter's reports. Run on every open (a program update may
 * correct the shipped calendar) and after each calendar edit; audited when anything changed.
 */
export function refreshDeadlines(db: DB, actor: string, why: string): { quarter: string; from: string; to: string }[] {
  const cal = loadWorkCalendar(db);
  const rows = statement(db, `SELECT ${PERIOD_COLUMNS} FROM periods WHERE deadline_source = 'calendar' ORDER BY quarter`).all() as PeriodRow[];
  const changes: { quarter: string; from: string; to: string }[] = [];
  const update = statement(db, 'UPDATE periods SET deadline = ? WHERE quarter = ?');
  for (const r of rows) {
    const to = calendarDeadlineOf(quarterOf(r), cal);
    if (to === r.deadline) continue;
    update.run(to, r.quarter);
    changes.push({ quarter: r.quarter, from: r.deadline, to });
  }
  if (changes.length > 0) {
    const relabelled = refreshLateness(
      db,
      changes.map((c) => c.quarter),
    );
    audit(db, actor, 'deadline.recompute', 'periods', null, { why, changes, submissionsRelabelled: relabelled });
  }
  return changes;
}

function periodRow(db: DB, quarter: string): PeriodRow {
  const q = parseQuarter(quarter);
  if (!q) fail('E_QUARTER_INVALID', { what: '报告期', quarter });
  const r = statement(db, `SELECT ${PERIOD_COLUMNS} FROM periods WHERE quarter = ?`).get(quarterId(q)) as PeriodRow | undefined;
  if (!r) fail('E_QUARTER_OUTSIDE', { quarter: quarterId(q) });
  return r;
}

/** The stored deadline of a quarter (what isLate is judged against), or null for a quarter the system does not hold. */
export function storedDeadline(db: DB, quarter: string): CalendarDate | null {
  const r = statement(db, 'SELECT deadline FROM periods WHERE quarter = ?').get(quarter) as { deadline: string } | undefined;
  return r ? parseIsoDate(r.deadline) : null;
}

export function deadlineInfo(db: DB, quarter: string): DeadlineInfo {
  return info(periodRow(db, quarter), loadWorkCalendar(db));
}

export function listDeadlines(db: DB, query: { year?: number; from?: string; to?: string }): DeadlineInfo[] {
  let quarters: string[];
  if (query.year !== undefined) {
    if (!Number.isInteger(query.year)) fail('E_YEAR', { what: '年份', year: String(query.year) });
    quarters = quarterRange({ year: query.year, q: 1 }, { year: query.year, q: 4 }).map(quarterId);
  } else {
    const from = parseQuarter(query.from ?? query.to ?? '');
    const to = parseQuarter(query.to ?? query.from ?? '');
    if (!from || !to) fail('E_PERIOD_MISSING', {});
    quarters = quarterRange(from, to).map(quarterId);
    if (quarters.length > 80) fail('E_QUARTER_SPAN', { max: 80 });
  }
  const cal = loadWorkCalendar(db);
  const rows = statement(db, `SELECT ${PERIOD_COLUMNS} FROM periods WHERE quarter IN (SELECT value FROM json_each(?)) ORDER BY quarter`).all(JSON.stringify(quarters)) as PeriodRow[];
  return rows.map((r) => info(r, cal));
}

/**
 * Sets a quarter's deadline by hand (the branch extended it, say), with the reason; date
 * null returns it to the calendar's. The quarter's reports are relabelled 逾期 or not at once.
 */
export function setDeadline(db: DB, req: { quarter: string; date: string | null; reason: string }, actor = localUser(db)): DeadlineInfo {
  return db.transaction((): DeadlineInfo => {
    const r = periodRow(db, req.quarter);
    const reason = (req.reason ?? '').trim();
    if (!reason) throw failure('E_REASON_MISSING', { what: `调整 ${r.quarter} 报送截止日`, basis: '原因', example: '人民银行通知延期至…' });
    const cal = loadWorkCalendar(db);
    let date: string;
    if (req.date === null) {
      if (r.deadline_source === 'calendar') throw failure('E_DEADLINE_NO_CHANGE', { quarter: r.quarter, deadline: r.deadline });
      date = calendarDeadlineOf(quarterOf(r), cal);
      statement(db, `UPDATE periods SET deadline = ?, deadline_source = 'calendar', deadline_reason = NULL, deadline_set_by = NULL, deadline_set_at = NULL WHERE quarter = ?`).run(date, r.quarter);
    } else {
      const d = parseIsoDate(req.date);
      if (!d) throw failure('E_DATE_INVALID', { what: '截止日', date: req.date, example: '2025-10-15' });
      const end = quarterEndDate(quarterOf(r));
      if (dayNumber(d) <= dayNumber(end)) throw failure('E_DEADLINE_INVALID', { deadline: formatDate(d), quarter: r.quarter, end: formatDate(end) });
      date = formatDate(d);
      statement(db, `UPDATE periods SET deadline = ?, deadline_source = 'analyst', deadline_reason = ?, deadline_set_by = ?, deadline_set_at = ? WHERE quarter = ?`).run(
        date,
        reason,
        actor,
        nowIso(),
        r.quarter,
      );
    }
    const relabelled = refreshLateness(db, [r.quarter]);
    audit(db, actor, req.date === null ? 'deadline.reset' : 'deadline.set', 'period', r.quarter, { from: r.deadline, to: date, reason, submissionsRelabelled: relabelled });
    return info(periodRow(db, r.quarter), cal);
  })();
}
