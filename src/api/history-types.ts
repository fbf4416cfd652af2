/** What a history import (历史数据补录) takes and answers. */
import type { IssueRef } from './types';
import type { WideColumn, WideMapping } from '../domain/history/types';

export type { WideColumn, WideMapping };

export interface HistoryImportArgs {
  /** The analyst's summary workbook (.xlsx .xls .et .ods .csv). */
  path: string;
  /** Read, check and show what would be stored; write nothing. */
  dryRun?: boolean;
  /**
   * The column mapping of each wide sheet, by sheet name, as the analyst confirmed (or
   * corrected) it from the preview. It is remembered for the sheet's layout (fingerprint of
   * its header cells), so the next file with the same header is read without asking.
   */
  mappings?: Record<string, WideMapping>;
  /** Take each wide sheet's proposed (or remembered) mapping as confirmed (the CLI's --accept-mapping). */
  acceptProposed?: boolean;
}

export interface HistoryPreviewValue {
  institution: string;
  institutionName: string;
  quarter: string;
  key: string;
  label: string;
  member: string | null;
  memberName: string | null;
  /** As stored, in the field's unit (1,234.50 万元, 3.45%, 12 户). */
  display: string;
  raw: string | null;
  sheet: string;
  cell: string;
}

export interface HistoryColumnPreview extends WideColumn {
  fieldLabel: string | null;
  memberName: string | null;
  /** A few of the values it would store (机构 数值). */
  samples: string[];
  /** How many values the column would store. */
  count: number;
}

export interface HistorySheetResult {
  sheet: string;
  layout: 'long' | 'wide' | 'none';
  /** Wide sheets: the layout fingerprint (from the header cells). */
  fingerprint: string | null;
  /** Wide sheets: where the mapping came from. */
  mappingSource: 'given' | 'remembered' | 'proposed' | null;
  /** Wide sheets: the mapping used, or proposed for confirmation. */
  mapping: WideMapping | null;
  columns: HistoryColumnPreview[];
  titles: string[];
  values: number;
}

export interface HistoryGroupResult {
  institution: string;
  institutionName: string;
  quarter: string;
  /**
   * new: first history values of the quarter; updated: a new version (values added or
   * corrected, the earlier version kept); unchanged: the same values are stored already;
   * report: the quarter has a real report, which wins — nothing stored.
   */
  outcome: 'new' | 'updated' | 'unchanged' | 'report';
  values: number;
  /** Values that differ from the history stored before (更正). */
  changed: number;
  submissionId: number | null;
  version: number | null;
}

export interface HistoryImportResult {
  file: string;
  path: string;
  sha256: string | null;
  dryRun: boolean;
  /**
   * accepted: stored (or, in a dry run, would be); rejected: errors, nothing stored;
   * needsMapping: a wide sheet's mapping awaits the analyst's confirmation, nothing stored.
   */
  status: 'accepted' | 'rejected' | 'needsMapping';
  batchId: number | null;
  sheets: HistorySheetResult[];
  groups: HistoryGroupResult[];
  /** Every value read (stored or to be stored), in sheet order; at most 5,000 listed. */
  values: HistoryPreviewValue[];
  valueCount: number;
  errors: IssueRef[];
  notes: IssueRef[];
}

export interface HistoryLayoutInfo {
  fingerprint: string;
  /** The file and sheet it was confirmed on. */
  example: string;
  mapping: WideMapping;
  savedBy: string;
  savedAt: string;
  usedAt: string | null;
}
