/** Targets written in the seeds (and added by analysts), as records the tracker evaluates from the data. */
import type { Comparison } from '../assessment/types';

export type TargetScope = 'region' | 'institution' | 'each';

export type TargetGoal =
  /** The indicator compared with a constant (rates as fractions, amounts in 万元). */
  | { kind: 'value'; op: Comparison; value: number }
  /** The indicator compared with the LPR of a tenor (default 1-year) in force at the quarter end, times a multiple. */
  | { kind: 'lpr'; op: Comparison; multiple: number; tenor?: 'oneYear' | 'fiveYear' }
  /**
   * Each bank's new lending of a product (resources/lpr/pricing.json) priced at or below the LPR of
   * its tenor in force when it was lent (当年新发放 by tenor, RV-2026.1 on).
   */
  | { kind: 'pricing'; product: string }
  /** The indicator compared with itself at 年初 or a year earlier, with an optional tolerance. */
  | { kind: 'base'; op: Comparison; base: 'yearStart' | 'lastYear'; tolerance?: number }
  /** A yearly amount (当年累计) added up over years ≥ value, judged against the elapsed share of the window. */
  | { kind: 'cumulative'; value: number; fromYear: number; toYear: number }
  /** Quarterly reports within 5 days after the quarter end: none late, none missing. */
  | { kind: 'reports' }
  /**
   * Coverage of the region's villages (行政村) or 新型农业经营主体, each counted once, over the
   * region facts the analyst entered; value is the rate that counts as reached (1 = 全覆盖, 0.95 for
   * 「基本实现」), words say so.
   */
  | { kind: 'coverage'; of: 'villages' | 'nae'; op: Comparison; value: number; words?: string };

export interface TargetDef {
  id: string;
  /** Where it is written: 安康实施方案 一（二）. */
  source: string;
  /** The words of the document. */
  clause: string;
  region: string;
  /** Who must reach it, as users say it. */
  who: string;
  institution?: string;
  scope: TargetScope;
  /** Indicator id (see resources/indicators); omitted for the reports goal. */
  indicator?: string;
  /** Dimension member for chain/county indicators (`*` = all). */
  member?: string;
  goal: TargetGoal;
  /** The deadline quarter (2025Q4); a standing target (every quarter) has none. */
  by?: string;
  /** Where a level goal's path starts (for 进度正常 / 落后 before the deadline). */
  from?: string;
  /** How the deadline reads: 每季度 / 2025年末 / “十四五”期间. */
  byLabel: string;
  note?: string;
}

/** A figure the analyst entered for the years (or start quarter) no report details, with its source (services/targets/prior.ts). */
export interface TargetPrior {
  target: string;
  /** 2021-2024 for a cumulative target; the start quarter (2022Q3) for a level target's path. */
  period: string;
  /** 万元. */
  amount: number;
  source: string;
  enteredBy: string;
  enteredAt: string;
}

export type TargetStatusWord = '已达成' | '进度正常' | '落后' | '无数据';

export interface TargetDetail {
  institution: string;
  name: string;
  value: number | null;
  goal: number | null;
  met: boolean | null;
}

export interface TargetStatus {
  id: string;
  source: string;
  clause: string;
  who: string;
  region: string;
  indicator: string | null;
  indicatorLabel: string;
  goalText: string;
  byLabel: string;
  /** The quarter whose figures were judged. */
  quarter: string;
  status: TargetStatusWord;
  actual: number | null;
  goal: number | null;
  /** Where the value should be by now on a straight path to the goal (before the deadline). */
  expected: number | null;
  figures: string;
  details: TargetDetail[];
  /** What the details are per: 机构 (default) or 镇街. */
  detailLabel?: '机构' | '镇街';
  /** How a detail's value reads when the target has no indicator (a coverage rate; a spread over the LPR in BP). */
  detailKind?: 'ratio' | 'bp';
  origin: 'seed' | 'analyst';
  /** What a prior figure would cover (2021-2024, or a path's start quarter); null: the target takes none. */
  priorPeriod?: string | null;
  /** The analyst's prior figure for this target, and whether the judgement used it (no detail for its years). */
  prior?: (TargetPrior & { used: boolean }) | null;
}
