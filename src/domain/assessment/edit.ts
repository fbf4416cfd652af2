/**
 * Editing a scheme's numbers as an analyst does in a grid: the points (weights) of items,
 * 加分项 and 扣分项, the caps of the last two, and the grade lines (分数线 or 组内比例).
 * Pure, so the window's live checks and the service that stores the next version read the
 * same rules and the same words; the rule types, items and groups stay as they are (those
 * change through the JSON exchange file).
 */
import { formatPointsValue } from './rules';
import { GRADES, type AdjustmentDef, type Grade, type Grading, type ItemDef, type Part, type Scheme } from './types';

/** What the grid may change. Only what is given changes; everything else stays as in the base version. */
export interface SchemeEdit {
  /** Points by item id (items, 加分项 and 扣分项). */
  points?: Record<string, number>;
  caps?: { bonus?: number; penalty?: number };
  /** The score cut-offs (method score, or the cut-offs a share grading uses for small groups). */
  cutoffs?: { grade: Grade; min: number }[];
  /** The shares of a share grading, fractions (0.2 = 20%). */
  shares?: { grade: Grade; share: number }[];
}

/** One change between two versions, in words: 「涉农贷款比年初增量」分值, 7 分 → 8 分. */
export interface SchemeChange {
  item: string;
  before: string;
  after: string;
}

const PART_LABELS: Record<Part, string> = { quantitative: '定量指标', qualitative: '定性指标' };

/** Hundredths, exactly: the grid's figures have at most two decimals, so sums are compared without float drift. */
export function hundredths(x: number): number {
  return Math.round(x * 100);
}

/** Whether a figure has at most two decimals (7, 7.5, 7.25; not 7.125). */
export function twoDecimals(x: number): boolean {
  return Number.isFinite(x) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;
}

/** A points figure's problem in words, or '' when it is a non-negative number with at most two decimals. */
export function pointsProblem(x: number): string {
  if (!Number.isFinite(x)) return '应为数字';
  if (x < 0) return '不能为负数';
  if (!twoDecimals(x)) return '最多两位小数';
  return '';
}

/** A share (fraction) as its percentage has at most two decimals: 0.2 → 20%, 0.125 → 12.5%. */
export function sharePercent(share: number): string {
  return `${formatPointsValue(hundredths(share * 100) / 100)}%`;
}

/** Sum of points in hundredths. */
function sumOf(xs: readonly { max: number }[]): number {
  return xs.reduce((a, x) => a + hundredths(x.max), 0);
}

export interface PartTotal {
  part: Part;
  label: string;
  /** What the scheme declares for the part (75 for 定量). */
  declared: number;
  /** What its items add up to now. */
  total: number;
  /** total − declared (positive: 多, negative: 少). */
  difference: number;
}

/** Each part's items against what the scheme declares for it, and the whole (parts added up). */
export function partTotals(scheme: Scheme): { parts: PartTotal[]; overall: { declared: number; total: number; difference: number } } {
  const partOf = new Map(scheme.categories.map((c) => [c.id, c.part]));
  const parts = (['quantitative', 'qualitative'] as const).map((part): PartTotal => {
    const total = sumOf(scheme.items.filter((i) => partOf.get(i.category) === part));
    const declared = hundredths(scheme.parts[part]);
    return { part, label: PART_LABELS[part], declared: declared / 100, total: total / 100, difference: (total - declared) / 100 };
  });
  const total = parts.reduce((a, p) => a + hundredths(p.total), 0);
  const declared = parts.reduce((a, p) => a + hundredths(p.declared), 0);
  return { parts, overall: { declared: declared / 100, total: total / 100, difference: (total - declared) / 100 } };
}

/** Each category's points added up (a subtotal row of the grid). */
export function categoryTotal(scheme: Scheme, category: string): number {
  return sumOf(scheme.items.filter((i) => i.category === category)) / 100;
}

/** 「多 1 分」/「少 0.5 分」 for a total that misses what is declared. */
export function differenceWords(difference: number): string {
  return `${difference > 0 ? '多' : '少'} ${formatPointsValue(Math.abs(difference))} 分`;
}

/** The most an institution can total: every item's points and the full 加分 cap. */
export function attainable(scheme: Scheme): number {
  return (hundredths(scheme.parts.quantitative) + hundredths(scheme.parts.qualitative) + hundredths(scheme.bonus.cap)) / 100;
}

/** A grade line's problem, with the cell it belongs to (the grid marks that cell). */
export interface GradeLineProblem {
  grade: Grade;
  /** cutoff: the 分数线 cell; share: the 组内比例 cell; shares: the shares as a whole. */
  cell: 'cutoff' | 'share' | 'shares';
  text: string;
}

/**
 * The grade lines' problems: each figure non-negative with two decimals, no grade twice,
 * better grades above worse ones (优秀 > 良好 > 一般 > 勉励), no line above what can be scored,
 * shares adding up to at most 100%.
 */
export function gradeLineProblems(grading: Grading, maxTotal: number): GradeLineProblem[] {
  const p: GradeLineProblem[] = [];
  const cutoffs = grading.method === 'score' ? grading.cutoffs : (grading.cutoffs ?? []);
  const byRank = [...cutoffs].sort((a, b) => GRADES.indexOf(a.grade) - GRADES.indexOf(b.grade));
  for (const c of byRank) {
    const problem = pointsProblem(c.min);
    if (problem) p.push({ grade: c.grade, cell: 'cutoff', text: `等次「${c.grade}」的分数线${problem}` });
    else if (c.min > maxTotal + 1e-9) p.push({ grade: c.grade, cell: 'cutoff', text: `等次「${c.grade}」的分数线 ${formatPointsValue(c.min)} 分高于可得的最高总分 ${formatPointsValue(maxTotal)} 分` });
  }
  for (let i = 1; i < byRank.length; i++) {
    const better = byRank[i - 1];
    const worse = byRank[i];
    if (!better || !worse) continue;
    if (better.grade === worse.grade) p.push({ grade: worse.grade, cell: 'cutoff', text: `等次「${worse.grade}」的分数线重复` });
    else if (!(worse.min < better.min)) p.push({ grade: worse.grade, cell: 'cutoff', text: `等次「${worse.grade}」的分数线 ${formatPointsValue(worse.min)} 分应低于「${better.grade}」的 ${formatPointsValue(better.min)} 分` });
  }
  if (grading.method === 'share') {
    for (const s of grading.shares) {
      if (!(Number.isFinite(s.share) && s.share >= 0)) p.push({ grade: s.grade, cell: 'share', text: `等次「${s.grade}」的比例应为不小于 0 的百分数` });
      else if (!twoDecimals(s.share * 100)) p.push({ grade: s.grade, cell: 'share', text: `等次「${s.grade}」的比例最多两位小数（百分数）` });
    }
    const total = grading.shares.reduce((a, s) => a + hundredths(s.share * 10000), 0);
    const first = grading.shares[0];
    if (total > 1000000 && first) p.push({ grade: first.grade, cell: 'shares', text: `按比例评级的比例合计 ${formatPointsValue(total / 10000)}% 超过 100%` });
  }
  return p;
}

export function gradingProblems(grading: Grading, maxTotal: number): string[] {
  return gradeLineProblems(grading, maxTotal).map((x) => x.text);
}

/**
 * A figure as typed in a cell (or pasted from Excel): 「7」「7.5」「7.25」, a trailing 分 or, for
 * a percentage, % allowed; the value, or what is wrong in words.
 */
export function parseFigure(text: string, percent = false): { value: number } | { problem: string } {
  // Full-width digits and point (typed with a Chinese input method) read as ASCII.
  const ascii = text.replace(/[０-９．％]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const t = ascii.trim().replace(percent ? /%$/u : /分$/u, '').trim();
  if (t === '') return { problem: percent ? '请填写比例' : '请填写分值' };
  if (/^-\s*\d/u.test(t)) return { problem: '不能为负数' };
  const m = /^\d+(?:\.(\d+))?$/u.exec(t);
  if (!m) return { problem: '应为数字' };
  if ((m[1]?.length ?? 0) > 2) return { problem: '最多两位小数' };
  const value = Number(t);
  return { value: percent ? value / 100 : value };
}

/** Problems of an edit against its base version: items it names that the scheme does not have, grades it does not grade by. */
export function editShapeProblems(base: Scheme, edit: SchemeEdit): string[] {
  const p: string[] = [];
  const ids = new Set([...base.items, ...base.bonus.items, ...base.penalty.items].map((i) => i.id));
  for (const id of Object.keys(edit.points ?? {})) if (!ids.has(id)) p.push(`方案中没有评分项「${id}」`);
  const cutoffs = base.grading.method === 'score' ? base.grading.cutoffs : (base.grading.cutoffs ?? []);
  for (const c of edit.cutoffs ?? []) if (!cutoffs.some((x) => x.grade === c.grade)) p.push(`方案的等次划分没有「${c.grade}」的分数线`);
  if (edit.shares && base.grading.method !== 'share') p.push('方案按分数线划分等次，没有组内比例可改');
  for (const s of edit.shares ?? []) if (base.grading.method === 'share' && !base.grading.shares.some((x) => x.grade === s.grade)) p.push(`方案的等次划分没有「${s.grade}」的比例`);
  return p;
}

/** The base version with the edit's figures put in (a new object; the base is not touched). */
export function applyEdit(base: Scheme, edit: SchemeEdit): Scheme {
  const points = edit.points ?? {};
  const reweigh = <T extends ItemDef | AdjustmentDef>(xs: T[]): T[] => xs.map((i) => (points[i.id] === undefined ? i : { ...i, max: points[i.id] ?? i.max }));
  const cutoff = (c: { grade: Grade; min: number }): { grade: Grade; min: number } => ({ grade: c.grade, min: edit.cutoffs?.find((x) => x.grade === c.grade)?.min ?? c.min });
  const g = base.grading;
  const grading: Grading =
    g.method === 'score'
      ? { ...g, cutoffs: g.cutoffs.map(cutoff) }
      : { ...g, shares: g.shares.map((s) => ({ grade: s.grade, share: edit.shares?.find((x) => x.grade === s.grade)?.share ?? s.share })), ...(g.cutoffs ? { cutoffs: g.cutoffs.map(cutoff) } : {}) };
  return {
    ...base,
    items: reweigh(base.items),
    bonus: { cap: edit.caps?.bonus ?? base.bonus.cap, items: reweigh(base.bonus.items) },
    penalty: { cap: edit.caps?.penalty ?? base.penalty.cap, items: reweigh(base.penalty.items) },
    grading,
  };
}

const pts = (x: number): string => `${formatPointsValue(x)} 分`;

/** What differs between two versions of a scheme in the figures the grid edits, item by item, in words. */
export function describeChanges(before: Scheme, after: Scheme): SchemeChange[] {
  const out: SchemeChange[] = [];
  const cats = new Map(before.categories.map((c) => [c.id, c.label]));
  const points = (kind: string, xs: readonly (ItemDef | AdjustmentDef)[], ys: readonly (ItemDef | AdjustmentDef)[]): void => {
    for (const y of ys) {
      const x = xs.find((i) => i.id === y.id);
      const where = 'category' in y ? `${cats.get(y.category) ?? ''}·` : kind;
      if (x && hundredths(x.max) !== hundredths(y.max)) out.push({ item: `${where}「${y.label}」分值`, before: pts(x.max), after: pts(y.max) });
    }
  };
  points('', before.items, after.items);
  points('加分项·', before.bonus.items, after.bonus.items);
  points('扣分项·', before.penalty.items, after.penalty.items);
  if (hundredths(before.bonus.cap) !== hundredths(after.bonus.cap)) out.push({ item: '加分项合计上限', before: pts(before.bonus.cap), after: pts(after.bonus.cap) });
  if (hundredths(before.penalty.cap) !== hundredths(after.penalty.cap)) out.push({ item: '扣分项合计上限', before: pts(before.penalty.cap), after: pts(after.penalty.cap) });
  const cutoffsOf = (g: Grading): { grade: Grade; min: number }[] => (g.method === 'score' ? g.cutoffs : (g.cutoffs ?? []));
  for (const c of cutoffsOf(after.grading)) {
    const was = cutoffsOf(before.grading).find((x) => x.grade === c.grade);
    if (was && hundredths(was.min) !== hundredths(c.min)) out.push({ item: `等次「${c.grade}」分数线`, before: pts(was.min), after: pts(c.min) });
  }
  if (before.grading.method === 'share' && after.grading.method === 'share') {
    for (const s of after.grading.shares) {
      const was = before.grading.shares.find((x) => x.grade === s.grade);
      if (was && hundredths(was.share * 10000) !== hundredths(s.share * 10000)) out.push({ item: `等次「${s.grade}」组内比例`, before: sharePercent(was.share), after: sharePercent(s.share) });
    }
  }
  return out;
}
