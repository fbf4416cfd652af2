/** The day a file arrived: what the analyst says, else today on this computer's calendar. */
import { fail } from '../../domain/result';
import { dayNumber, formatDate, parseIsoDate, type CalendarDate } from '../../domain/quarter';
import { today as clockToday } from '../../domain/clock';

/** Today on this computer's calendar (the program's one clock). */
export function localToday(): CalendarDate {
  return clockToday();
}

export function parseReceivedDate(text: string, what = '收到日期'): CalendarDate {
  const d = parseIsoDate(text);
  if (!d) fail('E_RECEIVED_DATE', { what, date: text });
  const today = localToday();
  if (dayNumber(d) > dayNumber(today)) fail('E_RECEIVED_FUTURE', { what, date: formatDate(d), today: formatDate(today) });
  return d;
}
