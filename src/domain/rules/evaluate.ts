/**
 * Runs compiled check rules over one report. Pure: the report's values, its
 * form's members and the institution's stored earlier quarters come in through
 * RuleInputs.
 *
 * Blanks: a blank cell has no value, and so has any arithmetic or comparison
 * over it; a rule whose check (or condition) has no value does not apply — it
 * neither passes nor fails. sum() adds the values present and has none only
 * when every part is blank; present(x) tells whether x has a value.
 *
 * Numbers stay exact scaled integers through sums and differences of the same
 * unit; comparisons are made at 1/1,000,000 of the unit (the stored precision),
 * which is also how the 校验 sheet's formulas compare (see excel.ts).
 */
import { showScaled } from '../import/parseValue';
import type { FnName, Node } from './expr';
import type { CompiledRule, CompiledRuleSet, RuleField } from './types';

export type Period = 'prev' | 'yearStart' | 'lastYear';

export interface Located {
  sheet: string;
  cell: string;
  /** The field's label, prefixed with the member's name for a grid cell (汉滨区·首位产业贷款余额). */
  label: string;
}

export interface RuleInputs {
  /** This report's stored integer for a field (and member), null when blank or not on the form. */
  current(key: string, member: string | null): number | null;
  /** The same, as the institution's current report of an earlier quarter holds it. */
  earlier(period: Period, key: string, member: string | null): number | null;
  /** Members of a dimension on this form, in form order. */
  members(dimension: string): readonly { code: string; name: string }[];
  /** The cell a field (and member) was read from; null when the form has no such cell. */
  locate(key: string, member: string | null): Located | null;
  /** The report's quarter number (1–4), null when unknown. */
  quarter: number | null;
}

export interface RuleHit {
  rule: CompiledRule;
  /** The member the rule was evaluated for (forEach), else null. */
  member: string | null;
  sheet: string;
  cell: string;
  message: string;
}

/** A number: v / s in the field's unit; `type` decides how it is shown. */
interface Num {
  v: number;
  s: number;
  type: RuleField['type'] | 'plain';
  unit: string;
}

type Val = Num | boolean | null;

const MICRO = 1_000_000;

interface Ctx {
  set: CompiledRuleSet;
  input: RuleInputs;
  params: Readonly<Record<string, number>>;
  member: string | null;
  period: Period | null;
}

function scaleOf(type: RuleField['type']): number {
  return type === 'count' ? 1 : MICRO;
}

function plain(x: number): Num {
  return { v: x, s: 1, type: 'plain', unit: '' };
}

/** The type of a sum or product: a plain number takes the other side's; two different kinds make a plain number. */
export function joinType<T extends string>(a: { type: T | 'plain'; unit: string }, b: { type: T | 'plain'; unit: string }): { type: T | 'plain'; unit: string } {
  if (a.type === b.type || b.type === 'plain') return { type: a.type, unit: a.unit };
  if (a.type === 'plain') return { type: b.type, unit: b.unit };
  return { type: 'plain', unit: '' };
}

function addNum(a: Num, b: Num, sign: 1 | -1): Num {
  const t = joinType(a, b);
  if (a.s === b.s) return { v: a.v + sign * b.v, s: a.s, ...t };
  return { v: a.v / a.s + (sign * b.v) / b.s, s: 1, ...t };
}

function asNum(v: Val): Num | null {
  return v === null || typeof v === 'boolean' ? null : v;
}

/** a − b in micro-units, rounded: the comparison both here and in the 校验 sheet. */
function microDiff(a: Num, b: Num): number {
  const d = addNum(a, b, -1);
  return d.s === MICRO ? d.v : Math.round((d.v / d.s) * MICRO);
}

function fieldValue(n: Extract<Node, { t: 'field' }>, member: string | null, ctx: Ctx): Num | null {
  const f = ctx.set.fields.get(n.key);
  if (!f) return null;
  const raw = ctx.period ? ctx.input.earlier(ctx.period, n.key, member) : ctx.input.current(n.key, member);
  return raw === null ? null : { v: raw, s: scaleOf(f.type), type: f.type, unit: f.unit };
}

/** What a rule's evaluation and the 校验 sheet's compilation both know: the rules' fields, the form's members, the member iterated. */
interface MemberScope {
  set: Pick<CompiledRuleSet, 'fields'>;
  input: { members(dimension: string): readonly { code: string }[] };
  member: string | null;
}

/** The one member a field reference names: `[$]` the member iterated, a code, or none. */
export function memberOf(n: Extract<Node, { t: 'field' }>, ctx: Pick<MemberScope, 'member'>): string | null {
  if (n.member === null || n.member === '*') return null;
  if (n.member === '$') return ctx.member;
  return n.member.code;
}

/** The members `x[*]` stands for on this form. */
export function allMembers(n: Extract<Node, { t: 'field' }>, ctx: MemberScope): string[] {
  const dim = ctx.set.fields.get(n.key)?.dimension;
  return dim ? ctx.input.members(dim).map((m) => m.code) : [];
}

function evalNode(n: Node, ctx: Ctx): Val {
  switch (n.t) {
    case 'num':
      return plain(n.v);
    case 'param': {
      if (n.name === 'Q') return ctx.input.quarter === null ? null : plain(ctx.input.quarter);
      const p = ctx.params[n.name];
      return p === undefined ? null : plain(p);
    }
    case 'field':
      return fieldValue(n, memberOf(n, ctx), ctx);
    case 'neg': {
      const a = asNum(evalNode(n.a, ctx));
      return a && { ...a, v: -a.v };
    }
    case 'arith': {
      const a = asNum(evalNode(n.a, ctx));
      const b = asNum(evalNode(n.b, ctx));
      if (!a || !b) return null;
      if (n.op === '+' || n.op === '-') return addNum(a, b, n.op === '+' ? 1 : -1);
      const x = a.v / a.s;
      const y = b.v / b.s;
      if (n.op === '*') return { v: x * y, s: 1, ...joinType(a, b) };
      if (y === 0) return null;
      return { v: x / y, s: 1, ...(b.type === 'plain' ? { type: a.type, unit: a.unit } : { type: 'plain' as const, unit: '' }) };
    }
    case 'cmp': {
      const a = asNum(evalNode(n.a, ctx));
      const b = asNum(evalNode(n.b, ctx));
      if (!a || !b) return null;
      const d = microDiff(a, b);
      switch (n.op) {
        case '<':
          return d < 0;
        case '<=':
          return d <= 0;
        case '>':
          return d > 0;
        case '>=':
          return d >= 0;
        case '==':
          return d === 0;
        case '!=':
          return d !== 0;
      }
      return null;
    }
    case 'logic': {
      const a = evalNode(n.a, ctx);
      const b = evalNode(n.b, ctx);
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return null;
      return n.op === 'and' ? a && b : a || b;
    }
    case 'not': {
      const a = evalNode(n.a, ctx);
      return typeof a === 'boolean' ? !a : null;
    }
    case 'call':
      return evalCall(n.fn, n.args, ctx);
  }
}

function evalCall(fn: FnName, args: Node[], ctx: Ctx): Val {
  const nums = (): (Num | null)[] => args.map((a) => asNum(evalNode(a, ctx)));
  switch (fn) {
    case 'prev':
    case 'yearStart':
    case 'lastYear': {
      const a = args[0];
      return a ? evalNode(a, { ...ctx, period: fn }) : null;
    }
    case 'sum': {
      let acc: Num | null = null;
      for (const a of args) {
        const parts = a.t === 'field' && a.member === '*' ? allMembers(a, ctx).map((m) => fieldValue(a, m, ctx)) : [asNum(evalNode(a, ctx))];
        for (const p of parts) if (p) acc = acc ? addNum(acc, p, 1) : p;
      }
      return acc;
    }
    case 'abs': {
      const a = nums()[0] ?? null;
      return a && { ...a, v: Math.abs(a.v) };
    }
    case 'min':
    case 'max': {
      const xs = nums();
      if (xs.some((x) => x === null)) return null;
      let best: Num | null = null;
      for (const x of xs) if (x && (!best || (fn === 'min' ? microDiff(x, best) < 0 : microDiff(x, best) > 0))) best = x;
      return best;
    }
    case 'present': {
      const a = args[0];
      return a ? evalNode(a, ctx) !== null : false;
    }
    default:
      // label/cell/pct/chg format values for messages only (see renderMessage).
      return null;
  }
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A value as a message shows it: 1234.5 万元, 3.45%, 12 户. */
export function showNum(x: Num): string {
  const real = x.v / x.s;
  switch (x.type) {
    case 'amount':
      return `${showScaled(x.s === MICRO ? x.v : Math.round(real * MICRO))} 万元`;
    case 'rate':
      return `${showScaled(Math.round(real * 100 * MICRO))}%`;
    case 'count':
      return `${trimZeros(real.toFixed(6))}${x.unit ? ` ${x.unit}` : ''}`;
    default:
      return trimZeros(real.toFixed(6));
  }
}

function locateRef(n: Extract<Node, { t: 'field' }>, ctx: Ctx, preferPresent = false): Located | null {
  if (n.member === '*') {
    const members = allMembers(n, ctx);
    const first = (preferPresent ? members.find((m) => ctx.input.current(n.key, m) !== null) : undefined) ?? members[0];
    return first === undefined ? null : ctx.input.locate(n.key, first);
  }
  return ctx.input.locate(n.key, memberOf(n, ctx));
}

function renderPart(n: Node, ctx: Ctx): string {
  if (n.t === 'call' && (n.fn === 'label' || n.fn === 'cell')) {
    const a = n.args[0];
    if (!a || a.t !== 'field') return '';
    if (n.fn === 'label' && a.member === '*') {
      const f = ctx.set.fields.get(a.key);
      return `各${ctx.set.dimensions.get(f?.dimension ?? '') ?? ''}${f?.label ?? a.key}`;
    }
    const at = locateRef(a, ctx);
    if (!at) return n.fn === 'label' ? (ctx.set.fields.get(a.key)?.label ?? a.key) : '';
    return n.fn === 'label' ? at.label : `${at.sheet}!${at.cell}`;
  }
  if (n.t === 'call' && (n.fn === 'pct' || n.fn === 'chg')) {
    const x = asNum(evalNode(n.args[0] ?? { t: 'num', v: 0, text: '0' }, ctx));
    if (!x) return '（无数据）';
    const p = (x.v / x.s) * 100;
    return n.fn === 'pct' ? `${trimZeros(p.toFixed(1))}%` : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;
  }
  const v = evalNode(n, ctx);
  if (v === null) return '（未填）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return showNum(v);
}

function renderMessage(rule: CompiledRule, ctx: Ctx): string {
  return rule.message.map((p) => ('text' in p ? p.text : renderPart(p.expr, ctx))).join('');
}

/** The members a rule is evaluated for: each member of its forEach dimension, or just once. */
export function instancesOf(rule: CompiledRule, input: Pick<RuleInputs, 'members'>): (string | null)[] {
  return rule.def.forEach ? input.members(rule.def.forEach).map((m) => m.code) : [null];
}

export interface Verdict {
  member: string | null;
  /** true passed, false failed, null does not apply (a value it needs is blank). */
  pass: boolean | null;
}

/** Every instance of one rule with its verdict (the 校验 sheet's test compares these). */
export function judge(set: CompiledRuleSet, rule: CompiledRule, input: RuleInputs, params: Readonly<Record<string, number>> = set.params): Verdict[] {
  return instancesOf(rule, input).map((member) => {
    const ctx: Ctx = { set, input, params, member, period: null };
    if (rule.when && evalNode(rule.when, ctx) !== true) return { member, pass: null };
    const r = evalNode(rule.check, ctx);
    return { member, pass: typeof r === 'boolean' ? r : null };
  });
}

/** The failed instances of every rule, each with its cell and rendered message. */
export function runRules(set: CompiledRuleSet, input: RuleInputs, params: Readonly<Record<string, number>> = set.params): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of set.rules) {
    for (const v of judge(set, rule, input, params)) {
      if (v.pass !== false) continue;
      const ctx: Ctx = { set, input, params, member: v.member, period: null };
      const at = locateRef(rule.at, ctx, true);
      if (!at) continue;
      hits.push({ rule, member: v.member, sheet: at.sheet, cell: at.cell, message: renderMessage(rule, ctx) });
    }
  }
  return hits;
}
