/** Handlers for the working calendar and the reporting deadlines. */
import type { CalendarApi } from '../../api/contract';
import type { CalendarYearInfo } from '../../api/types';
import type { DB } from '../db/database';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { fail } from '../../domain/result';
import { calendarYearDays, setCalendarDay } from '../calendar/calendar';
import { listDeadlines, refreshDeadlines, setDeadline } from '../calendar/deadlines';
import { FIRST_QUARTER, LAST_QUARTER } from '../db/seed';
import { localUser } from '../settings/localUser';

function yearOrFail(year: unknown): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_QUARTER.year || year > LAST_QUARTER.year + 1) {
    fail('E_YEAR_RANGE', { year: String(year), first: FIRST_QUARTER.year, last: LAST_QUARTER.year + 1 });
  }
  return year;
}

/** A year's calendar with the deadlines that fall in it (the previous Q4's and this year's Q1–Q3). */
function yearInfo(db: DB, year: number): CalendarYearInfo {
  const from = year - 1 >= FIRST_QUARTER.year ? `${year - 1}Q4` : `${year}Q1`;
  const to = year <= LAST_QUARTER.year ? `${year}Q3` : `${LAST_QUARTER.year}Q4`;
  return { ...calendarYearDays(db, year), deadlines: listDeadlines(db, { from, to }) };
}

export function calendarHandlers(ctx: ServiceContext): ImplTable<keyof CalendarApi> {
  return {
    'calendar.year': (args) => yearInfo(ctx.db, yearOrFail(args.year)),
    'calendar.setDay': (args) => {
      const actor = localUser(ctx.db);
      ctx.db.transaction(() => {
        setCalendarDay(ctx.db, args, actor);
        refreshDeadlines(ctx.db, actor, `修改节假日安排：${args.date}`);
      })();
      return yearInfo(ctx.db, Number(args.date.slice(0, 4)));
    },
    'deadlines.list': (args) => listDeadlines(ctx.db, args),
    'deadlines.set': (args) => setDeadline(ctx.db, args),
  };
}
