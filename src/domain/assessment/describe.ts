/**
 * A scheme as an analyst reads it before and after editing its JSON: each rule's
 * type and settings in Chinese words, the grade lines, the groups, and where a
 * stored version came from. Pure, so the window and the tests read the same words.
 */
import type { IndicatorDimension, IndicatorKind } from '../indicators/types';
import { formatFixed } from '../present/number';
import { formatPointsValue, OP_WORDS } from './rules';
import { type Grade, type Grading, type GroupDef, type Rule, type ScoreResult } from './types';

/** What the words need to know about an indicator a rule reads. */
export interface IndicatorMeta {
  label: string;
  kind: IndicatorKind;
  unit: string;
  dimension?: IndicatorDimension | null;
}
export type IndicatorLookup = (id: string) => IndicatorMeta | undefined;

/** Where a rule sits: an item scores points, a 加分项 adds them, a 扣分项 takes them away. */
export type RuleRole = 'item' | 'bonus' | 'penalty';

export const RULE_TYPE_LABELS: Record<Rule['type'], string> = {
  linear: '区间线性计分',
  ratioToBest: '与组内最优值之比',
  rank: '组内排名',
  threshold: '达标计分',
  compare: '指标对比',
  tolerance: '监管容忍度',
  regionAverage: '与全地区水平比较',
  reportDeductions: '按报送情况扣减',
  reportCount: '按报送情况扣分',
  qualitative: '定性评分',
};

/** What meeting the rule does: an item scores full points; a 加分项/扣分项 adds or takes its points (named when known). */
function outcome(role: RuleRole, points: number | undefined): { full: string; none: string } {
  const amount = points === undefined ? '满分值' : ` ${formatPointsValue(points)} 分`;
  if (role === 'bonus') return { full: `加${amount}`, none: '不加分' };
  if (role === 'penalty') return { full: `扣${amount}`, none: '不扣分' };
  return { full: '得满分', none: '不得分' };
}

/** Up to two decimals, trailing zeros dropped: 10 → "10", 12.5 → "12.5", 1234.567 → "1,234.57". */
function plain(x: number): string {
  return formatFixed(x, 2).replace(/\.?0+$/, '');
}

/** A rule's setting (a floor, a target, a threshold) in the indicator's own unit: 0.1 of a rate → "10%". */
export function formatRuleValue(value: number, meta: IndicatorMeta | undefined): string {
  switch (meta?.kind) {
    case 'ratio':
      return `${plain(value * 100)}%`;
    case 'ratioDiff':
      return `${plain(value * 100)} 个百分点`;
    case 'amount':
    case 'count':
      return `${plain(value)}${meta.unit ? ` ${meta.unit}` : ''}`;
    default:
      return plain(value);
  }
}

function indicatorName(id: string, member: string | undefined, lookup: IndicatorLookup): string {
  const meta = lookup(id);
  const label = meta?.label ?? id;
  if (!member) return label;
  if (member === '*') return `${label}（${meta?.dimension === 'county' ? '全部县区' : meta?.dimension === 'chain' ? '全部产业链' : '全部'}）`;
  return `${label}（${member}）`;
}

/** The rule's settings in one sentence: 「涉农贷款比年初增速 0% 及以下不得分，10% 及以上得满分，其间按比例计分」. */
export function describeRule(rule: Rule, lookup: IndicatorLookup, role: RuleRole = 'item', points?: number): string {
  const { full, none } = outcome(role, points);
  switch (rule.type) {
    case 'qualitative':
      return '由分析人员逐年逐机构评分，并写明理由';
    case 'reportDeductions':
      return `从满分起扣：每逾期报送 1 次扣 ${formatPointsValue(rule.perLate)} 分，每未报送 1 次扣 ${formatPointsValue(rule.perMissing)} 分，扣完为止`;
    case 'reportCount':
      return `每逾期报送 1 次扣 ${formatPointsValue(rule.perLate)} 分，每未报送 1 次扣 ${formatPointsValue(rule.perMissing)} 分，以分值为限`;
    default:
      break;
  }
  const name = indicatorName(rule.indicator, rule.member, lookup);
  const meta = lookup(rule.indicator);
  // A space after a figure, none after a Chinese unit: 「10% 及以上」, 「0 万元及以上」.
  const v = (x: number): string => {
    const t = formatRuleValue(x, meta);
    return /[\u4e00-\u9fff]$/.test(t) ? t : `${t} `;
  };
  switch (rule.type) {
    case 'linear':
      if (rule.target === rule.floor) return `${name}达到 ${v(rule.target)}时${full}，否则${none}`;
      if (rule.target > rule.floor) return `${name} ${v(rule.floor)}及以下${none}，${v(rule.target)}及以上${full}，其间按比例计分`;
      return `${name} ${v(rule.target)}及以下${full}，${v(rule.floor)}及以上${none}，其间按比例计分（越低越好）`;
    case 'ratioToBest':
      return rule.lowerIsBetter
        ? `按组内最低的${name}与本机构之比计分，组内最低者${full}`
        : `按本机构${name}与组内最高者之比计分，组内最高者${full}`;
    case 'rank':
      return `按${name}在组内${rule.lowerIsBetter ? '由低到高' : '由高到低'}排名计分，第 1 名${full}，末名${none}，其间等差`;
    case 'threshold':
      return `${name}${OP_WORDS[rule.op][0]} ${v(rule.value)}时${full}，否则${none}`;
    case 'compare': {
      const other = indicatorName(rule.against, undefined, lookup);
      if (rule.proportional) return `${name}${OP_WORDS[rule.op][0]}${other}时${full}，否则按 ${name} ÷ ${other} × 分值计分`;
      return `${name}${OP_WORDS[rule.op][0]}${other}时${full}，否则${none}`;
    }
    case 'tolerance': {
      const other = `本机构${indicatorName(rule.against, undefined, lookup)}`;
      const tol = `${plain(rule.tolerance * 100)} 个百分点`;
      if ((rule.when ?? 'within') === 'beyond') return `${name}超过${other}加 ${tol}（监管容忍度）时${full}，容忍度内${none}`;
      return `${name}不超过${other}加 ${tol}（监管容忍度）时${full}，否则${none}`;
    }
    case 'regionAverage':
      return `${name}${rule.lowerIsBetter ? '不高于' : '不低于'}全地区水平时${full}，否则${none}`;
  }
}

/** One line per grade, best first, as the scoring assigns them (see grade.ts). */
export function gradingLines(grading: Grading): { grade: Grade; rule: string }[] {
  if (grading.method === 'score') {
    const sorted = [...grading.cutoffs].sort((a, b) => b.min - a.min);
    const lines = sorted.map((c, i) => {
      const above = sorted[i - 1];
      return { grade: c.grade, rule: above ? `${plain(c.min)} 分及以上、不足 ${plain(above.min)} 分` : `${plain(c.min)} 分及以上` };
    });
    const lowest = sorted[sorted.length - 1];
    // Below every cut-off the scoring gives 勉励.
    if (lowest && lowest.min > 0 && !sorted.some((c) => c.grade === '勉励')) lines.push({ grade: '勉励', rule: `不足 ${plain(lowest.min)} 分` });
    if (!lowest) lines.push({ grade: '勉励', rule: '全部机构' });
    return lines;
  }
  let cumulative = 0;
  const lines = grading.shares.map((s, i) => {
    cumulative += s.share;
    const share = `${plain(s.share * 100)}%`;
    return { grade: s.grade, rule: i === 0 ? `组内排名前 ${share}` : `其后 ${share}（累计前 ${plain(cumulative * 100)}%）` };
  });
  // Whoever is left after the shares gets 勉励.
  if (cumulative < 1 - 1e-9) {
    const last = lines[lines.length - 1];
    if (last && last.grade === '勉励') last.rule = `${last.rule}及其余机构`;
    else lines.push({ grade: '勉励', rule: lines.length ? '其余机构' : '全部机构' });
  }
  // A group smaller than minGroupSize is graded by score: each line says both.
  const min = grading.minGroupSize ?? 1;
  if (min > 1) {
    const byScore = gradingLines({ method: 'score', cutoffs: grading.cutoffs ?? [] });
    for (const g of byScore) if (!lines.some((l) => l.grade === g.grade)) lines.push({ grade: g.grade, rule: '' });
    for (const l of lines) {
      const score = byScore.find((g) => g.grade === l.grade)?.rule ?? '—';
      l.rule = `${l.rule ? `${l.rule}（${min} 家及以上的组）` : `—（${min} 家及以上的组）`}；不足 ${min} 家的组：${score}`;
    }
  }
  return lines;
}

/** Who falls in a group, in the order the scoring looks: named institutions, then type and size. */
export function groupMembership(g: GroupDef): string {
  const parts: string[] = [];
  if (g.institutions?.length) parts.push(`指定机构：${g.institutions.join('、')}`);
  if (g.types?.length) parts.push(`机构类型：${g.types.join('、')}`);
  if (g.sizes?.length) parts.push(`规模：${g.sizes.join('、')}`);
  return parts.length ? parts.join('；') : '未设条件（不会自动归入机构）';
}

/** A stored version's origin: shipped with the software, or imported from a file. */
export function schemeSourceLabel(source: string): string {
  if (source === 'shipped') return '软件自带（示例）';
  if (source.startsWith('import:')) return `导入：${source.slice('import:'.length)}`;
  if (source === 'edit') return '在「考核方案」中修改';
  return source;
}

/** Which quarter's figures stand for the year: 4 → 「各年第四季度末数据」. */
export function dataQuarterLabel(q: number): string {
  return `各年第${['一', '二', '三', '四'][q - 1] ?? q}季度末数据`;
}

/** The file name offered when a version is exported: 「<方案名称>_第N版.json」, without characters Windows refuses. */
export function schemeFileName(name: string, version: number): string {
  const safe = name.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim() || '考核方案';
  return `${safe}_第${version}版.json`;
}

/** The choice 「自动」: a year with a saved result is scored with the version it was saved with, any other year with the newest. */
export const AUTO_SCHEME = '';

/**
 * The versions an analyst can score a year with, newest first, as scheme
 * references (`id@version`, what the services accept), after the automatic choice.
 */
export function schemeVersionOptions(schemes: readonly { id: string; name: string; version: number; versions: readonly number[] }[]): { value: string; label: string }[] {
  const out = [{ value: AUTO_SCHEME, label: '自动（已保存的年度用原版本）' }];
  for (const s of schemes) {
    for (const v of [...s.versions].sort((a, b) => b - a)) out.push({ value: `${s.id}@${v}`, label: `${s.name}（第${v}版${v === s.version ? '，最新' : ''}）` });
  }
  return out;
}

/** While some qualitative scores the ranked banks need are missing, the grades are 暂定 (provisional). */
export function isProvisional(r: Pick<ScoreResult, 'qualitative'>): boolean {
  return r.qualitative.entered < r.qualitative.needed;
}

/** The 暂定 line the page, the Excel export, the Word draft and the CLI carry alike; null when the grades stand. */
export function provisionalNote(r: Pick<ScoreResult, 'qualitative'>): string | null {
  return isProvisional(r) ? `等次暂定：定性评分已录入 ${r.qualitative.entered}/${r.qualitative.needed} 项，全部录入后等次才是本年度的结果。` : null;
}

/** A grade as shown beside a provisional result: 良好（暂定）. */
export function gradeText(grade: Grade, r: Pick<ScoreResult, 'qualitative'>): string {
  return isProvisional(r) ? `${grade}（暂定）` : grade;
}

/** The fictional banks (示例机构) the ranking leaves out, in words; null when there are none. */
export function examplesNote(r: Pick<ScoreResult, 'examples'>): string | null {
  return r.examples.length ? `示例机构不参加排名、不评等次：${r.examples.map((e) => e.institutionName).join('、')}（在「机构与设置」中转为正式机构后参加）。` : null;
}
