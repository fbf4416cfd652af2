/**
 * Quarters as users write them: 2025Q3 = 2025年第三季度.
 * Dates are plain calendar dates (YYYY-MM-DD strings): no time zone ever enters.
 */

export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

const QUARTER_RE = /^\s*(\d{4})\s*(?:Q|q|年第?)\s*([1-4一二三四])\s*(?:季度?)?\s*$/u;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
const CN_NAMES = ['一', '二', '三', '四'] as const;

export function parseQuarter(text: string): Quarter | null {
  const m = QUARTER_RE.exec(text.normalize('NFKC'));
  if (!m) return null;
  const year = Number(m[1]);
  const qs = m[2] ?? '';
  const q = CN_DIGITS[qs] ?? Number(qs);
  if (year < 2000 || year > 2100 || q < 1 || q > 4) return null;
  return { year, q: q as Quarter['q'] };
}

export function quarterId(q: Quarter): string {
  return `${q.year}Q${q.q}`;
}

export function quarterLabel(q: Quarter): string {
  return `${q.year}年第${CN_NAMES[q.q - 1]}季度`;
}

export function quarterIndex(q: Quarter): number {
  return q.year * 4 + (q.q - 1);
}

export function fromIndex(i: number): Quarter {
  return { year: Math.floor(i / 4), q: ((i % 4) + 1) as Quarter['q'] };
}

export function addQuarters(q: Quarter, n: number): Quarter {
  return fromIndex(quarterIndex(q) + n);
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return quarterIndex(a) - quarterIndex(b);
}

/** Q4 of the previous year: the 年初 (start-of-year) base for 比年初 figures. */
export function yearStartBase(q: Quarter): Quarter {
  return { year: q.year - 1, q: 4 };
}

export function sameQuarterLastYear(q: Quarter): Quarter {
  return { year: q.year - 1, q: q.q };
}

/** Every quarter from a to b inclusive. */
export function quarterRange(a: Quarter, b: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let i = quarterIndex(a); i <= quarterIndex(b); i++) out.push(fromIndex(i));
  return out;
}

const MONTH_END_DAY = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_END_DAY[m - 1] ?? 30);
}

/** A calendar date, no clock, no zone. */
export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

export function parseIsoDate(s: string): CalendarDate | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(s.trim().normalize('NFKC'));
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function quarterEndDate(q: Quarter): CalendarDate {
  const m = q.q * 3;
  return { y: q.year, m, d: daysInMonth(q.year, m) };
}

/** Days since 1970-01-01 by pure integer arithmetic (proleptic Gregorian). */
export function dayNumber(d: CalendarDate): number {
  const y = d.m <= 2 ? d.y - 1 : d.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(z0: number): CalendarDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(d: CalendarDate, n: number): CalendarDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** Seed 000 保障措施（四）: reports are due within 5 days after the quarter ends. */
export const REPORT_GRACE_DAYS = 5;

/** 0 = 星期日 … 6 = 星期六 (1970-01-01 was a Thursday). */
export function weekday(d: CalendarDate): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7;
}

export function isWeekend(d: CalendarDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export function weekdayName(d: CalendarDate): string {
  return WEEKDAY_NAMES[weekday(d)] ?? '';
}

/** 每季后5日内 read as calendar days: the quarter's end plus 5 (before any move for a day off). */
export function dueDate(q: Quarter, graceDays = REPORT_GRACE_DAYS): CalendarDate {
  return addDays(quarterEndDate(q), graceDays);
}

/**
 * The reporting deadline: the due date, moved to the next working day when it falls on a
 * day off. Which days are worked is the calendar's (domain/calendar.ts: public holidays and
 * 调休 working weekends); without one, only weekends are days off.
 */
export function reportDeadline(q: Quarter, isWorkday: (d: CalendarDate) => boolean = (d) => !isWeekend(d), graceDays = REPORT_GRACE_DAYS): CalendarDate {
  let d = dueDate(q, graceDays);
  // No run of days off is a month long; the cap only guards a calendar edited into nonsense.
  for (let i = 0; i < 31 && !isWorkday(d); i++) d = addDays(d, 1);
  return d;
}

/** Late means received after the stored deadline (periods.deadline), whatever moved it there. */
export function isLate(received: CalendarDate, deadline: CalendarDate): boolean {
  return dayNumber(received) > dayNumber(deadline);
}

/**
 * 时序进度: the elapsed share of the year at the quarter's end date,
 * counted in days (31 Mar 2025 → 90/365).
 */
export function timeProgress(q: Quarter): number {
  const end = quarterEndDate(q);
  const elapsed = dayNumber(end) - dayNumber({ y: q.year, m: 1, d: 1 }) + 1;
  return elapsed / daysInYear(q.year);
}

/**
 * Excel serial date → calendar date with no time-zone arithmetic
 * (1900 system, serial 60 = the fictitious 1900-02-29 kept by Excel).
 */
export function excelSerialToDate(serial: number, date1904 = false): CalendarDate | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const whole = Math.floor(serial + 1e-7);
  if (date1904) return fromDayNumber(whole + dayNumber({ y: 1904, m: 1, d: 1 }));
  if (whole === 60) return { y: 1900, m: 2, d: 29 };
  const offset = whole < 60 ? whole : whole - 1;
  return fromDayNumber(dayNumber({ y: 1899, m: 12, d: 31 }) + offset);
}
