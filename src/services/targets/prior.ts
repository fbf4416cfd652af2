/**
 * A target's prior figure: what the analyst knows of the years before the reports (「2021–
 * 2024 年已投放 X 万元，来源：…」) when no per-quarter detail exists, with its source. A
 * cumulative target adds it for its years where any of them lacks report data; a level
 * target on a path (16亿 by 2025 from 2022Q3) takes it as the path's start when the start
 * quarter has no report. Detail, once there (history import, reports), always wins.
 */
import type { DB } from '../db/database';
import type { TargetDef, TargetPrior } from '../../domain/targets/types';
import { fail, failure, type AppFailure } from '../../domain/result';
import { parseQuarter, quarterId } from '../../domain/quarter';
import { showScaled } from '../../domain/import/parseValue';
import { floatToScaled } from '../../domain/amount';
import { audit } from '../db/audit';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

/** A prior that cannot be taken, in words (E_TARGET_PRIOR). */
function prior(problem: string): AppFailure {
  return failure('E_TARGET_PRIOR', { problem });
}

interface Row {
  target: string;
  period: string;
  amount: number;
  source: string;
  entered_by: string;
  entered_at: string;
}

const YEARS = /^(\d{4})\s*年?\s*[-–—~～至到]\s*(\d{4})\s*年?$/u;

/** The years a cumulative prior covers: 2021-2024, 2021–2024年, 2021年至2024年. */
export function priorYears(period: string): { from: number; to: number } | null {
  const m = YEARS.exec(period.normalize('NFKC').trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from <= to ? { from, to } : null;
}

function toPrior(r: Row): TargetPrior {
  return { target: r.target, period: r.period, amount: Number(showScaled(r.amount)), source: r.source, enteredBy: r.entered_by, enteredAt: r.entered_at };
}

/** What a prior figure of this target would cover (2021-2024, or the path's start quarter), or null when it takes none. */
export function priorPeriodOf(def: TargetDef): string | null {
  if (def.goal.kind === 'cumulative') return `${def.goal.fromYear}-${def.goal.toYear - 1}`;
  return def.goal.kind === 'value' && def.from ? def.from : null;
}

export function targetPrior(db: DB, target: string): TargetPrior | null {
  const r = db.prepare('SELECT * FROM target_priors WHERE target = ?').get(target) as Row | undefined;
  return r ? toPrior(r) : null;
}

export function listTargetPriors(db: DB): TargetPrior[] {
  return (db.prepare('SELECT * FROM target_priors ORDER BY target').all() as Row[]).map(toPrior);
}

/** What a prior may cover for this target, in words, or a reason it takes none. */
function checkPeriod(def: TargetDef, period: string): string {
  const g = def.goal;
  if (g.kind === 'cumulative') {
    const y = priorYears(period);
    if (!y) throw prior(`「${period}」不是年份区间，请填写如 ${g.fromYear}-${g.toYear - 1}。`);
    if (y.from !== g.fromYear || y.to >= g.toYear) {
      throw prior(`目标按 ${g.fromYear}—${g.toYear} 年累计，往年数应从 ${g.fromYear} 年算起、止于 ${g.toYear - 1} 年或更早（收到「${period}」）。`);
    }
    return `${y.from}-${y.to}`;
  }
  if (g.kind === 'value' && def.from) {
    const q = parseQuarter(period);
    if (!q || quarterId(q) !== def.from) throw prior(`该目标的进度从 ${def.from} 算起，往年数应为 ${def.from} 的数值（收到「${period}」）。`);
    return def.from;
  }
  throw prior(`目标「${def.id}」不按年累计、也没有起点季度，不需要往年数。`);
}

export function setTargetPrior(db: DB, def: TargetDef, input: { period: string; amount: number; source: string }, actor = localUser(db)): TargetPrior {
  const period = checkPeriod(def, input.period);
  const amount = Number.isFinite(input.amount) && input.amount >= 0 ? floatToScaled(input.amount, 'amount') : null;
  if (amount === null) throw prior(`往年数应为不小于 0 的金额（万元），收到「${String(input.amount)}」。`);
  const source = input.source.trim();
  if (!source) throw prior('请写明往年数的来源（如：农发行璧山支行2025年1月报送的说明）。');
  db.transaction(() => {
    const before = targetPrior(db, def.id);
    db.prepare(
      `INSERT INTO target_priors (target, period, amount, source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (target) DO UPDATE SET period = excluded.period, amount = excluded.amount, source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
    ).run(def.id, period, amount, source, actor, nowIso());
    audit(db, actor, 'target.prior.set', 'target', def.id, { period, amount: input.amount, source, ...(before ? { before } : {}) });
  })();
  const saved = targetPrior(db, def.id);
  if (!saved) fail('E_INTERNAL', {});
  return saved;
}

export function clearTargetPrior(db: DB, target: string, actor = localUser(db)): void {
  const before = targetPrior(db, target);
  if (!before) throw prior(`目标「${target}」没有录入往年数。`);
  db.transaction(() => {
    db.prepare('DELETE FROM target_priors WHERE target = ?').run(target);
    audit(db, actor, 'target.prior.clear', 'target', target, { before });
  })();
}
