/**
 * 金融兴产强县 progress arithmetic: 完成率, 时序进度 over one year or a
 * three-year action, 进度差 and ranks. Pure; the service feeds it figures.
 */
import { AMOUNT_SCALE } from './amount';
import { dayNumber, quarterEndDate, timeProgress, type Quarter } from './quarter';

/** Elapsed share of a multi-year window (1 Jan of `from` to 31 Dec of `to`) at the quarter's end. */
export function windowTimeProgress(q: Quarter, from: number, to: number): number {
  const start = dayNumber({ y: from, m: 1, d: 1 });
  const end = dayNumber({ y: to, m: 12, d: 31 });
  const at = dayNumber(quarterEndDate(q));
  if (at < start) return 0;
  if (at >= end) return 1;
  return (at - start + 1) / (end - start + 1);
}

export { timeProgress };

/** actual / target; no value without a positive target or without an actual. */
export function completion(actual: number | null, target: number | null): number | null {
  if (actual === null || target === null || target <= 0) return null;
  return actual / target;
}

/** Competition ranking (1, 1, 3) by a value, highest first; rows without a value get no rank. */
export function rankDescending(values: (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : values.filter((o) => o !== null && o > v).length + 1));
}

/** Sums 万元 amounts exactly (in 1/1,000,000 万元); null when nothing was there to add. */
export function sumAmounts(xs: (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? present.reduce((a, x) => a + Math.round(x * AMOUNT_SCALE), 0) / AMOUNT_SCALE : null;
}
