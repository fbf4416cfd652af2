/** Quarter choices offered in the window's pickers. */
import { addQuarters, fromIndex, parseQuarter, quarterId, quarterIndex, quarterLabel, type CalendarDate, type Quarter } from '../quarter';

export function quarterOfDate(d: CalendarDate): Quarter {
  return { year: d.y, q: (Math.floor((d.m - 1) / 3) + 1) as Quarter['q'] };
}

/** The quarter whose reports are due now: the one that ended last before `today`. */
export function reportingQuarter(today: CalendarDate): Quarter {
  return addQuarters(quarterOfDate(today), -1);
}

/** Quarters from `first` to `last`, newest first, as { id, label } for a select. */
export function quarterOptions(first: Quarter, last: Quarter): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  for (let i = quarterIndex(last); i >= quarterIndex(first); i--) {
    const q = fromIndex(i);
    out.push({ id: quarterId(q), label: quarterLabel(q) });
  }
  return out;
}

/** "2025Q3" → "2025年第三季度"; text that is not a quarter is returned unchanged. */
export function labelOfQuarter(id: string): string {
  const q = parseQuarter(id);
  return q ? quarterLabel(q) : id;
}

export function todayDate(now: Date = new Date()): CalendarDate {
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
}
