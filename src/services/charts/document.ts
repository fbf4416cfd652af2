/** A draft report as a list of blocks; the Word writer (docx.ts) turns it into a 公文-style .docx. */
import type { OfficeSheet } from '../exports/office-table';

export type ReportBlock =
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'figure'; caption: string; png: Uint8Array; widthCm: number; heightCm: number }
  | { kind: 'table'; caption: string; table: OfficeSheet };

export interface ReportDocument {
  title: string;
  /** e.g. （2025年第三季度） */
  subtitle: string;
  blocks: ReportBlock[];
  /** 制表单位, one per region covered. */
  issuers: string[];
  /** 制表日期, e.g. 2026年11月22日 */
  date: string;
  /** Set across the page (a wide table such as the 任务台账). */
  landscape?: boolean;
}
