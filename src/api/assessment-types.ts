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
