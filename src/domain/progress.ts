/**
 * 金融兴产强县 progress arithmetic: 完成率, 时序进度 over one year or a
 * three-year action, 进度差 and ranks. Pure; the service feeds it figures.
 *
 * How a measure is judged depends on what it measures (resources/progress/measures.json):
 * - a flow (当年累放, 比年初新增) starts the year at zero, so 实际 ÷ 目标 is the share
 *   done and can be set against the share of the year gone (时序进度);
 * - a stock (余额) does not: a county at 9.5亿 against a 10亿 year-end target is 95% "done"
 *   on 1 January. Its progress is the increase from the base, (期末 − 年初) ÷ (目标 − 年初),
 *   set against 时序进度 ('increment'), or the balance is judged only at the deadline ('deadline').
 */
import { AMOUNT_SCALE } from './amount';
import { dayNumber, quarterEndDate, timeProgress, type Quarter } from './quarter';

/** 时序进度 counted in days (31 Mar = 90/365) or in whole quarters (25/50/75/100%, as many 进度通报 count it). */
export type TimeProgressMethod = 'days' | 'quarters';

export const TIME_PROGRESS_METHODS: Record<TimeProgressMethod, string> = {
  days: '按天数计算（报告期末已过天数 ÷ 全年天数）',
  quarters: '按季度计算（一至四季度末分别为 25%、50%、75%、100%）',
};

/** Elapsed share of the year at the quarter's end, by the chosen method. */
export function elapsedShare(q: Quarter, method: TimeProgressMethod = 'days'): number {
  return method === 'quarters' ? q.q / 4 : timeProgress(q);
}

/** Elapsed share of a multi-year window (1 Jan of `from` to 31 Dec of `to`) at the quarter's end. */
export function windowTimeProgress(q: Quarter, from: number, to: number, method: TimeProgressMethod = 'days'): number {
  if (method === 'quarters') {
    const done = (q.year - from) * 4 + q.q;
    const span = (to - from + 1) * 4;
    return Math.min(Math.max(done / span, 0), 1);
  }
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

/**
 * stock: a balance at a date; flow: an amount of the year (added up over a three-year action).
 * elapsed: 完成率 = 实际 ÷ 目标 against 时序进度 (flows only);
 * increment: 完成率 = (期末 − 年初) ÷ (目标 − 年初) against 时序进度 (stocks);
 * deadline: the balance against the target only at the deadline; no 进度差 before it (stocks).
 */
export type MeasureKind = 'stock' | 'flow';
export type ProgressJudge = 'elapsed' | 'increment' | 'deadline';

export interface Judged {
  completion: number | null;
  gap: number | null;
  behind: boolean | null;
  /** Why a figure is missing or how it was judged, in Chinese (null when plain). */
  note: string | null;
}

export interface JudgeInput {
  actual: number | null;
  /** The balance at the start (上年末 for a year, the year before the window for a three-year action). */
  base: number | null;
  target: number | null;
  /** 时序进度 at the quarter. */
  elapsed: number;
  /** Whether the quarter is the deadline (year end, or the window's end). */
  atDeadline: boolean;
}

function behindOf(done: number | null, elapsed: number): Pick<Judged, 'gap' | 'behind'> {
  if (done === null) return { gap: null, behind: null };
  const gap = done - elapsed;
  return { gap, behind: gap < 0 };
}

export function judgeProgress(judge: ProgressJudge, x: JudgeInput): Judged {
  if (x.target === null) return { completion: null, gap: null, behind: null, note: null };
  if (x.actual === null) return { completion: null, gap: null, behind: null, note: '报告期无数据' };
  switch (judge) {
    case 'elapsed': {
      const done = completion(x.actual, x.target);
      return { completion: done, ...behindOf(done, x.elapsed), note: done === null ? '目标为零，无法计算完成率' : null };
    }
    case 'increment': {
      if (x.base === null) return { completion: null, gap: null, behind: null, note: '缺少年初余额，无法按增量计算进度' };
      const needed = x.target - x.base;
      if (needed <= 0) return { completion: null, gap: null, behind: null, note: '目标不高于年初余额，无需新增即可达到，不计进度' };
      const done = (x.actual - x.base) / needed;
      return { completion: done, ...behindOf(done, x.elapsed), note: null };
    }
    case 'deadline': {
      const done = completion(x.actual, x.target);
      if (!x.atDeadline) return { completion: done, gap: null, behind: null, note: '余额目标于期末考核，期中不与时序进度比较' };
      return { completion: done, gap: done === null ? null : done - 1, behind: x.actual < x.target, note: null };
    }
  }
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

/** Sums 万元 amounts exactly, or null when any is missing (a total of parts must have every part). */
export function sumAllAmounts(xs: (number | null)[]): number | null {
  return xs.some((x) => x === null) || xs.length === 0 ? null : sumAmounts(xs);
}
