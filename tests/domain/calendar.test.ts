/**
 * The working calendar and the deadlines it gives, on the shipped data: every 调休 working
 * day is a weekend, every confirmed year cites its notice, and the deadlines of the years
 * the analysts live in fall where the notices put them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarDeadline, daysBetween, workCalendar, WEEKENDS_ONLY, type CalendarDay } from '../../src/domain/calendar';
import { formatDate, isWeekend, parseIsoDate, reportDeadline, weekday, weekdayName } from '../../src/domain/quarter';

interface Year {
  year: number;
  confirmed: boolean;
  notice: { title: string; number: string | null; date: string } | null;
  holidays: { name: string; from: string; to: string }[];
  workdays: { date: string; name: string }[];
  remark?: string;
}
const data = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/calendar/cn-holidays.json'), 'utf8')) as { years: Year[] };
const days: CalendarDay[] = data.years.flatMap((y) => [
  ...y.holidays.flatMap((h) => daysBetween(h.from, h.to).map((date) => ({ date, kind: 'holiday' as const, name: h.name }))),
  ...y.workdays.map((w) => ({ date: w.date, kind: 'workday' as const, name: w.name })),
]);
const cal = workCalendar(days);
const d = (s: string) => parseIsoDate(s) ?? { y: 0, m: 0, d: 0 };

describe('the shipped holiday calendar', () => {
  it('covers 2021–2027, cites each confirmed year’s notice and says which year is not confirmed', () => {
    const years = data.years.map((y) => y.year);
    for (let y = 2021; y <= 2027; y++) expect(years).toContain(y);
    for (const y of data.years) {
      if (y.confirmed) {
        expect(y.notice?.title, String(y.year)).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
        expect(y.notice?.date, String(y.year)).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
        expect(y.holidays.length, String(y.year)).toBeGreaterThanOrEqual(6);
      } else {
        expect(y.remark, String(y.year)).toMatch(/未能找到|未核实/u);
        expect(y.holidays).toEqual([]);
      }
    }
    expect(data.years.find((y) => y.year === 2025)?.notice?.number).toBe('国办发明电〔2024〕12号');
  });

  it('every 调休 working day is a weekend, every holiday range runs forward', () => {
    for (const y of data.years) {
      for (const w of y.workdays) expect(isWeekend(d(w.date)), w.date).toBe(true);
      for (const h of y.holidays) expect(daysBetween(h.from, h.to).length, `${h.name} ${h.from}`).toBeGreaterThan(0);
    }
  });
});

describe('working days and deadlines', () => {
  it('knows the weekday without a clock or a time zone', () => {
    expect(weekday(d('1970-01-01'))).toBe(4);
    expect(weekdayName(d('2025-10-05'))).toBe('星期日');
    expect(weekdayName(d('2026-01-04'))).toBe('星期日');
  });

  it('a holiday is off, a 调休 weekend is worked, other days by the week', () => {
    expect(cal.isWorkday(d('2025-10-06'))).toBe(false);
    expect(cal.isWorkday(d('2025-10-11'))).toBe(true);
    expect(cal.isWorkday(d('2025-10-12'))).toBe(false);
    expect(cal.isWorkday(d('2025-10-09'))).toBe(true);
    expect(cal.dayOff(d('2025-10-05'))).toBe('国庆节、中秋节');
    expect(cal.dayOff(d('2025-07-05'))).toBe('星期六');
  });

  it('a later day wins over an earlier one for the same date (the analyst over the notice)', () => {
    const mine = workCalendar([...days, { date: '2025-10-09', kind: 'holiday', name: '补休' }]);
    expect(formatDate(calendarDeadline({ year: 2025, q: 3 }, mine).deadline)).toBe('2025-10-10');
  });

  it('2025’s four deadlines: each moved past its day off, with the reason in words', () => {
    const got = ([1, 2, 3, 4] as const).map((q) => calendarDeadline({ year: 2025, q }, cal));
    expect(got.map((g) => formatDate(g.deadline))).toEqual(['2025-04-07', '2025-07-07', '2025-10-09', '2026-01-05']);
    expect(got[1]?.moved).toBe('2025-07-05 是星期六，顺延至 2025-07-07（星期一）');
    expect(got[3]?.moved).toBeNull();
    // 2026-01-05 is a Monday, and 01-04 (Sunday) is worked by 调休: no move either way.
    expect(formatDate(calendarDeadline({ year: 2024, q: 4 }, cal).deadline)).toBe('2025-01-06');
  });

  it('without a calendar only weekends move a deadline', () => {
    expect(formatDate(calendarDeadline({ year: 2025, q: 3 }, WEEKENDS_ONLY).deadline)).toBe('2025-10-06');
    expect(formatDate(reportDeadline({ year: 2025, q: 3 }))).toBe('2025-10-06');
  });
});
