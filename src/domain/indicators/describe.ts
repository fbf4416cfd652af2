/**
 * An indicator in words, read from its expression (so the words cannot drift from
 * the computation): the formula with the report items it reads, and the
 * comparable-set rule (可比口径) that decides which institutions are counted.
 */
import type { Expr, IndicatorDef, PeriodShift } from './types';

export interface DescribeContext {
  /** The label of a report field (涉农贷款余额). */
  fieldLabel: (key: string) => string;
  indicator: (id: string) => IndicatorDef | undefined;
  /** The name of a dimension member (富硒茶, 汉滨区); `*` means every member. */
  memberName: (code: string) => string;
  /** The member the indicator is evaluated for (chain or county code), if any. */
  member: string | null;
  /** Summed over several institutions: fields carry Σ. */
  aggregate: boolean;
}

const PERIOD_WORD: Record<PeriodShift, string> = { current: '本期', yearStart: '上年末', lastYear: '上年同期', prevQuarter: '上季末' };

export function periodWord(shift: PeriodShift | undefined): string {
  return PERIOD_WORD[shift ?? 'current'];
}

/** The period a read quarter stands in, seen from the figure's quarter (2025Q4 vs 2024Q4 → 上年末). */
export function periodOf(figureQuarter: string, readQuarter: string): string {
  if (figureQuarter === readQuarter) return '本期';
  const [fy, fq] = [Number(figureQuarter.slice(0, 4)), Number(figureQuarter.slice(5))];
  const [ry, rq] = [Number(readQuarter.slice(0, 4)), Number(readQuarter.slice(5))];
  // At a fourth quarter 上年末 and 上年同期 are the same quarter: it is named 上年末.
  if (ry === fy - 1 && rq === 4) return '上年末';
  if (ry === fy - 1 && rq === fq) return '上年同期';
  if ((fy - ry) * 4 + (fq - rq) === 1) return '上季末';
  return `${ry}年第${'一二三四'[rq - 1] ?? rq}季度末`;
}

function memberSuffix(member: string | undefined, ctx: DescribeContext): string {
  if (member === undefined) return '';
  const code = member === '$member' ? (ctx.member ?? '*') : member;
  return code === '*' ? '（各分项合计）' : `（${ctx.memberName(code)}）`;
}

function compose(outer: string | null, inner: PeriodShift | undefined): string | null {
  if (inner === undefined || inner === 'current') return outer;
  return outer ? `${outer}的${periodWord(inner)}` : periodWord(inner);
}

/** Parentheses around a sum or difference used inside a product or quotient. */
function wrap(e: Expr, text: string): string {
  return 'op' in e && (e.op === 'add' || e.op === 'sub' || e.op === 'change') ? `（${text}）` : text;
}

function render(e: Expr, ctx: DescribeContext, period: string | null, seen: Set<string>): string {
  const at = (p: string | null): string => (p ? `［${p}］` : '');
  if ('field' in e) {
    const p = compose(period, e.at);
    const name = `「${ctx.fieldLabel(e.field)}${memberSuffix(e.member, ctx)}」`;
    const sigma = ctx.aggregate ? 'Σ' : '';
    if (e.weight !== undefined) {
      const w = `「${ctx.fieldLabel(e.weight)}${memberSuffix(e.member, ctx)}」`;
      return ctx.aggregate ? `Σ(${name}×${w})${at(p)} ÷ Σ${w}${at(p)}` : `${name}${at(p)}`;
    }
    return `${sigma}${name}${at(p)}`;
  }
  if ('ref' in e) {
    const target = ctx.indicator(e.ref);
    if (!target || seen.has(e.ref)) return `「${e.ref}」`;
    const p = compose(period, e.at);
    // A named indicator reads better by its name with its own formula in brackets.
    return `${target.label}${at(p)}〔${render(target.expr, ctx, p, new Set([...seen, e.ref]))}〕`;
  }
  switch (e.op) {
    case 'const':
      return String(e.value);
    case 'growth': {
      const base = compose(period, e.base);
      const now = render(e.arg, ctx, period ?? '本期', seen);
      const then = render(e.arg, ctx, base, seen);
      return `（${now} − ${then}）÷ ${wrap(e.arg, then)}`;
    }
    case 'change':
      return `${render(e.arg, ctx, period ?? '本期', seen)} − ${render(e.arg, ctx, compose(period, e.base), seen)}`;
    case 'add':
    case 'sub': {
      const sign = e.op === 'add' ? ' + ' : ' − ';
      return e.args.map((a) => render(a, ctx, period, seen)).join(sign);
    }
    case 'mul':
    case 'div': {
      const sign = e.op === 'mul' ? ' × ' : ' ÷ ';
      return e.args.map((a) => wrap(a, render(a, ctx, period, seen))).join(sign);
    }
  }
}

/** The formula of an indicator in words: （Σ「涉农贷款余额」［本期］ − Σ「涉农贷款余额」［上年末］）÷ Σ「涉农贷款余额」［上年末］. */
export function formulaText(def: IndicatorDef, ctx: DescribeContext): string {
  return render(def.expr, ctx, null, new Set([def.id]));
}

/** A sub-expression (an operand shown beside the value) in words. */
export function exprText(e: Expr, ctx: DescribeContext, period: string | null = null): string {
  return render(e, ctx, period, new Set());
}

export interface RuleInput {
  field: string;
  /** Quarter label as users read it (2024年第四季度). */
  quarterLabel: string;
  member: string;
}

/**
 * The comparable-set rule in words: which institutions are counted and why the others are not.
 * An institution that misses one input is left out whole (never counted as 0), so a bank that
 * did not report last year cannot inflate a growth rate.
 */
export function comparableRule(def: IndicatorDef, inputs: readonly RuleInput[], ctx: Pick<DescribeContext, 'fieldLabel' | 'memberName'>, aggregate: boolean): string {
  const byQuarter = new Map<string, string[]>();
  for (const i of inputs) {
    const label = ctx.fieldLabel(i.field);
    const name = i.member === '' ? `「${label}」` : i.member === '*' ? `「${label}」（任一分项）` : `「${label}（${ctx.memberName(i.member)}）」`;
    const list = byQuarter.get(i.quarterLabel) ?? [];
    if (!list.includes(name)) list.push(name);
    byQuarter.set(i.quarterLabel, list);
  }
  const needs = [...byQuarter.entries()].map(([q, names]) => `${q}的${names.join('、')}`).join('，以及');
  if (!aggregate) return `本机构须报送${needs}，缺任一项即为无数据（不按 0 计算）。`;
  const why = inputs.length > 1 ? `各期、各项使用同一批机构，缺报的机构不会拉高或压低${def.label}` : '未填报的机构不按 0 计入';
  return `只计入报送了${needs}的机构；缺任一项的机构整体不计入（${why}）。合计先分别加总各机构的数值${'op' in def.expr || 'ref' in def.expr ? '，比率由合计数再计算，不是各机构比率的平均' : ''}。`;
}

/** What kind of number a sub-expression gives, to show it in its own unit. */
export function exprKind(e: Expr, fieldType: (key: string) => string, indicator: (id: string) => IndicatorDef | undefined): IndicatorDef['kind'] {
  if ('field' in e) {
    const t = fieldType(e.field);
    return t === 'rate' ? 'ratio' : t === 'count' ? 'count' : 'amount';
  }
  if ('ref' in e) return indicator(e.ref)?.kind ?? 'amount';
  switch (e.op) {
    case 'const':
      return 'count';
    case 'growth':
    case 'div':
      return 'ratio';
    case 'mul':
      return 'amount';
    case 'change':
    case 'add':
    case 'sub': {
      const inner = exprKind(e.op === 'change' ? e.arg : (e.args[0] ?? { op: 'const', value: 0 }), fieldType, indicator);
      return inner === 'ratio' || inner === 'ratioDiff' ? 'ratioDiff' : inner;
    }
  }
}

export const OPERAND_ROLE: Record<'current' | 'base' | 'numerator' | 'denominator' | 'term', string> = {
  current: '本期',
  base: '基期',
  numerator: '分子',
  denominator: '分母',
  term: '项',
};
