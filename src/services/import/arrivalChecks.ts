/**
 * Checks of a report's arrival that the analyst must confirm (IssueRef.ack 'confirm'):
 *
 * - received more than 30 days after its deadline: most often not a late bank but a wrong
 *   date — last year's folder imported with today's 收到日期 would mark every report 逾期 —
 *   so the preview asks, and points to per-file dates and 补录;
 * - a resubmission (重报) for a quarter long closed. "Closed" means: received after the
 *   next quarter's deadline (by then the quarter's figures have gone into that quarter's
 *   通报 and are the base of the next quarter's 比上季 and 跨期 checks), or after the year's
 *   assessment was saved once the year was over (the 考核 scores already stand on it).
 */
import type { DB } from '../db/database';
import type { IssueRef } from '../../api/types';
import type { Institution } from '../../domain/catalogue/types';
import { addQuarters, dayNumber, formatDate, quarterId, quarterLabel, type CalendarDate, type Quarter } from '../../domain/quarter';
import { errorMessage } from '../../domain/errors';
import { formatLocalDateTime } from '../../domain/present/time';
import { statement } from '../db/statements';
import { storedDeadline } from '../calendar/deadlines';

/** Days past the deadline beyond which an arrival date is asked about. */
export const VERY_LATE_DAYS = 30;

export function veryLateWarning(quarter: Quarter, received: CalendarDate, deadline: CalendarDate): IssueRef | null {
  const days = dayNumber(received) - dayNumber(deadline);
  if (days <= VERY_LATE_DAYS) return null;
  return {
    sheet: null,
    cell: null,
    code: 'W_RECEIVED_VERY_LATE',
    ack: 'confirm',
    message: errorMessage('W_RECEIVED_VERY_LATE', { received: formatDate(received), quarter: quarterId(quarter), deadline: formatDate(deadline), days }),
  };
}

export interface ClosedContext {
  institution: Institution;
  quarter: Quarter;
  received: CalendarDate;
  /** The version this file would replace. */
  replaces: number;
  backfill: boolean;
}

/** A 重报 for a quarter long closed (see the header for what closed means), or null. */
export function closedQuarterWarning(db: DB, x: ClosedContext): IssueRef | null {
  const reasons: string[] = [];
  const next = addQuarters(x.quarter, 1);
  const nextDeadline = storedDeadline(db, quarterId(next));
  // A 补录 is history loaded later on purpose: its date says when it was entered, not when it arrived.
  if (!x.backfill && nextDeadline && dayNumber(x.received) > dayNumber(nextDeadline)) {
    reasons.push(`收到于 ${formatDate(x.received)}，已过下一季度（${quarterId(next)}）的报送截止日 ${formatDate(nextDeadline)}：该季度数据可能已用于通报和跨期比较`);
  }
  const yearEnd = storedDeadline(db, `${x.quarter.year}Q4`);
  const scored = statement(db, 'SELECT computed_at FROM assessment_results WHERE region = ? AND year = ?').get(x.institution.region, x.quarter.year) as { computed_at: string } | undefined;
  if (scored && yearEnd && scored.computed_at.slice(0, 10) > formatDate(yearEnd)) {
    reasons.push(`${x.quarter.year}年度考核评估结果已于 ${formatLocalDateTime(scored.computed_at)} 保存，重报将改变该年度的考核得分`);
  }
  if (reasons.length === 0) return null;
  return {
    sheet: null,
    cell: null,
    code: 'W_CLOSED_QUARTER',
    ack: 'confirm',
    message: errorMessage('W_CLOSED_QUARTER', { institution: x.institution.name, quarter: quarterLabel(x.quarter), replaces: x.replaces, reasons: reasons.join('；') }),
  };
}
