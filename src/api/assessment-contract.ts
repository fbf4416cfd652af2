/** The contract of the indicators, assessment, progress and targets areas (joined into Api in contract.ts). */
import type {
  IndicatorInfo,
  IndicatorRow,
  IndicatorScope,
  QualitativeEntry,
  QualitativeGrid,
  QualitativeGridImport,
  SaveSchemeArgs,
  SavedSchemeVersion,
  Scheme,
  SchemeSummary,
  ScoreResult,
  SetQualitativeArgs,
  WhatIfResult,
  CountyTarget,
  ProgressTable,
  ProgressSettings,
  ProgressMeasureInfo,
  SetCountyTargetArgs,
} from './assessment-types';
import type { TargetDef, TargetStatus } from '../domain/targets/types';

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
  /**
   * 保存为新版本: the grid's points, caps and grade lines over the newest version, checked like an
   * imported file (totals, two decimals, lines in order) and stored as the next version with its
   * 修改说明; audited with every change before/after. Nothing is overwritten.
   */
  'assessment.saveScheme': { args: SaveSchemeArgs; result: SavedSchemeVersion };
  /** Scores a region-year and records the scheme version used (save: false to only look). */
  'assessment.score': { args: { region: string; year: number; scheme?: string; save?: boolean }; result: ScoreResult };
  'assessment.whatIf': { args: { region: string; year: number; scheme?: string; weights: Record<string, number> }; result: WhatIfResult };
  'assessment.exportScores': { args: { region: string; year: number; scheme?: string; out: string }; result: { path: string; result: ScoreResult } };
  'assessment.qualitative': { args: { region: string; year: number }; result: QualitativeEntry[] };
  'assessment.setQualitative': { args: SetQualitativeArgs; result: QualitativeEntry };
  /** Several scores at once (the grid's 保存修改): all stored, each audited, or — on any bad one — none. */
  'assessment.setQualitativeMany': { args: { entries: SetQualitativeArgs[] }; result: QualitativeEntry[] };
  /** 定性评分表: institutions down, the scheme's qualitative items across, with the scores so far. */
  'assessment.qualitativeGrid': { args: { region: string; year: number }; result: QualitativeGrid };
  /** Writes the grid for the 评审组 to fill (blank: without the scores entered so far). */
  'assessment.exportQualitativeGrid': { args: { region: string; year: number; out: string; blank?: boolean }; result: { path: string; institutions: number; items: number } };
  /** Reads a filled grid: dryRun shows every change; otherwise all of them are stored (audited) or, on any bad cell, none. */
  'assessment.importQualitativeGrid': { args: { region: string; year: number; path: string; dryRun?: boolean }; result: QualitativeGridImport };
}

/** Everything this area adds to Api. */
export interface ProgressApi {
  /** 金融兴产强县 progress table for a year at a quarter end (quarter: 1–4 or 2025Q3). */
  'progress.table': { args: { year: number; quarter: number | string; region?: string }; result: ProgressTable };
  'progress.export': { args: { year: number; quarter: number | string; region?: string; out: string }; result: { path: string; table: ProgressTable } };
  'progress.targets': { args: { year: number; region?: string }; result: CountyTarget[] };
  'progress.setTarget': { args: SetCountyTargetArgs; result: CountyTarget };
  /** Imports a targets sheet (.xlsx/.xls/.csv): 县（市、区）, 年度目标 [, 三年目标, 年度, 指标]. */
  'progress.importTargets': { args: { path: string; year?: number }; result: { file: string; sheet: string; targets: CountyTarget[] } };
  /** The measures a target can be set on, each with stock/flow, how it is judged and its definition in words. */
  'progress.measures': { args: Record<string, never>; result: ProgressMeasureInfo[] };
  'progress.settings': { args: { region?: string }; result: ProgressSettings };
  /** 时序进度 by days or by quarters (25/50/75/100%), per region; audited. */
  'progress.setSettings': { args: { region?: string; timeMethod: 'days' | 'quarters' }; result: ProgressSettings };
}

export interface TargetsApi {
  /** Every target (the seeds' and analysts') judged at a quarter (default: the newest with reports). */
  'targets.evaluate': { args: { quarter?: string; region?: string }; result: TargetStatus[] };
  'targets.add': { args: { target: TargetDef }; result: TargetDef };
  'targets.remove': { args: { id: string }; result: { id: string } };
  'targets.export': { args: { out: string; quarter?: string; region?: string }; result: { path: string; rows: TargetStatus[] } };
}

export type RuralAssessmentApi = IndicatorsApi & AssessmentApi & ProgressApi & TargetsApi;
