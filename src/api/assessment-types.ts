/**
 * Shapes of the indicators, assessment (考核评估), 金融兴产强县 progress and
 * targets areas. Rates and shares are fractions (0.123 = 12.3%); amounts 万元.
 */
import type { IndicatorDimension, IndicatorKind } from '../domain/indicators/types';

export type IndicatorScope = 'institution' | 'county' | 'chain' | 'region';

export interface IndicatorInfo {
  id: string;
  label: string;
  unit: string;
  kind: IndicatorKind;
  group: string;
  definition: string;
  dimension: IndicatorDimension | null;
  /** Set for a per-institution-only indicator: why a region total is not the banks' sum and what replaces it. */
  regionNote: string | null;
}

export interface IndicatorRow {
  id: string;
  label: string;
  unit: string;
  kind: IndicatorKind;
  scope: IndicatorScope;
  region: string;
  institution?: string;
  institutionName?: string;
  county?: string;
  countyName?: string;
  chain?: string;
  chainName?: string;
  quarter: string;
  /** null = 无数据 (an input was not reported, or a growth on a zero base). */
  value: number | null;
  /** The value as users read it: 12,345.67 万元 / 12.3% / 无数据. */
  display: string;
  /** How many institutions' figures entered the value, out of those in scope. */
  coverage: { included: number; total: number };
  /** How the figure is taken when it is not the banks' sum (a per-institution-only indicator's region figure). */
  note?: string;
}

export type { Scheme, ScoreResult, InstitutionResult, IndicatorScore } from '../domain/assessment/types';
export type { TargetDef, TargetStatus } from '../domain/targets/types';
import type { ScoreResult } from '../domain/assessment/types';
import type { SchemeChange, SchemeEdit } from '../domain/assessment/edit';
export type { SchemeChange, SchemeEdit } from '../domain/assessment/edit';

export interface SchemeSummary {
  id: string;
  name: string;
  region: string;
  /** The newest version. */
  version: number;
  versions: number[];
  createdAt: string;
  source: string;
  /** Every version, oldest first: when, by whom, from where and why (修改说明 of a version saved from the grid). */
  history: SchemeVersionInfo[];
}

export interface SchemeVersionInfo {
  version: number;
  createdAt: string;
  createdBy: string;
  source: string;
  note: string | null;
}

/** 保存为新版本: the grid's figures over the version the analyst opened (baseVersion, which must still be the newest). */
export interface SaveSchemeArgs extends SchemeEdit {
  id: string;
  baseVersion: number;
  /** 修改说明: why, on what authority; required, recorded with the version and in the audit log. */
  note: string;
}

export interface SavedSchemeVersion {
  id: string;
  name: string;
  region: string;
  version: number;
  baseVersion: number;
  changes: SchemeChange[];
  /** Years whose saved results were scored with an older version of this scheme: they keep it (reproducible) until another is picked. */
  pinnedYears: { year: number; version: number }[];
}

export interface WhatIfChange {
  institution: string;
  institutionName: string;
  group: string;
  baseTotal: number;
  newTotal: number;
  baseRank: number;
  newRank: number;
  baseGrade: string;
  newGrade: string;
}

export interface WhatIfResult {
  base: ScoreResult;
  whatIf: ScoreResult;
  weights: Record<string, number>;
  changes: WhatIfChange[];
}

export interface QualitativeEntry {
  institution: string;
  year: number;
  item: string;
  score: number;
  reason: string;
  enteredBy: string;
  enteredAt: string;
}

/** 定性评分表: the institutions a region-year scores, the scheme's qualitative items, the scores so far. */
export interface QualitativeGrid {
  region: string;
  year: number;
  schemeId: string;
  schemeVersion: number;
  schemeName: string;
  items: { id: string; label: string; max: number }[];
  institutions: { code: string; name: string }[];
  entries: QualitativeEntry[];
}

/** One score a filled grid would store (before: what is stored now, null for a first score). */
export interface QualitativeGridChange {
  institution: string;
  institutionName: string;
  item: string;
  itemLabel: string;
  max: number;
  before: { score: number; reason: string } | null;
  score: number;
  reason: string;
  sheet: string;
  cell: string;
}

export interface QualitativeGridImport {
  file: string;
  sheet: string;
  dryRun: boolean;
  schemeName: string;
  schemeVersion: number;
  changes: QualitativeGridChange[];
  /** Cells that hold exactly what is stored already. */
  unchanged: number;
  /** Scores stored by this call (0 for a preview). */
  saved: number;
}

export interface SetQualitativeArgs {
  institution: string;
  year: number;
  item: string;
  score: number;
  reason: string;
  actor?: string;
}

export interface CountyTarget {
  county: string;
  countyName: string;
  year: number;
  /** The county indicator the target is set on (county_lead_bal by default). */
  indicator: string;
  indicatorLabel: string;
  /** 万元. */
  annualTarget: number | null;
  threeYearTarget: number | null;
  threeYearFrom: number | null;
  threeYearTo: number | null;
  source: string;
  enteredBy: string;
  enteredAt: string;
}

export interface ProgressRow {
  countyCode: string;
  /** The measure's definition in words (as measures.json states it). */
  definition: string;
  county: string;
  class: string | null;
  /** Where the class comes from (a notice, a report, or 分析人员录入). */
  classSource: string | null;
  leadingIndustry: string | null;
  industrySource: string | null;
  /** The measure the row is judged on (see resources/progress/measures.json). */
  indicator: string;
  indicatorLabel: string;
  /** The county indicator the measure reads from the reports (resources/indicators). */
  reads: string;
  /** stock: a balance; flow: an amount of the year. */
  kind: 'stock' | 'flow';
  /** elapsed: 实际 ÷ 目标; increment: (期末 − 年初) ÷ (目标 − 年初); deadline: judged at the deadline only. */
  judge: 'elapsed' | 'increment' | 'deadline';
  /** 年度目标, 万元. */
  target: number | null;
  /** From the reports: the sum over institutions of the measure's indicator, 万元. */
  actual: number | null;
  /** The balance at 年初 (上年末) for a stock measure; null for a flow. */
  base: number | null;
  /** The fraction done, as the measure defines it. */
  completion: number | null;
  timeProgress: number;
  /** completion − timeProgress (fraction); negative = behind. */
  gap: number | null;
  rank: number | null;
  behind: boolean | null;
  /** Why a figure is missing or how it was judged (目标不高于年初余额 …). */
  note: string | null;
  threeYear: { from: number; to: number; target: number | null; actual: number | null; base: number | null; completion: number | null; timeProgress: number; gap: number | null; behind: boolean | null } | null;
}

/** The 合计 of the counties judged on one measure: only the rows that have a target on it. */
export interface ProgressTotal {
  indicator: string;
  indicatorLabel: string;
  /** The measure's definition in words. */
  definition: string;
  kind: 'stock' | 'flow';
  judge: 'elapsed' | 'increment' | 'deadline';
  /** The counties added up (names, in table order). */
  counties: string[];
  target: number | null;
  actual: number | null;
  base: number | null;
  completion: number | null;
  timeProgress: number;
  gap: number | null;
  behind: boolean | null;
  behindCount: number;
}

export interface ProgressMeasureInfo {
  id: string;
  label: string;
  short: string;
  kind: 'stock' | 'flow';
  judge: 'elapsed' | 'increment' | 'deadline';
  definition: string;
  isDefault: boolean;
}

export interface ProgressSettings {
  region: string;
  regionName: string;
  timeMethod: 'days' | 'quarters';
  /** The method in words (按天数计算（…）). */
  timeMethodLabel: string;
}

export interface ProgressTable {
  region: string;
  regionName: string;
  year: number;
  quarter: string;
  timeProgress: number;
  timeMethod: 'days' | 'quarters';
  /** The definitions of what the table shows, in words (for the page, the export and the 数据来源 panel). */
  definitions: string[];
  rows: ProgressRow[];
  /** One 合计 per measure in use (a table never adds a 累放 to a 余额). */
  totals: ProgressTotal[];
  behindCount: number;
  /** Counties in the table (those in the 金融兴产强县 action). */
  counties: number;
  /** Units of the region left out of the table, with why (汉滨区: outside the nine 县（市）). */
  excluded: { county: string; reason: string }[];
  /** Current reports of the region at the quarter: none means no 实际, no rank and no export (targets can still be entered). */
  reports: number;
}

export interface SetCountyTargetArgs {
  /** County code (AK01) or name (汉滨区). */
  county: string;
  year: number;
  indicator?: string;
  annualTarget?: number | null;
  threeYearTarget?: number | null;
  threeYearFrom?: number | null;
  threeYearTo?: number | null;
  source?: string;
  actor?: string;
}
