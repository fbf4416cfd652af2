/** Checks a scheme before it is stored or used; problems are listed in Chinese. */
import { GRADES, type Rule, type Scheme } from './types';
import { attainable, gradingProblems, hundredths, twoDecimals } from './edit';
import { formatPointsValue } from './rules';

export function validateScheme(s: Scheme, indicators: ReadonlyMap<string, { dimension: string | null }>, opts: { checkTotals?: boolean } = {}): string[] {
  const p: string[] = [];
  if (!s || typeof s !== 'object') return ['方案文件不是有效的 JSON 对象。'];
  if (!s.id || !/^[A-Za-z0-9_.-]+$/.test(s.id)) p.push('方案编号（id）只能含字母、数字、下划线、点和连字符。');
  if (!s.name) p.push('方案缺少名称（name）。');
  if (!s.region) p.push('方案缺少地区（region）。');
  if (![1, 2, 3, 4].includes(s.dataQuarter)) p.push('dataQuarter 应为 1–4（取哪个季度末的数据，通常为 4）。');
  if (!Array.isArray(s.items) || !Array.isArray(s.categories) || !Array.isArray(s.groups) || !s.bonus || !s.penalty || !s.grading || !s.parts) {
    p.push('方案缺少 items、categories、groups、bonus、penalty、grading 或 parts。');
    return p;
  }
  const cats = new Map(s.categories.map((c) => [c.id, c]));
  const ids = new Set<string>();
  const all = [...s.items, ...s.bonus.items, ...s.penalty.items];
  for (const it of all) {
    if (ids.has(it.id)) p.push(`评分项「${it.id}」重复。`);
    ids.add(it.id);
    if (!(typeof it.max === 'number' && it.max >= 0)) p.push(`评分项「${it.id}」的分值（max）应为非负数。`);
    else if (!twoDecimals(it.max)) p.push(`评分项「${it.id}」的分值（max）最多两位小数。`);
    p.push(...ruleProblems(it.id, it.rule, indicators));
  }
  for (const it of s.items) if (!cats.has(it.category)) p.push(`评分项「${it.id}」的类别「${it.category}」未在 categories 中定义。`);
  if (opts.checkTotals !== false) {
    for (const part of ['quantitative', 'qualitative'] as const) {
      // In hundredths: 0.1 + 0.2 adds up to 0.3 here, as it does on paper.
      const sum = s.items.filter((i) => cats.get(i.category)?.part === part).reduce((a, i) => a + hundredths(i.max), 0);
      if (sum !== hundredths(s.parts[part])) p.push(`${part === 'quantitative' ? '定量' : '定性'}指标分值合计 ${formatPointsValue(sum / 100)} 分，与设定的 ${formatPointsValue(s.parts[part])} 分不符。`);
    }
  }
  if (!(s.bonus.cap >= 0) || !(s.penalty.cap >= 0)) p.push('加分项、扣分项的上限（cap）应为非负数。');
  else if (!twoDecimals(s.bonus.cap) || !twoDecimals(s.penalty.cap)) p.push('加分项、扣分项的上限（cap）最多两位小数。');
  const groupIds = new Set<string>();
  for (const g of s.groups) {
    if (groupIds.has(g.id)) p.push(`机构分组「${g.id}」重复。`);
    groupIds.add(g.id);
  }
  if (s.grading.method === 'score') {
    for (const c of s.grading.cutoffs) if (!GRADES.includes(c.grade)) p.push(`等级「${c.grade}」无效，应为 ${GRADES.join('、')}。`);
  } else if (s.grading.method === 'share') {
    for (const c of s.grading.shares) if (!GRADES.includes(c.grade)) p.push(`等级「${c.grade}」无效，应为 ${GRADES.join('、')}。`);
    const min = s.grading.minGroupSize;
    if (min !== undefined && !(Number.isInteger(min) && min >= 1)) p.push('按比例评级的最小组规模（minGroupSize）应为正整数。');
    if (min !== undefined && min > 1 && !s.grading.cutoffs?.length) p.push(`按比例评级设了最小组规模 ${min} 家，还需写明不足 ${min} 家的组按分数评级的分数线（cutoffs）。`);
    for (const c of s.grading.cutoffs ?? []) if (!GRADES.includes(c.grade)) p.push(`等级「${c.grade}」无效，应为 ${GRADES.join('、')}。`);
  } else {
    p.push('grading.method 应为 score（按分数）或 share（按组内比例）。');
    return p;
  }
  // Lines in order (优秀 above 良好 …), none above what can be scored, shares within 100%: the grid's rules, for a file too.
  if (Array.isArray(s.grading.method === 'score' ? s.grading.cutoffs : s.grading.shares)) p.push(...gradingProblems(s.grading, attainable(s)).map((x) => `${x}。`));
  return p;
}

function ruleProblems(id: string, r: Rule, indicators: ReadonlyMap<string, { dimension: string | null }>): string[] {
  const out: string[] = [];
  const known = ['linear', 'ratioToBest', 'rank', 'threshold', 'compare', 'tolerance', 'regionAverage', 'reportDeductions', 'reportCount', 'qualitative'];
  if (!r || !known.includes(r.type)) return [`评分项「${id}」的计分规则「${r?.type}」无效，可选：${known.join('、')}。`];
  if ('indicator' in r) {
    const ind = indicators.get(r.indicator);
    if (!ind) out.push(`评分项「${id}」引用了不存在的指标「${r.indicator}」。`);
    else if (ind.dimension && !r.member) out.push(`评分项「${id}」引用的指标「${r.indicator}」按${ind.dimension === 'chain' ? '产业链' : '县'}计算，需写明 member（如 "*" 表示全部）。`);
  }
  if ((r.type === 'compare' || r.type === 'tolerance') && !indicators.has(r.against)) out.push(`评分项「${id}」比较的指标「${r.against}」不存在。`);
  if (r.type === 'tolerance') {
    if (!(Number.isFinite(r.tolerance) && r.tolerance >= 0)) out.push(`评分项「${id}」的容忍度（tolerance）应为非负数（如 0.03 表示 3 个百分点）。`);
    if (r.when !== undefined && r.when !== 'within' && r.when !== 'beyond') out.push(`评分项「${id}」的 when 应为 within（容忍度内得分）或 beyond（超过容忍度扣分）。`);
  }
  if (r.type === 'linear' && !(Number.isFinite(r.floor) && Number.isFinite(r.target))) out.push(`评分项「${id}」的 floor 和 target 应为数字。`);
  return out;
}
