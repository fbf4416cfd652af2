/**
 * Pricing against the LPR the way practice judges it: a loan is set against the LPR of its
 * tenor in force on the day it was made, not today's. The quarterly report gives, per tenor,
 * the year-to-date amount newly lent and its weighted rate; the bank's reports of the same
 * year split that amount into the stretches between report dates (amounts are exact, so the
 * split is too). Each stretch is weighted by the days each fixing was in force (loans are
 * taken as spread evenly over a stretch); when a fixing changed inside a stretch, the quarterly
 * figures cannot tell which loans came before it, so the benchmark has a low and a high end:
 * at or under the low end the loans were priced at or below the LPR whenever they were made,
 * above the high end they were not, in between the bank's loan list decides (需核实).
 */
import { lprSpans, type LprSpan, type LprTable, type LprTenor } from '../lpr';
import { addDays, formatDate, parseIsoDate } from '../quarter';

/** One report of the year: its quarter's last day and the year-to-date amount (万元). */
export interface IssuancePoint {
  end: string;
  amount: number;
}

export type PricingStatus = 'compliant' | 'above' | 'uncertain' | 'noIssuance' | 'noRate' | 'noLpr' | 'noData';

export const PRICING_STATUS_WORD: Record<PricingStatus, string> = {
  compliant: '不高于LPR',
  above: '高于LPR',
  uncertain: '需核实',
  noIssuance: '当年无新发放',
  noRate: '利率未填报',
  noLpr: 'LPR未录入',
  noData: '无数据',
};

export interface PricingStretch {
  from: string;
  to: string;
  /** Newly lent in the stretch (万元). */
  amount: number;
  spans: LprSpan[];
  /** Day-weighted LPR over the stretch, and the lowest and highest fixing in force in it. */
  mean: number;
  low: number;
  high: number;
}

export interface PricingJudgement {
  status: PricingStatus;
  /** Year-to-date amount and weighted rate as reported. */
  amount: number | null;
  rate: number | null;
  /** The amount-weighted LPR the loans were made under, and its low and high ends. */
  benchmark: number | null;
  low: number | null;
  high: number | null;
  /** rate − benchmark in basis points (1BP = 0.01%), one decimal. */
  spreadBp: number | null;
  stretches: PricingStretch[];
}

/** The figures of a judgement that has none. */
function none(): Pick<PricingJudgement, 'benchmark' | 'low' | 'high' | 'spreadBp' | 'stretches'> {
  return { benchmark: null, low: null, high: null, spreadBp: null, stretches: [] };
}

/** Rounds a basis-point figure to one decimal (no -0). */
function bp(x: number): number {
  const r = Math.round(x * 100000) / 10;
  return r === 0 ? 0 : r;
}

/**
 * Judges one bank's year-to-date issuance of one tenor at the last point's quarter.
 * `points` are the bank's reports of the year carrying the figure, in date order (the last is
 * the quarter judged); `rate` is that last report's weighted rate.
 */
export function judgePricing(table: LprTable, tenor: LprTenor, yearStart: string, points: readonly IssuancePoint[], rate: number | null, tolerance: number): PricingJudgement {
  const last = points.at(-1);
  if (!last) return { status: 'noData', amount: null, rate, ...none() };
  if (last.amount === 0) return { status: 'noIssuance', amount: 0, rate, ...none() };
  if (rate === null) return { status: 'noRate', amount: last.amount, rate, ...none() };
  // A year-to-date amount lower than an earlier report's (a correction) merges their stretches.
  const kept: IssuancePoint[] = [];
  for (const p of points) {
    while (kept.length && (kept.at(-1) as IssuancePoint).amount > p.amount) kept.pop();
    kept.push(p);
  }
  const stretches: PricingStretch[] = [];
  let from = yearStart;
  let before = 0;
  for (const p of kept) {
    const amount = p.amount - before;
    if (amount > 0) {
      const spans = lprSpans(table, tenor, from, p.end);
      if (!spans) return { status: 'noLpr', amount: last.amount, rate, ...none() };
      const days = spans.reduce((a, s) => a + s.days, 0);
      stretches.push({
        from,
        to: p.end,
        amount,
        spans,
        mean: spans.reduce((a, s) => a + s.rate * s.days, 0) / days,
        low: Math.min(...spans.map((s) => s.rate)),
        high: Math.max(...spans.map((s) => s.rate)),
      });
    }
    before = p.amount;
    from = nextDay(p.end);
  }
  const total = stretches.reduce((a, s) => a + s.amount, 0);
  const weigh = (k: 'mean' | 'low' | 'high'): number => stretches.reduce((a, s) => a + s.amount * s[k], 0) / total;
  const benchmark = weigh('mean');
  const low = weigh('low');
  const high = weigh('high');
  const status: PricingStatus = rate <= low + tolerance ? 'compliant' : rate > high + tolerance ? 'above' : 'uncertain';
  return { status, amount: last.amount, rate, benchmark, low, high, spreadBp: bp(rate - benchmark), stretches };
}

function nextDay(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) throw new Error(`not an ISO date: ${iso}`);
  return formatDate(addDays(d, 1));
}
