/**
 * The working calendar: the shipped holiday calendar (resources/calendar, one entry per
 * year with its 国务院办公厅 notice cited) with the analyst's corrections (calendar_days)
 * laid over it. The shipped file is read at run time, not copied into the database, so a
 * program update that corrects a year reaches every database; the analyst's corrections
 * stay and win.
 */
import type { DB } from '../db/database';
import type { CalendarDayInfo, CalendarYearInfo, HolidayNotice } from '../../api/types';
import { daysBetween, workCalendar, type CalendarDay, type DayKind, type WorkCalendar } from '../../domain/calendar';
import { formatDate, parseIsoDate, weekdayName } from '../../domain/quarter';
import { fail, failure } from '../../domain/result';
import { readResourceJson } from '../resources';
import { statement } from '../db/statements';
import { audit } from '../db/audit';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

interface ShippedYear {
  year: number;
  confirmed: boolean;
  notice: HolidayNotice | null;
  amendedBy?: HolidayNotice;
  holidays: { name: string; from: string; to: string }[];
  workdays: { date: string; name: string }[];
  remark?: string;
}

interface ShippedCalendar {
  years: ShippedYear[];
}

let shipped: ShippedCalendar | null = null;

function shippedCalendar(): ShippedCalendar {
  shipped ??= readResourceJson<ShippedCalendar>('calendar', 'cn-holidays.json');
  return shipped;
}

export function shippedYear(year: number): ShippedYear | undefined {
  return shippedCalendar().years.find((y) => y.year === year);
}

/** The shipped exceptional days, each with its year's notice. */
function shippedDays(): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (const y of shippedCalendar().years) {
    for (const h of y.holidays) for (const date of daysBetween(h.from, h.to)) out.push({ date, kind: 'holiday', name: h.name });
    for (const w of y.workdays) out.push({ date: w.date, kind: 'workday', name: w.name });
  }
  return out;
}

interface OverrideRow {
  date: string;
  kind: DayKind;
  name: string;
  reason: string;
  set_by: string;
  set_at: string;
}

function overrides(db: DB): OverrideRow[] {
  return statement(db, 'SELECT date, kind, name, reason, set_by, set_at FROM calendar_days ORDER BY date').all() as OverrideRow[];
}

/** The notices' days alone (a database whose schema predates calendar_days). */
export function shippedWorkCalendar(): WorkCalendar {
  return workCalendar(shippedDays());
}

/** The calendar in force: the notices' days, then the analyst's corrections over them. */
export function loadWorkCalendar(db: DB): WorkCalendar {
  return workCalendar([...shippedDays(), ...overrides(db).map((o) => ({ date: o.date, kind: o.kind, name: o.name }))]);
}

/** A year's shipped record, its days as now in force, each with where it comes from. */
export function calendarYearDays(db: DB, year: number): Omit<CalendarYearInfo, 'deadlines'> {
  const y = shippedYear(year);
  const prefix = `${String(year).padStart(4, '0')}-`;
  const notice = new Map(shippedDays().filter((d) => d.date.startsWith(prefix)).map((d) => [d.date, d]));
  const mine = new Map(overrides(db).filter((o) => o.date.startsWith(prefix)).map((o) => [o.date, o]));
  const dates = [...new Set([...notice.keys(), ...mine.keys()])].sort();
  const days: CalendarDayInfo[] = dates.map((date) => {
    const n = notice.get(date);
    const o = mine.get(date);
    const d = parseIsoDate(date);
    const base = { date, weekday: d ? weekdayName(d) : '' };
    if (o) return { ...base, kind: o.kind, name: o.name, source: 'analyst', reason: o.reason, setBy: o.set_by, setAt: o.set_at, shipped: n ? { kind: n.kind, name: n.name } : null };
    const s = n as CalendarDay;
    return { ...base, kind: s.kind, name: s.name, source: 'notice', reason: null, setBy: null, setAt: null, shipped: null };
  });
  return {
    year,
    confirmed: y?.confirmed === true,
    notice: y?.notice ?? null,
    amendedBy: y?.amendedBy ?? null,
    remark: y?.remark ?? (y ? null : `本程序未附 ${year} 年的节假日安排：只按周末顺延，可在此补录放假与调休上班日期。`),
    days,
  };
}

export interface SetDay {
  date: string;
  kind: DayKind | null;
  name?: string;
  reason: string;
}

/**
 * Records the analyst's correction of one day (a holiday the notice did not have, a 调休
 * working weekend, a day taken back), or drops it (kind null). The caller recomputes the
 * deadlines in the same transaction.
 */
export function setCalendarDay(db: DB, req: SetDay, actor = localUser(db)): void {
  const d = parseIsoDate(req.date);
  if (!d) throw failure('E_DATE_INVALID', { what: '日期', date: req.date, example: '2027-10-01' });
  const date = formatDate(d);
  const reason = (req.reason ?? '').trim();
  if (!reason) throw failure('E_REASON_MISSING', { what: '修改节假日安排', basis: '依据', example: '国办发明电〔2026〕×号' });
  const before = statement(db, 'SELECT date, kind, name, reason FROM calendar_days WHERE date = ?').get(date) as { kind: string; name: string; reason: string } | undefined;
  if (req.kind === null) {
    if (!before) throw failure('E_CALENDAR_NO_CHANGE', { date });
    statement(db, 'DELETE FROM calendar_days WHERE date = ?').run(date);
    audit(db, actor, 'calendar.clearDay', 'calendar', date, { before, reason });
    return;
  }
  if (req.kind !== 'holiday' && req.kind !== 'workday') fail('E_DAY_KIND', {});
  const name = (req.name ?? '').trim() || (req.kind === 'holiday' ? '放假' : '调休上班');
  statement(
    db,
    `INSERT INTO calendar_days (date, kind, name, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(date, req.kind, name, reason, actor, nowIso());
  audit(db, actor, 'calendar.setDay', 'calendar', date, { kind: req.kind, name, reason, before: before ?? null });
}
