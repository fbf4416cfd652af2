/** Quarter arithmetic for indicator periods (年初 = previous Q4, 同比 = same quarter last year). */
import { addQuarters, parseQuarter, quarterId, sameQuarterLastYear, yearStartBase, type Quarter } from '../quarter';
import type { PeriodShift } from './types';

export function shiftQuarter(q: Quarter, shift: PeriodShift | undefined): Quarter {
  switch (shift ?? 'current') {
    case 'current':
      return q;
    case 'yearStart':
      return yearStartBase(q);
    case 'lastYear':
      return sameQuarterLastYear(q);
    case 'prevQuarter':
      return addQuarters(q, -1);
  }
}

const shifted = new Map<string, Map<string, string>>();

/** Memoised by quarter then shift (no joined key per call): evaluations shift the same few quarters many thousand times. */
export function shiftQuarterId(quarter: string, shift: PeriodShift | undefined): string {
  if (shift === undefined || shift === 'current') return quarter;
  let byShift = shifted.get(quarter);
  if (!byShift) shifted.set(quarter, (byShift = new Map()));
  const hit = byShift.get(shift);
  if (hit !== undefined) return hit;
  const q = parseQuarter(quarter);
  if (!q) throw new RangeError(`not a quarter: ${quarter}`);
  const id = quarterId(shiftQuarter(q, shift));
  byShift.set(shift, id);
  return id;
}
