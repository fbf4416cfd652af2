import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate,
  formatDate,
  isLate,
  parseQuarter,
  quarterEndDate,
  quarterLabel,
  reportDeadline,
  timeProgress,
  yearStartBase,
} from '../../src/domain/quarter';

describe('quarters', () => {
  it('parses the ways clerks write a quarter', () => {
    expect(parseQuarter('2025Q3')).toEqual({ year: 2025, q: 3 });
    expect(parseQuarter('２０２５ｑ４')).toEqual({ year: 2025, q: 4 });
    expect(parseQuarter('2024年第一季度')).toEqual({ year: 2024, q: 1 });
    expect(parseQuarter('2025Q5')).toBeNull();
    expect(parseQuarter('Q3')).toBeNull();
  });

  it('labels, ends and deadlines', () => {
    const q = { year: 2024, q: 1 } as const;
    expect(quarterLabel(q)).toBe('2024年第一季度');
    expect(formatDate(quarterEndDate(q))).toBe('2024-03-31');
    // Without a holiday calendar only weekends move a deadline: 2026-01-05 is a Monday, 2025-10-05 a Sunday.
    expect(formatDate(reportDeadline({ year: 2025, q: 4 }))).toBe('2026-01-05');
    expect(formatDate(reportDeadline({ year: 2025, q: 3 }))).toBe('2025-10-06');
    expect(isLate({ y: 2025, m: 10, d: 6 }, { y: 2025, m: 10, d: 6 })).toBe(false);
    expect(isLate({ y: 2025, m: 10, d: 7 }, { y: 2025, m: 10, d: 6 })).toBe(true);
    expect(yearStartBase({ year: 2025, q: 2 })).toEqual({ year: 2024, q: 4 });
  });

  it('time progress is the elapsed share of the year in days', () => {
    // 2025: Jan 31 + Feb 28 + Mar 31 = 90 days of 365.
    expect(timeProgress({ year: 2025, q: 1 })).toBeCloseTo(90 / 365, 12);
    // 2024 is a leap year: 31 + 29 + 31 + 30 + 31 + 30 = 182 of 366.
    expect(timeProgress({ year: 2024, q: 2 })).toBeCloseTo(182 / 366, 12);
    expect(timeProgress({ year: 2025, q: 3 })).toBeCloseTo(273 / 365, 12);
    expect(timeProgress({ year: 2025, q: 4 })).toBe(1);
  });

  it('decodes Excel serial dates without time-zone drift', () => {
    expect(excelSerialToDate(45931)).toEqual({ y: 2025, m: 10, d: 1 });
    expect(excelSerialToDate(45930.9999)).toEqual({ y: 2025, m: 9, d: 30 });
    expect(excelSerialToDate(1)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(excelSerialToDate(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(excelSerialToDate(44469, true)).toEqual({ y: 2025, m: 10, d: 1 });
  });
});
