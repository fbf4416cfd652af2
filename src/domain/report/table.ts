/**
 * A report table as offices print it: title, period, unit line, typed columns,
 * rows of real numbers (never text), an optional total row and a note. The
 * .xlsx writer and the Word writer both draw from this one shape.
 */

/** amount: 万元 with two decimals; count: integer; percent: a fraction shown as 12.34%. */
export type ColumnKind = 'text' | 'amount' | 'count' | 'percent';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** Relative width (characters) for the spreadsheet and Word. */
  width?: number;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  title: string;
  /** e.g. 2025年第三季度 */
  period: string;
  /** e.g. 单位：万元、个 */
  unit: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Shown bold at the foot (合计). */
  total?: ReportCell[];
  /** Source and definitions, printed under the table. */
  note: string;
}

/** Excel number formats for each column kind. */
export const NUMBER_FORMATS: Record<Exclude<ColumnKind, 'text'>, string> = {
  amount: '#,##0.00',
  count: '#,##0',
  percent: '0.00%',
};
