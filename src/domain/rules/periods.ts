/** The earlier quarters 跨期 rules read: 上季度, 年初 (the previous Q4) and 上年同期. */
import { addQuarters, sameQuarterLastYear, yearStartBase, type Quarter } from '../quarter';
import { PERIOD_FUNCTIONS, fieldRefs } from './expr';
import type { Period } from './evaluate';
import type { CompiledRuleSet } from './types';

export function periodQuarter(q: Quarter, p: Period): Quarter {
  return p === 'prev' ? addQuarters(q, -1) : p === 'yearStart' ? yearStartBase(q) : sameQuarterLastYear(q);
}

/** The periods a rule set reads, so that only those are loaded. */
export function periodsUsed(set: CompiledRuleSet): Period[] {
  const used = new Set<Period>();
  for (const r of set.rules) {
    for (const n of [r.check, ...(r.when ? [r.when] : [])]) {
      for (const f of fieldRefs(n)) if (f.period && PERIOD_FUNCTIONS.has(f.period)) used.add(f.period as Period);
    }
  }
  return [...used];
}
