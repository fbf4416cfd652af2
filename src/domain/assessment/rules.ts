/**
 * Scoring rules: each turns an institution's figures into points with a
 * Chinese sentence that says why (「涉农贷款增速 12.3% 高于各项贷款增速 8.1%，得 5/5 分」).
 */
import { formatAmount, formatPercent, formatPoints, NO_DATA } from '../indicators/format';
import { inputKey, type Comparison, type Rule, type ScoringInput, type ScoringInstitution } from './types';

export interface RuleContext {
  input: ScoringInput;
  institution: ScoringInstitution;
  /** The institutions of the same group (including this one). */
  group: ScoringInstitution[];
  groupLabel: string;
  year: number;
  /** The item being scored (qualitative entries are kept per item). */
  itemId: string;
}

export interface RuleOutcome {
  raw: number | null;
  score: number;
  explanation: string;
}

/** Points are kept to two decimals, so totals add up exactly as printed. */
export function roundPoints(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function formatPointsValue(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

function got(score: number, max: number): string {
  return `得 ${formatPointsValue(score)}/${formatPointsValue(max)} 分`;
}

function describe(ctx: RuleContext, indicator: string, value: number | null): string {
  const meta = ctx.input.indicators[indicator];
  if (value === null) return NO_DATA;
  switch (meta?.kind) {
    case 'ratio':
      return formatPercent(value);
    case 'ratioDiff':
      return formatPoints(value);
    case 'count':
      return `${formatAmount(value, 0)}${meta.unit}`;
    default:
      return `${formatAmount(value)}${meta?.unit ?? ''}`;
  }
}

function labelOf(ctx: RuleContext, indicator: string): string {
  return ctx.input.indicators[indicator]?.label ?? indicator;
}

export function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
  }
}

/** A comparison in words: [met, not met] (「不低于」 / 「低于」). */
export const OP_WORDS: Record<Comparison, [string, string]> = {
  '>=': ['不低于', '低于'],
  '>': ['高于', '不高于'],
  '<=': ['不高于', '高于'],
  '<': ['低于', '不低于'],
};

/** The comparison in words, as 高于 / 低于 / 持平 when the figures allow it. */
function relation(a: number, b: number): string {
  return a > b ? '高于' : a < b ? '低于' : '持平于';
}

export function applyRule(rule: Rule, max: number, ctx: RuleContext): RuleOutcome {
  const inst = ctx.institution;
  switch (rule.type) {
    case 'qualitative': {
      const q = inst.qualitative[ctx.itemId];
      if (!q) return { raw: null, score: 0, explanation: `尚未录入定性评分，${got(0, max)}` };
      const s = roundPoints(Math.min(Math.max(q.score, 0), max));
      return { raw: q.score, score: s, explanation: `定性评分（${q.reason}），${got(s, max)}` };
    }
    case 'reportDeductions':
    case 'reportCount': {
      const { late, missing, due } = inst.reports;
      const deduction = late * rule.perLate + missing * rule.perMissing;
      const backfilled = inst.reports.backfilled ?? 0;
      const counted = `${ctx.year}年应报 ${due} 期，逾期报送 ${late} 次、未报送 ${missing} 次${backfilled > 0 ? `（补录 ${backfilled} 期，不计及时性）` : ''}`;
      if (rule.type === 'reportCount') {
        const d = roundPoints(Math.min(deduction, max));
        return { raw: late + missing, score: d, explanation: d > 0 ? `${counted}，扣 ${formatPointsValue(d)} 分（上限 ${formatPointsValue(max)} 分）` : `${counted}，不扣分` };
      }
      const s = roundPoints(Math.max(max - deduction, 0));
      return { raw: late + missing, score: s, explanation: `${counted}，扣 ${formatPointsValue(roundPoints(max - s))} 分，${got(s, max)}` };
    }
    default:
      break;
  }
  const key = inputKey(rule);
  const x = inst.values[key] ?? null;
  const label = labelOf(ctx, rule.indicator);
  const shown = describe(ctx, rule.indicator, x);
  if (x === null) return { raw: null, score: 0, explanation: `${label}${NO_DATA}，${got(0, max)}` };
  switch (rule.type) {
    case 'linear': {
      const span = rule.target - rule.floor;
      const frac = span === 0 ? (x >= rule.target ? 1 : 0) : Math.min(Math.max((x - rule.floor) / span, 0), 1);
      const s = roundPoints(max * frac);
      const f = describe(ctx, rule.indicator, rule.floor);
      const t = describe(ctx, rule.indicator, rule.target);
      return { raw: x, score: s, explanation: `${label} ${shown}（${span < 0 ? '低于' : '达到'}目标值 ${t} 得满分，${span < 0 ? '高于' : '不足'} ${f} 不得分），${got(s, max)}` };
    }
    case 'ratioToBest': {
      const vals = groupValues(ctx, key);
      const best = rule.lowerIsBetter ? Math.min(...vals) : Math.max(...vals);
      let frac: number;
      if (rule.lowerIsBetter) frac = x <= 0 ? 1 : best <= 0 ? 0 : best / x;
      else frac = best <= 0 || x <= 0 ? 0 : x / best;
      const s = roundPoints(max * Math.min(Math.max(frac, 0), 1));
      // Alone in its group (a policy bank scored apart), the bank is its own best.
      if (vals.length <= 1) return { raw: x, score: s, explanation: `${label} ${shown}，${ctx.groupLabel}内无其他可比机构，${got(s, max)}` };
      return { raw: x, score: s, explanation: `${label} ${shown}，${ctx.groupLabel}${rule.lowerIsBetter ? '最低' : '最高'} ${describe(ctx, rule.indicator, best)}，${got(s, max)}` };
    }
    case 'rank': {
      const vals = groupValues(ctx, key);
      if (vals.length <= 1) return { raw: x, score: max, explanation: `${label} ${shown}，${ctx.groupLabel}内无其他可比机构，${got(max, max)}` };
      const better = vals.filter((v) => (rule.lowerIsBetter ? v < x : v > x)).length;
      const rank = better + 1;
      const n = vals.length;
      const s = roundPoints((max * (n - rank)) / (n - 1));
      return { raw: x, score: s, explanation: `${label} ${shown}，${ctx.groupLabel}第 ${rank} 名（共 ${n} 家有数据），${got(s, max)}` };
    }
    case 'threshold': {
      const met = compare(x, rule.op, rule.value);
      const s = met ? max : 0;
      const [yes, no] = OP_WORDS[rule.op];
      return { raw: x, score: s, explanation: `${label} ${shown}，${met ? yes : no} ${describe(ctx, rule.indicator, rule.value)}，${met ? '达标' : '未达标'}，${got(s, max)}` };
    }
    case 'compare': {
      const y = inst.values[rule.against] ?? null;
      const otherLabel = labelOf(ctx, rule.against);
      if (y === null) return { raw: x, score: 0, explanation: `${otherLabel}${NO_DATA}，无法比较，${got(0, max)}` };
      const met = compare(x, rule.op, y);
      const against = `${label} ${shown} ${relation(x, y)}${otherLabel} ${describe(ctx, rule.against, y)}`;
      if (met || !rule.proportional) return { raw: x, score: met ? max : 0, explanation: `${against}，${got(met ? max : 0, max)}` };
      // Proportional: 实际 ÷ 比较值 × 满分 (only meaningful when the value compared with is positive).
      const frac = y > 0 && x > 0 ? x / y : 0;
      const s = roundPoints(max * Math.min(frac, 1));
      const why = y > 0 ? `按 ${shown} ÷ ${describe(ctx, rule.against, y)} 计分` : `${otherLabel}不为正，按比例无从计算`;
      return { raw: x, score: s, explanation: `${against}，${why}，${got(s, max)}` };
    }
    case 'tolerance': {
      const y = inst.values[rule.against] ?? null;
      const otherLabel = labelOf(ctx, rule.against);
      if (y === null) return { raw: x, score: 0, explanation: `本机构${otherLabel}${NO_DATA}，无法比较，${got(0, max)}` };
      const limit = y + rule.tolerance;
      const within = x <= limit + 1e-12;
      const margin = `本机构${otherLabel} ${describe(ctx, rule.against, y)} 加容忍度 ${formatPoints(rule.tolerance)}，即 ${describe(ctx, rule.indicator, limit)}`;
      if ((rule.when ?? 'within') === 'within') {
        const s = within ? max : 0;
        return { raw: x, score: s, explanation: `${label} ${shown}，${within ? '未超过' : '超过'}${margin}，${got(s, max)}` };
      }
      const d = within ? 0 : max;
      return { raw: x, score: d, explanation: `${label} ${shown}，${within ? '在容忍度内（未超过' : '超过'}${margin}${within ? '），不扣分' : `，扣 ${formatPointsValue(d)} 分`}` };
    }
    case 'regionAverage': {
      const avg = ctx.input.regionValues[key] ?? null;
      if (avg === null) return { raw: x, score: 0, explanation: `全地区${label}${NO_DATA}，无法比较，${got(0, max)}` };
      const met = rule.lowerIsBetter ? x <= avg : x >= avg;
      const s = met ? max : 0;
      return { raw: x, score: s, explanation: `${label} ${shown} ${relation(x, avg)}${ctx.input.regionName}平均 ${describe(ctx, rule.indicator, avg)}，${got(s, max)}` };
    }
  }
}

function groupValues(ctx: RuleContext, key: string): number[] {
  return ctx.group.map((g) => g.values[key] ?? null).filter((v): v is number => v !== null);
}
