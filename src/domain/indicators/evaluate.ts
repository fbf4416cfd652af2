/**
 * The indicator evaluator: pure, over a ValueSource of stored (scaled integer)
 * values. Sums are taken on exact integers and divided once at the end.
 *
 * Aggregates use a comparable set (可比口径): an institution counts only if it
 * reported every input the indicator needs in every period it looks at, so a
 * bank that did not report last year cannot inflate a growth rate. When no
 * institution qualifies the value is null (shown as 无数据), never 0.
 *
 * Restated bases: growth against 年初 or 上年同期 (growth/change) takes, per
 * institution, the base its own current report gives (a field that `restates` the
 * balance, e.g. agri_loans_bal_ys: the bank's 年初数, restated after the 2024
 * 城乡划分 change) where it differs from what the bank reported at that quarter
 * (the import asked for a 说明 then); where it is the same or blank, the figure
 * as reported then, so the value traces to that report.
 */
import { AMOUNT_SCALE, RATE_SCALE } from '../amount';
import { shiftQuarterId } from './periods';
import type { Expr, FieldExpr, IndicatorCatalogue, IndicatorDef, NumericFieldType, PeriodShift } from './types';

export interface ValueSource {
  /** The stored integer (amounts and rates ×1,000,000, counts as is), or null when not reported. */
  get(institution: string, quarter: string, field: string, member: string): number | null;
  /** Members with a stored value for this institution, quarter and field. */
  members(institution: string, quarter: string, field: string): readonly string[];
  /** get() without counting as a read (a trace records only the values a figure is computed from). */
  peek?(institution: string, quarter: string, field: string, member: string): number | null;
}

export interface EvalScope {
  institutions: readonly string[];
  /** The dimension member for `$member` (chain or county code); null for scalar indicators. */
  member: string | null;
}

export interface EvalResult {
  value: number | null;
  /** Institutions whose figures entered the value. */
  included: string[];
  /** Institutions left out because an input was missing. */
  excluded: string[];
}

/** A real number kept as an integer over a scale while it can be: exact sums and differences. */
interface Scaled {
  v: number;
  s: number;
}

interface Leaf {
  expr: FieldExpr;
  quarter: string;
  /** The institution's own base for this leaf, read from its report of `quarter` instead, when present. */
  restated?: { field: string; quarter: string };
}

/** Field → the fields of a report that give its base at a period (年初数, 上年同期数). */
export type RestatedBases = ReadonlyMap<string, Partial<Record<'yearStart' | 'lastYear', string>>>;

/** A growth's base being evaluated: the quarter it is measured from and the period shift. */
interface BaseCtx {
  from: string;
  shift: 'yearStart' | 'lastYear';
}

/** One stored value an evaluation read. */
export interface TracedRead {
  institution: string;
  quarter: string;
  field: string;
  /** '' for a scalar field. */
  member: string;
  /** The stored integer (see ValueSource.get). */
  num: number;
  /** A restated base (年初数, 上年同期数) read from this quarter's report: the quarter whose figure it stands for. */
  standsFor?: string;
}

/** An input the indicator needs: a field (and member; `*` = any member) at a quarter. */
export interface TracedInput {
  field: string;
  quarter: string;
  member: string;
}

/** One operand of the top expression, evaluated over the comparable set. */
export interface TracedOperand {
  role: 'current' | 'base' | 'numerator' | 'denominator' | 'term';
  expr: Expr;
  quarter: string;
  value: number | null;
}

export interface TraceResult extends EvalResult {
  /** Per excluded institution, the inputs it did not report. */
  missing: { institution: string; inputs: TracedInput[] }[];
  /** Every stored value the value was computed from, in the order read. */
  reads: TracedRead[];
  /** The inputs an institution must report to be counted (the comparable-set rule). */
  inputs: TracedInput[];
  operands: TracedOperand[];
}

function leafInputs(l: Leaf, member: string | null): TracedInput[] {
  const m = resolveMember(l.expr, member);
  const own = { field: l.expr.field, quarter: l.quarter, member: m };
  return l.expr.weight === undefined ? [own] : [own, { field: l.expr.weight, quarter: l.quarter, member: m }];
}

function uniqueInputs(xs: TracedInput[]): TracedInput[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = `${x.field}|${x.quarter}|${x.member}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export class IndicatorEngine {
  private readonly byId: Map<string, IndicatorDef>;

  constructor(
    readonly catalogue: IndicatorCatalogue,
    private readonly fieldTypes: ReadonlyMap<string, NumericFieldType>,
    private readonly restated: RestatedBases = new Map(),
  ) {
    this.byId = new Map(catalogue.indicators.map((d) => [d.id, d]));
    for (const byShift of restated.values()) for (const [shift, field] of Object.entries(byShift)) this.restatedShift.set(field, shift as 'yearStart' | 'lastYear');
  }

  /** Restated base field → the period it gives (agri_loans_bal_ys → yearStart). */
  private readonly restatedShift = new Map<string, 'yearStart' | 'lastYear'>();

  indicator(id: string): IndicatorDef | undefined {
    return this.byId.get(id);
  }

  /** The earliest quarter the indicators (default: all) read when evaluated at this quarter (what must be loaded). */
  earliestQuarter(quarter: string, ids?: readonly string[]): string {
    let min = quarter;
    for (const d of this.defsOf(ids)) for (const l of this.leavesOf(d, quarter)) if (l.quarter < min) min = l.quarter;
    return min;
  }

  /** Every field the indicators read at this quarter, through their references and weights (what must be loaded). */
  fieldsRead(ids: readonly string[], quarter: string): Set<string> {
    const out = new Set<string>();
    for (const d of this.defsOf(ids)) {
      for (const l of this.leavesOf(d, quarter)) {
        fieldsOf(l.expr, out);
        if (l.restated) out.add(l.restated.field);
      }
    }
    return out;
  }

  private defsOf(ids: readonly string[] | undefined): IndicatorDef[] {
    if (!ids) return this.catalogue.indicators;
    return ids.map((id) => {
      const def = this.byId.get(id);
      if (!def) throw new RangeError(`unknown indicator: ${id}`);
      return def;
    });
  }

  evaluate(id: string, quarter: string, scope: EvalScope, source: ValueSource): EvalResult {
    const def = this.byId.get(id);
    if (!def) throw new RangeError(`unknown indicator: ${id}`);
    const { included, excluded } = this.comparableSet(def, quarter, scope, source);
    if (included.length === 0) return { value: null, included, excluded };
    const r = this.eval(def.expr, quarter, { institutions: included, member: scope.member }, source);
    return { value: r === null ? null : r.v / r.s, included, excluded };
  }

  /** 可比口径: the institutions that reported every input in every period the indicator reads. */
  private comparableSet(def: IndicatorDef, quarter: string, scope: EvalScope, source: ValueSource): { included: string[]; excluded: string[] } {
    const leaves = this.leavesOf(def, quarter);
    const included: string[] = [];
    const excluded: string[] = [];
    for (const inst of scope.institutions) {
      let present = true;
      for (const l of leaves) {
        if (!this.leafPresent(l, inst, scope.member, source)) {
          present = false;
          break;
        }
      }
      (present ? included : excluded).push(inst);
    }
    return { included, excluded };
  }

  /**
   * The evaluation with its evidence: the same comparable set and the same walk of the
   * expression as evaluate(), through a source that records every stored value it reads,
   * so the inputs listed are exactly those the value was computed from. Also: what each
   * excluded institution lacked, and the value of each operand of the top expression
   * (a growth rate's current and base figures, a share's numerator and denominator).
   */
  trace(id: string, quarter: string, scope: EvalScope, source: ValueSource): TraceResult {
    const def = this.byId.get(id);
    if (!def) throw new RangeError(`unknown indicator: ${id}`);
    const { included, excluded } = this.comparableSet(def, quarter, scope, source);
    const leaves = this.leavesOf(def, quarter);
    const missing = excluded.map((institution) => ({
      institution,
      inputs: uniqueInputs(leaves.filter((l) => !this.leafPresent(l, institution, scope.member, source)).flatMap((l) => leafInputs(l, scope.member))),
    }));
    const reads: TracedRead[] = [];
    const seen = new Set<string>();
    const recorder: ValueSource = {
      get(institution, q, field, member) {
        const v = source.get(institution, q, field, member);
        const key = `${institution}|${q}|${field}|${member}`;
        if (v !== null && !seen.has(key)) {
          seen.add(key);
          reads.push({ institution, quarter: q, field, member, num: v });
        }
        return v;
      },
      members: (institution, q, field) => source.members(institution, q, field),
      peek: (institution, q, field, member) => source.get(institution, q, field, member),
    };
    const inScope: EvalScope = { institutions: included, member: scope.member };
    const r = included.length === 0 ? null : this.eval(def.expr, quarter, inScope, recorder);
    const operands = included.length === 0 ? [] : this.operandsOf(def.expr, quarter, inScope, source);
    for (const read of reads) {
      const shift = this.restatedShift.get(read.field);
      if (shift) read.standsFor = shiftQuarterId(read.quarter, shift);
    }
    return { value: r === null ? null : r.v / r.s, included, excluded, missing, reads, inputs: uniqueInputs(leaves.flatMap((l) => leafInputs(l, scope.member))), operands };
  }

  /** The operands of an expression, each evaluated over the same scope (references are followed to their expression). */
  private operandsOf(expr: Expr, quarter: string, scope: EvalScope, src: ValueSource): TracedOperand[] {
    const value = (e: Expr, q: string, base: BaseCtx | null = null): number | null => {
      const r = this.eval(e, q, scope, src, base);
      return r === null ? null : r.v / r.s;
    };
    if ('ref' in expr) {
      const target = this.byId.get(expr.ref);
      return target ? this.operandsOf(target.expr, shiftQuarterId(quarter, expr.at), scope, src) : [];
    }
    if ('field' in expr || expr.op === 'const') return [];
    if (expr.op === 'growth' || expr.op === 'change') {
      const base = shiftQuarterId(quarter, expr.base);
      return [
        { role: 'current', expr: expr.arg, quarter, value: value(expr.arg, quarter) },
        { role: 'base', expr: expr.arg, quarter: base, value: value(expr.arg, base, baseOf(expr.base, quarter)) },
      ];
    }
    return expr.args.map((a, i) => ({ role: expr.op === 'div' ? (i === 0 ? 'numerator' : 'denominator') : 'term', expr: a, quarter, value: value(a, quarter) }));
  }

  private readonly leafCache = new Map<string, Map<string, Leaf[]>>();

  /** The inputs an indicator reads at a quarter (cached: the catalogue does not change under an engine). */
  private leavesOf(def: IndicatorDef, quarter: string): Leaf[] {
    let byQuarter = this.leafCache.get(def.id);
    if (!byQuarter) this.leafCache.set(def.id, (byQuarter = new Map()));
    let leaves = byQuarter.get(quarter);
    if (!leaves) {
      leaves = [];
      this.collect(def.expr, quarter, leaves, new Set([def.id]));
      byQuarter.set(quarter, leaves);
    }
    return leaves;
  }

  /** The field of the report of `base.from` that restates this leaf's base, if the catalogue has one. */
  private restatedOf(expr: FieldExpr, base: BaseCtx | null): Leaf['restated'] {
    if (!base || expr.at !== undefined || expr.weight !== undefined) return undefined;
    const field = this.restated.get(expr.field)?.[base.shift];
    return field ? { field, quarter: base.from } : undefined;
  }

  private collect(expr: Expr, quarter: string, out: Leaf[], visiting: Set<string>, base: BaseCtx | null = null): void {
    if ('field' in expr) {
      const restated = this.restatedOf(expr, base);
      out.push({ expr, quarter: shiftQuarterId(quarter, expr.at), ...(restated ? { restated } : {}) });
    } else if ('ref' in expr) {
      const target = this.byId.get(expr.ref);
      if (!target || visiting.has(expr.ref)) throw new RangeError(`bad indicator reference: ${expr.ref}`);
      visiting.add(expr.ref);
      this.collect(target.expr, shiftQuarterId(quarter, expr.at), out, visiting, expr.at === undefined ? base : null);
      visiting.delete(expr.ref);
    } else if (expr.op === 'growth' || expr.op === 'change') {
      this.collect(expr.arg, quarter, out, visiting, base);
      this.collect(expr.arg, shiftQuarterId(quarter, expr.base), out, visiting, baseOf(expr.base, quarter));
    } else if (expr.op !== 'const') {
      for (const a of expr.args) this.collect(a, quarter, out, visiting, base);
    }
  }

  private leafPresent(leaf: Leaf, inst: string, member: string | null, src: ValueSource): boolean {
    const { field, weight } = leaf.expr;
    const m = resolveMember(leaf.expr, member);
    const r = leaf.restated;
    if (r && (m === '*' ? src.members(inst, r.quarter, r.field).length > 0 : src.get(inst, r.quarter, r.field, m) !== null)) return true;
    if (m === '*') return src.members(inst, leaf.quarter, field).length > 0;
    if (src.get(inst, leaf.quarter, field, m) === null) return false;
    return weight === undefined || src.get(inst, leaf.quarter, weight, m) !== null;
  }

  private eval(expr: Expr, quarter: string, scope: EvalScope, src: ValueSource, base: BaseCtx | null = null): Scaled | null {
    if ('field' in expr) return this.evalField(expr, shiftQuarterId(quarter, expr.at), scope, src, this.restatedOf(expr, base));
    if ('ref' in expr) {
      const target = this.byId.get(expr.ref);
      if (!target) throw new RangeError(`unknown indicator: ${expr.ref}`);
      return this.eval(target.expr, shiftQuarterId(quarter, expr.at), scope, src, expr.at === undefined ? base : null);
    }
    switch (expr.op) {
      case 'const':
        return { v: expr.value, s: 1 };
      case 'growth':
      case 'change': {
        const now = this.eval(expr.arg, quarter, scope, src, base);
        const then = this.eval(expr.arg, shiftQuarterId(quarter, expr.base), scope, src, baseOf(expr.base, quarter));
        const diff = sub(now, then);
        return expr.op === 'change' ? diff : div(diff, then);
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div': {
        const vals = expr.args.map((a) => this.eval(a, quarter, scope, src, base));
        const fn = expr.op === 'add' ? add : expr.op === 'sub' ? sub : expr.op === 'mul' ? mul : div;
        let acc = vals[0] ?? null;
        for (let i = 1; i < vals.length; i++) acc = fn(acc, vals[i] ?? null);
        return acc;
      }
    }
  }

  private evalField(expr: FieldExpr, quarter: string, scope: EvalScope, src: ValueSource, restated?: Leaf['restated']): Scaled | null {
    const m = resolveMember(expr, scope.member);
    const scale = scaleOfField(this.fieldTypes.get(expr.field));
    if (expr.weight !== undefined) {
      // Weighted average of a rate: Σ(rate × weight) / Σ weight.
      let num = 0;
      let den = 0;
      for (const inst of scope.institutions) {
        const r = src.get(inst, quarter, expr.field, m);
        const w = src.get(inst, quarter, expr.weight, m);
        if (r === null || w === null) continue;
        num += (r / scale) * w;
        den += w;
      }
      return den === 0 ? null : { v: num / den, s: 1 };
    }
    let sum = 0;
    let seen = false;
    for (const inst of scope.institutions) {
      if (m === '*') {
        for (const mm of membersOf(src, inst, quarter, expr.field, restated)) {
          const v = valueOf(src, inst, quarter, expr.field, mm, restated);
          if (v !== null) {
            sum += v;
            seen = true;
          }
        }
      } else {
        const v = valueOf(src, inst, quarter, expr.field, m, restated);
        if (v !== null) {
          sum += v;
          seen = true;
        }
      }
    }
    return seen ? { v: sum, s: scale } : null;
  }
}

/** A field's value for one institution; for a base, its own restated figure where that differs from what it reported then. */
function valueOf(src: ValueSource, inst: string, quarter: string, field: string, member: string, restated: Leaf['restated']): number | null {
  if (restated) {
    const peek = src.peek ?? src.get;
    const own = peek.call(src, inst, restated.quarter, restated.field, member);
    if (own !== null && own !== peek.call(src, inst, quarter, field, member)) return src.get(inst, restated.quarter, restated.field, member);
  }
  return src.get(inst, quarter, field, member);
}

/** The members with a value for one institution (with a restated base: those of either report). */
function membersOf(src: ValueSource, inst: string, quarter: string, field: string, restated: Leaf['restated']): readonly string[] {
  const then = src.members(inst, quarter, field);
  const own = restated ? src.members(inst, restated.quarter, restated.field) : [];
  return own.length === 0 ? then : [...new Set([...then, ...own])];
}

function baseOf(shift: PeriodShift, from: string): BaseCtx | null {
  return shift === 'yearStart' || shift === 'lastYear' ? { from, shift } : null;
}

function resolveMember(expr: FieldExpr, member: string | null): string {
  if (expr.member === undefined) return '';
  if (expr.member === '$member') return member ?? '*';
  return expr.member;
}

function scaleOfField(t: NumericFieldType | undefined): number {
  return t === 'amount' ? AMOUNT_SCALE : t === 'rate' ? RATE_SCALE : 1;
}

function add(a: Scaled | null, b: Scaled | null): Scaled | null {
  if (a === null || b === null) return null;
  return a.s === b.s ? { v: a.v + b.v, s: a.s } : { v: a.v / a.s + b.v / b.s, s: 1 };
}

function sub(a: Scaled | null, b: Scaled | null): Scaled | null {
  if (a === null || b === null) return null;
  return a.s === b.s ? { v: a.v - b.v, s: a.s } : { v: a.v / a.s - b.v / b.s, s: 1 };
}

function mul(a: Scaled | null, b: Scaled | null): Scaled | null {
  if (a === null || b === null) return null;
  return { v: (a.v / a.s) * (b.v / b.s), s: 1 };
}

/** Division by zero (a growth on a zero base, a share of nothing) has no value. */
function div(a: Scaled | null, b: Scaled | null): Scaled | null {
  if (a === null || b === null || b.v === 0) return null;
  return { v: (a.v * b.s) / (b.v * a.s), s: 1 };
}

/** Every field key an indicator reads (for validation and for loading only what is needed). */
export function fieldsOf(expr: Expr, out: Set<string> = new Set()): Set<string> {
  if ('field' in expr) {
    out.add(expr.field);
    if (expr.weight) out.add(expr.weight);
  } else if ('op' in expr && expr.op !== 'const') {
    if (expr.op === 'growth' || expr.op === 'change') fieldsOf(expr.arg, out);
    else for (const a of expr.args) fieldsOf(a, out);
  }
  return out;
}

export function refsOf(expr: Expr, out: Set<string> = new Set()): Set<string> {
  if ('ref' in expr) out.add(expr.ref);
  else if ('op' in expr && expr.op !== 'const') {
    if (expr.op === 'growth' || expr.op === 'change') refsOf(expr.arg, out);
    else for (const a of expr.args) refsOf(a, out);
  }
  return out;
}
