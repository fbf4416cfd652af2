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
}

export type { Scheme, ScoreResult, InstitutionResult, IndicatorScore, Grade } from '../domain/assessment/types';
export type { TargetDef, TargetStatus, TargetDetail, TargetStatusWord } from '../domain/targets/types';
import type { ScoreResult } from '../domain/assessment/types';

export interface SchemeSummary {
  id: string;
  name: string;
  region: string;
  /** The newest version. */
  version: number;
  versions: number[];
  createdAt: string;
  source: string;
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
  county: string;
  class: string | null;
  leadingIndustry: string | null;
  indicator: string;
  indicatorLabel: string;
  /** 年度目标, 万元. */
  target: number | null;
  /** From the reports: the sum over institutions of the target's indicator, 万元. */
  actual: number | null;
  /** actual / target (fraction). */
  completion: number | null;
  timeProgress: number;
  /** completion − timeProgress (fraction); negative = behind. */
  gap: number | null;
  rank: number | null;
  behind: boolean | null;
  threeYear: { from: number; to: number; target: number | null; actual: number | null; completion: number | null; timeProgress: number; gap: number | null } | null;
}

export interface ProgressTable {
  region: string;
  regionName: string;
  year: number;
  quarter: string;
  timeProgress: number;
  rows: ProgressRow[];
  total: { target: number | null; actual: number | null; completion: number | null; timeProgress: number; gap: number | null; behind: boolean | null; behindCount: number; counties: number };
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
