/**
 * The LPR (贷款市场报价利率) as published month by month, kept as data (resources/lpr/lpr.json):
 * each fixing applies from its publication date until the next one. A date after the table's
 * last fixing could fall under a fixing nobody recorded, so it has no LPR here rather than a
 * guessed one.
 */
import { dayNumber, formatDate, fromDayNumber, parseIsoDate } from './quarter';

/** Day number of an ISO date the table or the caller wrote (a malformed one is a program error). */
function day(iso: string): number {
  const d = parseIsoDate(iso);
  if (!d) throw new Error(`not an ISO date: ${iso}`);
  return dayNumber(d);
}

const iso = (n: number): string => formatDate(fromDayNumber(n));

export type LprTenor = 'oneYear' | 'fiveYear';

export const LPR_TENOR_LABEL: Record<LprTenor, string> = { oneYear: '1年期LPR', fiveYear: '5年期以上LPR' };

export interface LprMonth {
  /** 2025-05 */
  month: string;
  /** The publication date (the 20th, or the next working day). */
  date: string;
  oneYear: number;
  fiveYear: number;
  /** Ids of the table's sources that confirm this month's figures. */
  sources: string[];
  /** Set for a month the analyst entered after the shipped table: who and when (UTC). */
  entered?: { by: string; at: string };
}

export interface LprSource {
  id: string;
  title: string;
  url: string;
}

export interface LprTable {
  title: string;
  publisher: string;
  note: string;
  checked: string;
  unconfirmed: string;
  confirmedThrough: string;
  sources: LprSource[];
  months: LprMonth[];
}

/**
 * The last day the table answers for: the day before the 20th of the month after its last
 * fixing (the next fixing is published on the 20th at the earliest).
 */
export function lprCoveredUntil(table: LprTable): string | null {
  const last = table.months.at(-1);
  if (!last) return null;
  const [y, m] = last.month.split('-').map(Number) as [number, number];
  const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  return iso(dayNumber({ y: next.year, m: next.month, d: 20 }) - 1);
}

/** The fixing in force on a date; null before the first fixing or after the table's coverage. */
export function lprInForce(table: LprTable, date: string): LprMonth | null {
  const until = lprCoveredUntil(table);
  if (until === null || date > until) return null;
  let hit: LprMonth | null = null;
  for (const m of table.months) if (m.date <= date && (!hit || m.date > hit.date)) hit = m;
  return hit;
}

/** One stretch of days under one fixing. */
export interface LprSpan {
  from: string;
  to: string;
  days: number;
  rate: number;
  /** The fixing's publication date. */
  published: string;
}

/**
 * The fixings in force over the days from..to (inclusive), each with its days; null when any
 * day has no LPR in the table.
 */
export function lprSpans(table: LprTable, tenor: LprTenor, from: string, to: string): LprSpan[] | null {
  if (day(to) < day(from)) return null;
  const first = lprInForce(table, from);
  const last = lprInForce(table, to);
  if (!first || !last) return null;
  const inside = table.months.filter((m) => m.date > from && m.date <= to).sort((a, b) => a.date.localeCompare(b.date));
  const cuts = [first, ...inside];
  const spans: LprSpan[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const c = cuts[i] as LprMonth;
    const spanFrom = i === 0 ? from : c.date;
    const nextCut = cuts[i + 1];
    const spanTo = nextCut ? iso(day(nextCut.date) - 1) : to;
    const days = day(spanTo) - day(spanFrom) + 1;
    const prev = spans.at(-1);
    // A month that repeats the rate does not start a new stretch.
    if (prev && prev.rate === c[tenor]) {
      prev.to = spanTo;
      prev.days += days;
    } else spans.push({ from: spanFrom, to: spanTo, days, rate: c[tenor], published: c.date });
  }
  return spans;
}

/**
 * The table with every fixing times `multiple`: the benchmark of a rule set as a share of the
 * LPR (璧山（八）: 贴息率 ≤ 50% × LPR), judged exactly as a rate against the LPR itself.
 */
export function scaledLpr(table: LprTable, multiple: number): LprTable {
  if (multiple === 1) return table;
  return { ...table, months: table.months.map((m) => ({ ...m, oneYear: m.oneYear * multiple, fiveYear: m.fiveYear * multiple })) };
}
