/**
 * The working calendar: weekdays are worked and weekends are not, except where the year's
 * 国务院办公厅 notice (or the analyst) says otherwise — public holidays (放假, including the
 * weekdays a 调休 turns into days off) and 调休 working weekends (上班). Pure data in, answers
 * out; where the days come from is the services' business (resources/calendar, analyst edits).
 */
import { addDays, dayNumber, dueDate, formatDate, parseIsoDate, reportDeadline, weekdayName, isWeekend, REPORT_GRACE_DAYS, type CalendarDate, type Quarter } from './quarter';

export type DayKind = 'holiday' | 'workday';

/** One day the calendar treats unlike an ordinary weekday or weekend. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  /** 国庆节、中秋节 / 国庆节调休上班 / the analyst's words. */
  name: string;
}

export interface WorkCalendar {
  isWorkday(d: CalendarDate): boolean;
  /** What the day is, when it is not an ordinary working day: the holiday's name, 星期六, …; null for a working day. */
  dayOff(d: CalendarDate): string | null;
}

/** A calendar from its exceptional days; a later entry for the same date wins (the analyst's over the notice's). */
export function workCalendar(days: Iterable<CalendarDay>): WorkCalendar {
  const byDate = new Map<string, CalendarDay>();
  for (const d of days) byDate.set(d.date, d);
  const isWorkday = (d: CalendarDate): boolean => {
    const x = byDate.get(formatDate(d));
    if (x) return x.kind === 'workday';
    return !isWeekend(d);
  };
  return {
    isWorkday,
    dayOff: (d) => {
      if (isWorkday(d)) return null;
      const x = byDate.get(formatDate(d));
      return x ? x.name : weekdayName(d);
    },
  };
}

/** Weekends off, nothing else: the calendar for years whose notice is not known. */
export const WEEKENDS_ONLY: WorkCalendar = workCalendar([]);

/** Every day from..to inclusive ("2025-10-01".."2025-10-08"), for a holiday range of a notice. */
export function daysBetween(from: string, to: string): string[] {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return [];
  const out: string[] = [];
  for (let n = dayNumber(a); n <= dayNumber(b) && out.length < 366; n++) out.push(formatDate(addDays(a, n - dayNumber(a))));
  return out;
}

export interface CalendarDeadline {
  /** Quarter end + 5 calendar days. */
  due: CalendarDate;
  /** The first working day on or after it. */
  deadline: CalendarDate;
  /** Why the deadline is later than the due date, in words; null when it is not. */
  moved: string | null;
}

export function calendarDeadline(q: Quarter, cal: WorkCalendar, graceDays = REPORT_GRACE_DAYS): CalendarDeadline {
  const due = dueDate(q, graceDays);
  const deadline = reportDeadline(q, (d) => cal.isWorkday(d), graceDays);
  if (dayNumber(deadline) === dayNumber(due)) return { due, deadline, moved: null };
  const off = cal.dayOff(due);
  const why = !off || off === weekdayName(due) ? `${formatDate(due)} 是${weekdayName(due)}` : `${formatDate(due)}（${weekdayName(due)}）在${off}假期内`;
  return { due, deadline, moved: `${why}，顺延至 ${formatDate(deadline)}（${weekdayName(deadline)}）` };
}
