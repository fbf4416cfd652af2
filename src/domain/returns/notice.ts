/**
 * 退回通知 in words: what a cell should hold (from the field catalogue and the check
 * rules), the 重报 deadline counted in working days of the working calendar, the
 * notice's number and its sentences. Pure: the services gather the facts.
 */
import type { FieldDef } from '../catalogue/types';
import type { WorkCalendar } from '../calendar';
import { addDays, weekdayName, type CalendarDate } from '../quarter';

/** Working days a bank is given to send the corrected report, unless the analyst says otherwise. */
export const DEFAULT_RESUBMIT_WORKING_DAYS = 3;

/** The n-th working day after `from` (from itself not counted). */
export function workingDaysAfter(from: CalendarDate, n: number, cal: WorkCalendar): CalendarDate {
  let d = from;
  let left = Math.max(1, Math.floor(n));
  for (let guard = 0; guard < 400 && left > 0; guard++) {
    d = addDays(d, 1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

/** 2025-10-14 → 2025年10月14日（星期二） */
export function dateWithWeekday(d: CalendarDate): string {
  return `${longDate(d)}（${weekdayName(d)}）`;
}

export function longDate(d: CalendarDate): string {
  return `${d.y}年${d.m}月${d.d}日`;
}

/** An amount bound as the form writes it: 0 → 0, 0.05 for a rate → 5%. */
function bound(f: FieldDef, v: number): string {
  return f.type === 'rate' ? `${Number((v * 100).toPrecision(10))}%` : String(v);
}

/** What the form asks of a cell, in words: 数值（万元，不小于 0）, 日期（如 2025-10-03）, 文字（不超过 5000 字）. */
export function expectedOf(f: FieldDef, hint?: string): string {
  const limits: string[] = [];
  if (f.min !== undefined) limits.push(`不小于 ${bound(f, f.min)}`);
  if (f.max !== undefined) limits.push(`不大于 ${bound(f, f.max)}`);
  let what: string;
  switch (f.type) {
    case 'amount':
      what = `数值（${[f.unit || '万元', ...limits].join('，')}）`;
      break;
    case 'count':
      what = `整数（${[f.unit || '个', ...limits].join('，')}）`;
      break;
    case 'rate':
      what = `百分数（如 3.45%${limits.length ? `，${limits.join('，')}` : ''}）`;
      break;
    case 'date':
      what = '日期（如 2025-10-03）';
      break;
    case 'text':
      what = f.maxLength ? `文字（不超过 ${f.maxLength} 字）` : '文字';
      break;
  }
  const parts = [`${f.required ? '必填，' : ''}${what}`];
  if (hint) parts.push(hint);
  return parts.join('；');
}

/** The notice's number: 安康退〔2026〕3号 (region's short name, the year it is issued, its sequence in that year). */
export function noticeNumber(regionShort: string, year: number, seq: number): string {
  return `${regionShort}退〔${year}〕${seq}号`;
}

/** 安康市 → 安康, 璧山区 → 璧山. */
export function regionShortName(name: string): string {
  return name.replace(/[市区县]$/u, '');
}

/** The first 12 hexadecimal digits of a SHA-256, as a notice quotes it so the bank can tell which file was meant. */
export function shaPrefix(sha256: string | null): string {
  return sha256 ? sha256.slice(0, 12) : '（未能读取）';
}
