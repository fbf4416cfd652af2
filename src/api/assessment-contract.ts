/** The contract of the indicators, assessment, progress and targets areas (joined into Api in contract.ts). */
import type {
  IndicatorInfo,
  IndicatorRow,
  IndicatorScope,
  QualitativeEntry,
  Scheme,
  SchemeSummary,
  ScoreResult,
  SetQualitativeArgs,
  WhatIfResult,
} from './assessment-types';

export interface IndicatorsApi {
  'indicators.catalogue': { args: Record<string, never>; result: IndicatorInfo[] };
  'indicators.compute': {
    args: { quarter: string; region?: string; ids?: string[]; scopes?: IndicatorScope[] };
    result: IndicatorRow[];
  };
}

export interface AssessmentApi {
  'assessment.schemes': { args: { region?: string }; result: SchemeSummary[] };
  'assessment.scheme': { args: { id: string; version?: number }; result: { scheme: Scheme; version: number } };
  /** Writes a scheme as JSON (the region's default when no id is given). */
  'assessment.exportScheme': { args: { out: string; id?: string; region?: string; version?: number }; result: { path: string; id: string; version: number } };
  /** Stores an edited scheme file as the next version of its id. */
  'assessment.importScheme': { args: { path: string }; result: { id: string; version: number; region: string; name: string } };
  /** Scores a region-year and records the scheme version used (save: false to only look). */
  'assessment.score': { args: { region: string; year: number; scheme?: string; save?: boolean }; result: ScoreResult };
  'assessment.whatIf': { args: { region: string; year: number; scheme?: string; weights: Record<string, number> }; result: WhatIfResult };
  'assessment.exportScores': { args: { region: string; year: number; scheme?: string; out: string }; result: { path: string; result: ScoreResult } };
  'assessment.qualitative': { args: { region: string; year: number }; result: QualitativeEntry[] };
  'assessment.setQualitative': { args: SetQualitativeArgs; result: QualitativeEntry };
}

/** Everything this area adds to Api. */
export type RuralAssessmentApi = IndicatorsApi & AssessmentApi;
