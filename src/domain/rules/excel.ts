/**
 * The check rules as spreadsheet formulas, for the 校验 sheet of the issued template:
 * the same rule file, evaluated on the clerk's PC. Only functions that Excel (2007 on)
 * and WPS both have (and LibreOffice computes the same way) are used: IF, AND, OR, NOT,
 * ISNUMBER, ISTEXT, N, ROUND, ABS, MIN, MAX, TEXT, IFERROR, VALUE, SUBSTITUTE, TRIM,
 * SEARCH, COUNTIFS (the last four in checkSheet.ts).
 *
 * Each input is first read into a helper cell (number, or "" when blank or unreadable:
 * "—" counts as 0 where the form allows it), so a formula can tell a blank from a 0
 * exactly as the importer does. A value and whether it exists are compiled side by side,
 * mirroring evaluate.ts: arithmetic and comparisons over a blank have no value, sum()
 * has one when any part does, and comparisons are made at 1/1,000,000 of the unit.
 */
import { displayWidth } from '../text/width';
import type { Node } from './expr';
import { allMembers, joinType, memberOf, type Period } from './evaluate';
import type { CompiledRule, CompiledRuleSet, RuleField } from './types';

export interface SheetInputs {
  /** The helper cell holding a field's value (absolute, sheet-qualified), or null when the form has no such cell. */
  cell(key: string, member: string | null): string | null;
  /** The field's label with its member (汉滨区·首位产业贷款余额) and where it sits (信贷总量!B7). */
  describe(key: string, member: string | null): { label: string; at: string } | null;
  members(dimension: string): readonly { code: string; name: string }[];
  /** A helper cell holding the report's quarter number (from the cover), for Q. */
  quarterCell: string;
  /** What the institution reported earlier (known when the template is issued for one bank and quarter). */
  earlier(period: Period, key: string, member: string | null): number | null | undefined;
}

interface Compiled {
  v: string;
  /** An Excel condition: the value exists. 'TRUE' / 'FALSE' when known when compiling. */
  d: string;
  type: RuleField['type'] | 'plain' | 'bool';
  unit: string;
}

interface Ctx {
  set: CompiledRuleSet;
  input: SheetInputs;
  member: string | null;
  period: Period | null;
  /** Set when a value from an earlier quarter is not known here (the importer checks it). */
  needsHistory: { missing: boolean };
}

const T = 'TRUE';
const F = 'FALSE';

function and(...xs: string[]): string {
  if (xs.includes(F)) return F;
  const rest = [...new Set(xs.filter((x) => x !== T))];
  return rest.length === 0 ? T : rest.length === 1 ? (rest[0] ?? T) : `AND(${rest.join(',')})`;
}

function or(...xs: string[]): string {
  if (xs.includes(T)) return T;
  const rest = [...new Set(xs.filter((x) => x !== F))];
  return rest.length === 0 ? F : rest.length === 1 ? (rest[0] ?? F) : `OR(${rest.join(',')})`;
}

/** A number as a formula literal (no exponent, no float noise). */
function literal(x: number): string {
  const s = Number(x.toPrecision(15)).toString();
  return /e/i.test(s) ? x.toFixed(12).replace(/\.?0+$/, '') : s;
}

/** A text literal: quotes doubled, split below Excel's 255-character limit per literal. */
export function textLiteral(s: string): string {
  if (s === '') return '""';
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += 200) parts.push(`"${s.slice(i, i + 200).replace(/"/g, '""')}"`);
  return parts.join('&');
}


function field(key: string, member: string | null, ctx: Ctx): Compiled {
  const f = ctx.set.fields.get(key);
  const type = f?.type ?? 'plain';
  const unit = f?.unit ?? '';
  if (ctx.period) {
    const v = ctx.input.earlier(ctx.period, key, member);
    if (v === undefined) ctx.needsHistory.missing = true;
    if (v === undefined || v === null) return { v: '0', d: F, type, unit };
    return { v: literal(v), d: T, type, unit };
  }
  const cell = ctx.input.cell(key, member);
  if (!cell) return { v: '0', d: F, type, unit };
  return { v: `N(${cell})`, d: `ISNUMBER(${cell})`, type, unit };
}

function compile(n: Node, ctx: Ctx): Compiled {
  switch (n.t) {
    case 'num':
      return { v: literal(n.v), d: T, type: 'plain', unit: '' };
    case 'param': {
      if (n.name === 'Q') return { v: `N(${ctx.input.quarterCell})`, d: `ISNUMBER(${ctx.input.quarterCell})`, type: 'plain', unit: '' };
      const p = ctx.set.params[n.name];
      return p === undefined ? { v: '0', d: F, type: 'plain', unit: '' } : { v: literal(p), d: T, type: 'plain', unit: '' };
    }
    case 'field':
      return field(n.key, memberOf(n, ctx), ctx);
    case 'neg': {
      const a = compile(n.a, ctx);
      return { ...a, v: `(-${a.v})` };
    }
    case 'arith': {
      const a = compile(n.a, ctx);
      const b = compile(n.b, ctx);
      if (n.op === '+' || n.op === '-') return { v: `(${a.v}${n.op}${b.v})`, d: and(a.d, b.d), ...joinType(a, b) };
      if (n.op === '*') return { v: `(${a.v}*${b.v})`, d: and(a.d, b.d), ...joinType(a, b) };
      // Division by zero has no value (as in evaluate.ts); the guard keeps #DIV/0! out.
      return { v: `IF(${b.v}=0,0,${a.v}/${b.v})`, d: and(a.d, b.d, `${b.v}<>0`), ...(b.type === 'plain' ? { type: a.type, unit: a.unit } : { type: 'plain' as const, unit: '' }) };
    }
    case 'cmp': {
      const a = compile(n.a, ctx);
      const b = compile(n.b, ctx);
      const op = n.op === '==' ? '=' : n.op === '!=' ? '<>' : n.op;
      return { v: `ROUND(${a.v}-${b.v},6)${op}0`, d: and(a.d, b.d), type: 'bool', unit: '' };
    }
    case 'logic': {
      const a = compile(n.a, ctx);
      const b = compile(n.b, ctx);
      return { v: `${n.op === 'and' ? 'AND' : 'OR'}(${a.v},${b.v})`, d: and(a.d, b.d), type: 'bool', unit: '' };
    }
    case 'not': {
      const a = compile(n.a, ctx);
      return { v: `NOT(${a.v})`, d: a.d, type: 'bool', unit: '' };
    }
    case 'call':
      return compileCall(n, ctx);
  }
}

function compileCall(n: Extract<Node, { t: 'call' }>, ctx: Ctx): Compiled {
  const args = (): Compiled[] => n.args.map((a) => compile(a, ctx));
  switch (n.fn) {
    case 'prev':
    case 'yearStart':
    case 'lastYear': {
      const a = n.args[0];
      return a ? compile(a, { ...ctx, period: n.fn }) : { v: '0', d: F, type: 'plain', unit: '' };
    }
    case 'sum': {
      const parts: Compiled[] = [];
      for (const a of n.args) {
        if (a.t === 'field' && a.member === '*') for (const m of allMembers(a, ctx)) parts.push(field(a.key, m, ctx));
        else parts.push(compile(a, ctx));
      }
      if (parts.length === 0) return { v: '0', d: F, type: 'plain', unit: '' };
      const t = parts.reduce((acc, p) => ({ ...acc, ...joinType(acc, p) }));
      return { v: `(${parts.map((p) => p.v).join('+')})`, d: or(...parts.map((p) => p.d)), type: t.type, unit: t.unit };
    }
    case 'abs': {
      const [a] = args();
      return a ? { ...a, v: `ABS(${a.v})` } : { v: '0', d: F, type: 'plain', unit: '' };
    }
    case 'min':
    case 'max': {
      const xs = args();
      const first = xs[0] ?? { v: '0', d: F, type: 'plain' as const, unit: '' };
      return { v: `${n.fn === 'min' ? 'MIN' : 'MAX'}(${xs.map((x) => x.v).join(',')})`, d: and(...xs.map((x) => x.d)), type: first.type, unit: first.unit };
    }
    case 'present': {
      const a = n.args[0] ? compile(n.args[0], ctx) : { v: '0', d: F, type: 'plain' as const, unit: '' };
      return { v: a.d, d: T, type: 'bool', unit: '' };
    }
    default:
      return { v: '0', d: F, type: 'plain', unit: '' };
  }
}

/** A value as the message shows it: 1,234.50 万元, 3.45%, 12 户. */
function shown(c: Compiled): string {
  const body =
    c.type === 'amount'
      ? `TEXT(${c.v},"#,##0.00")&" 万元"`
      : c.type === 'rate'
        ? `TEXT(${c.v},"0.00%")`
        : c.type === 'count'
          ? `TEXT(${c.v},"0")${c.unit ? `&" ${c.unit}"` : ''}`
          : c.type === 'bool'
            ? `IF(${c.v},"是","否")`
            : `TEXT(${c.v},"0.00")`;
  return c.d === T ? body : `IF(${c.d},${body},"（未填）")`;
}

function messagePart(n: Node, ctx: Ctx): string {
  if (n.t === 'call' && (n.fn === 'label' || n.fn === 'cell')) {
    const a = n.args[0];
    if (!a || a.t !== 'field') return '""';
    if (n.fn === 'label' && a.member === '*') {
      const f = ctx.set.fields.get(a.key);
      return textLiteral(`各${ctx.set.dimensions.get(f?.dimension ?? '') ?? ''}${f?.label ?? a.key}`);
    }
    const member = a.member === '*' ? (allMembers(a, ctx)[0] ?? null) : memberOf(a, ctx);
    const d = ctx.input.describe(a.key, member);
    return textLiteral(n.fn === 'label' ? (d?.label ?? ctx.set.fields.get(a.key)?.label ?? a.key) : (d?.at ?? ''));
  }
  if (n.t === 'call' && (n.fn === 'pct' || n.fn === 'chg')) {
    const x = n.args[0] ? compile(n.args[0], ctx) : { v: '0', d: F, type: 'plain' as const, unit: '' };
    const body = n.fn === 'pct' ? `TEXT(${x.v},"0.0%")` : `IF(${x.v}>0,"+","")&TEXT(${x.v},"0.0%")`;
    return x.d === T ? body : `IF(${x.d},${body},"（无数据）")`;
  }
  return shown(compile(n, ctx));
}

/** About how wide a message part shows (for sizing its row): labels as written, a value as 「70,000.00 万元」. */
function partWidth(n: Node, ctx: Ctx): number {
  if (n.t === 'call' && (n.fn === 'label' || n.fn === 'cell')) {
    const a = n.args[0];
    if (!a || a.t !== 'field') return 0;
    const member = a.member === '*' ? (allMembers(a, ctx)[0] ?? null) : memberOf(a, ctx);
    const d = ctx.input.describe(a.key, member);
    return displayWidth(n.fn === 'label' ? (d?.label ?? ctx.set.fields.get(a.key)?.label ?? a.key) : (d?.at ?? ''));
  }
  return 16;
}

export interface RuleFormulas {
  rule: CompiledRule;
  member: string | null;
  memberName: string | null;
  /** The 结果 cell: 通过 / 不通过 / 不适用. Null when the rule needs earlier quarters this template does not carry. */
  verdict: string | null;
  /** The 说明 cell, given the address of the 结果 cell: the message when it failed. */
  message: (verdictCell: string) => string;
  /** About how wide the message shows when it fails, in display columns. */
  messageWidth: number;
}

export const PASS = '通过';
export const FAIL = '不通过';
export const NOT_APPLICABLE = '不适用';
export const AT_IMPORT = '导入时校验';

/** Every instance of every rule (per member for forEach rules) with its formulas. */
export function ruleFormulas(set: CompiledRuleSet, input: SheetInputs): RuleFormulas[] {
  const out: RuleFormulas[] = [];
  for (const rule of set.rules) {
    const members = rule.def.forEach ? input.members(rule.def.forEach) : [null];
    for (const m of members) {
      const member = m ? m.code : null;
      const needsHistory = { missing: false };
      const ctx: Ctx = { set, input, member, period: null, needsHistory };
      const check = compile(rule.check, ctx);
      const when = rule.when ? compile(rule.when, ctx) : null;
      // The message cells are compiled with their own context: they never decide applicability.
      const message = (verdictCell: string): string => {
        const mctx: Ctx = { set, input, member, period: null, needsHistory: { missing: false } };
        const body = rule.message.map((p) => ('text' in p ? textLiteral(p.text) : messagePart(p.expr, mctx))).join('&') || '""';
        return `IF(${verdictCell}=${textLiteral(FAIL)},${body},"")`;
      };
      const applies = when ? and(when.d, when.v) : T;
      const verdict = needsHistory.missing
        ? null
        : `IFERROR(IF(NOT(${applies}),${textLiteral(NOT_APPLICABLE)},IF(NOT(${check.d}),${textLiteral(NOT_APPLICABLE)},IF(${check.v},${textLiteral(PASS)},${textLiteral(FAIL)}))),"无法校验")`;
      const messageWidth = rule.message.reduce((w, p) => w + ('text' in p ? displayWidth(p.text) : partWidth(p.expr, ctx)), 0);
      out.push({ rule, member, memberName: m ? m.name : null, verdict, message, messageWidth });
    }
  }
  return out;
}
