/**
 * An assessment scheme (考核评估方案) is data: the national frame (定量 75% in five
 * classes, 定性 25% in five classes, 加分项 and 扣分项), filled with concrete
 * indicators, points (weights), scoring rules, groups and grade cut-offs.
 */

export type Part = 'quantitative' | 'qualitative';
export type Comparison = '>=' | '>' | '<=' | '<';
export const GRADES = ['优秀', '良好', '一般', '勉励'] as const;
export type Grade = (typeof GRADES)[number];

/** An indicator input: an indicator id, and for chain/county indicators the member (`*` = all). */
export interface IndicatorInput {
  indicator: string;
  member?: string;
}

export type Rule =
  /** max × (x − floor) / (target − floor), clamped to [0, max]; lowerIsBetter when target < floor. */
  | ({ type: 'linear'; floor: number; target: number } & IndicatorInput)
  /** max × x / best of the group (or best / x when lower is better). */
  | ({ type: 'ratioToBest'; lowerIsBetter?: boolean } & IndicatorInput)
  /** max × (n − rank) / (n − 1) by the indicator within the group; ties share the better rank. */
  | ({ type: 'rank'; lowerIsBetter?: boolean } & IndicatorInput)
  /** Full points when the value meets the threshold, none otherwise. */
  | ({ type: 'threshold'; op: Comparison; value: number } & IndicatorInput)
  /**
   * Full points when the indicator compares to another of the same institution (涉农贷款增速 ≥ 各项贷款增速);
   * proportional: when short, max × x / against (实际增速 ÷ 各项贷款增速 × 满分, as published scoring tables give it).
   */
  | ({ type: 'compare'; op: Comparison; against: string; proportional?: boolean } & IndicatorInput)
  /**
   * A regulatory tolerance: the indicator against another of the same institution plus a margin
   * (普惠型涉农不良率 within 3 个百分点 of the bank's own 不良率 is not a deduction). when 'within'
   * (default): met while x ≤ against + tolerance (an item's full points); 'beyond': met once
   * x > against + tolerance (a 扣分项 that deducts only past the tolerance).
   */
  | ({ type: 'tolerance'; against: string; tolerance: number; when?: 'within' | 'beyond' } & IndicatorInput)
  /** Full points when the value is at least (or at most) the region's figure. */
  | ({ type: 'regionAverage'; lowerIsBetter?: boolean } & IndicatorInput)
  /** Starts at max and deducts per late and per missing quarterly report of the year. */
  | { type: 'reportDeductions'; perLate: number; perMissing: number }
  /** As a 扣分项: the deduction itself, per late and per missing report. */
  | { type: 'reportCount'; perLate: number; perMissing: number }
  /** Scored by analysts per institution and year, with a reason. */
  | { type: 'qualitative' };

export interface CategoryDef {
  id: string;
  label: string;
  part: Part;
}

export interface ItemDef {
  id: string;
  label: string;
  category: string;
  /** Points (the weight) of the item. */
  max: number;
  rule: Rule;
  note?: string;
}

/** A 加分项 or 扣分项: `max` points when the rule is met (or in proportion). */
export interface AdjustmentDef {
  id: string;
  label: string;
  max: number;
  rule: Rule;
}

export interface GroupDef {
  id: string;
  label: string;
  /** Institution codes placed here explicitly (checked first). */
  institutions?: string[];
  types?: string[];
  sizes?: string[];
  /** Why the group is formed so (policy banks scored apart …). */
  note?: string;
}

export type Grading =
  | { method: 'score'; cutoffs: { grade: Grade; min: number }[] }
  /**
   * Shares of each group, best first; whoever is left gets the last grade. A group smaller
   * than minGroupSize is graded by the score cut-offs instead (shares of three banks would
   * give 优秀/良好/一般 whatever the scores).
   */
  | { method: 'share'; shares: { grade: Grade; share: number }[]; minGroupSize?: number; cutoffs?: { grade: Grade; min: number }[] };

export interface Scheme {
  id: string;
  name: string;
  region: string;
  basis: string;
  /** Quarter whose figures stand for the year (4 = year end). */
  dataQuarter: 1 | 2 | 3 | 4;
  parts: { quantitative: number; qualitative: number };
  categories: CategoryDef[];
  items: ItemDef[];
  bonus: { cap: number; items: AdjustmentDef[] };
  penalty: { cap: number; items: AdjustmentDef[] };
  groups: GroupDef[];
  grading: Grading;
}

/** What one institution brings to scoring. */
export interface ScoringInstitution {
  code: string;
  name: string;
  type: string;
  size: string;
  /** Indicator values by input key (see inputKey). */
  values: Record<string, number | null>;
  /** backfilled: quarters whose report was loaded later as 补录 — neither late nor missing, not judged. */
  reports: { late: number; missing: number; due: number; backfilled?: number };
  qualitative: Record<string, { score: number; reason: string }>;
}

export interface ScoringInput {
  region: string;
  regionName: string;
  year: number;
  scheme: Scheme;
  schemeVersion: number;
  institutions: ScoringInstitution[];
  /** Region-wide values of the same inputs (for regionAverage). */
  regionValues: Record<string, number | null>;
  /** Labels and kinds of the indicators the scheme reads. */
  indicators: Record<string, { label: string; kind: 'amount' | 'count' | 'ratio' | 'ratioDiff'; unit: string }>;
  /** Current reports of the region in the year: none means nothing to rank or grade. */
  reports: number;
  /** Fictional banks (示例机构) of the region: not scored, ranked or graded; listed so the page and the export say so. */
  examples: { institution: string; institutionName: string }[];
}

export interface IndicatorScore {
  id: string;
  label: string;
  category: string;
  categoryLabel: string;
  part: Part | 'bonus' | 'penalty';
  raw: number | null;
  score: number;
  max: number;
  explanation: string;
}

export interface InstitutionResult {
  institution: string;
  institutionName: string;
  group: string;
  groupLabel: string;
  quantitative: number;
  qualitative: number;
  bonus: number;
  penalty: number;
  total: number;
  /** Rank within the group (ties share the better rank). */
  rank: number;
  groupSize: number;
  overallRank: number;
  grade: Grade;
  indicators: IndicatorScore[];
}

export interface ScoreResult {
  region: string;
  year: number;
  schemeId: string;
  schemeVersion: number;
  schemeName: string;
  gradingMethod: Grading['method'];
  results: InstitutionResult[];
  /** Qualitative scores entered of those the ranked banks need (banks × the scheme's qualitative items): while entered < needed the grades are 暂定. */
  qualitative: { entered: number; needed: number };
  /** Current reports of the region in the year (0: no ranking, no grades, no export). */
  reports: number;
  /** Fictional banks (示例机构) left out of the ranking and the grades. */
  examples: { institution: string; institutionName: string }[];
}

export function inputKey(i: IndicatorInput): string {
  return i.member ? `${i.indicator}@${i.member}` : i.indicator;
}
