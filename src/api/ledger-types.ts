/**
 * Shapes of the 任务台账 (measures ledger): the seeds' measures as data, each with its
 * 责任单位, the figures that evidence it, and per year a status, notes and attachments.
 */
import type { FigureRef } from './explain-types';

export const LEDGER_STATUSES = ['未启动', '推进中', '已完成', '不适用'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** A figure linked to a measure, evaluated live at the ledger's quarter. */
export interface LedgerEvidence {
  kind: 'indicator' | 'target' | 'progress' | 'assessment' | 'coverage';
  id: string;
  member?: string;
  /** What it is: 脱贫人口小额信贷余额 / 目标：力争2025年涉农贷款余额达到16亿元. */
  label: string;
  /** The figure as users read it (12,345.67 万元 / 已达成：… / 无数据). */
  display: string;
  value: number | null;
  /** A target's state (已达成 / 进度正常 / 落后 / 无数据). */
  status?: string;
  /** The figure in the 数据来源 panel (figure.explain). */
  ref?: FigureRef;
}

export interface LedgerAttachment {
  id: number;
  /** The attachment's file name as the analyst recorded it (the file stays where the office keeps it). */
  name: string;
  note: string | null;
  addedBy: string;
  addedAt: string;
}

/** A measure's state for one year, for the measure as a whole (unit '') or one 镇街. */
export interface LedgerEntry {
  unit: string;
  unitName: string;
  status: LedgerStatus;
  notes: string;
  updatedBy: string | null;
  updatedAt: string | null;
  attachments: LedgerAttachment[];
  /** A 镇街's own figure for the measure (覆盖 3/4（75.00%）), where one is computed. */
  figure?: string;
}

export interface LedgerRow {
  /** ak-01 … ak-17, bs-01 … bs-29. */
  id: string;
  region: string;
  /** The document it is written in. */
  source: string;
  no: number;
  /** As the document numbers it: 1. / （十七）. */
  label: string;
  section: string;
  title: string;
  /** The measure's words, as written in the document. */
  text: string;
  /** 责任单位 as written (璧山); empty for 安康, whose plan names none. */
  responsible: string[];
  /** The measure names 各镇街: it is tracked per 镇街 too. */
  perTown: boolean;
  year: number;
  entry: LedgerEntry;
  /** Per 镇街 (perTown measures only), in the region's order. */
  towns: LedgerEntry[];
  evidence: LedgerEvidence[];
}

export interface LedgerListing {
  region: string;
  regionName: string;
  year: number;
  /** The quarter the live figures stand at (null: no reports for the year yet). */
  quarter: string | null;
  source: string;
  rows: LedgerRow[];
  /** Every 责任单位 named in the region's measures (for the filter). */
  responsibleUnits: string[];
  counts: Record<LedgerStatus, number>;
}

export interface LedgerQuery {
  region?: string;
  year: number;
  /** Quarter of the live figures (default: the latest with reports in the year). */
  quarter?: string;
  responsible?: string;
  status?: LedgerStatus;
}
