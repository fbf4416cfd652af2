/** The shapes of a history import (历史数据补录): the long header and a wide sheet's column mapping. */

/** Where the five columns of a long sheet (机构, 报告期, 字段, 成员, 数值) are. */
export interface LongHeader {
  row: number;
  institution: number;
  quarter: number;
  field: number;
  /** Absent: every field is a scalar one. */
  member: number | null;
  value: number;
}

/** One column of a wide sheet: which field (and member) and which quarter its numbers are, or null to leave it out. */
export interface WideColumn {
  /** Column letter, as Excel shows it (C). */
  column: string;
  /** The header texts above it, top to bottom, merged headers included (for the preview). */
  header: string;
  /** Field key, or null: the column is not imported. */
  field: string | null;
  member: string | null;
  /** 2024Q3, or null. */
  quarter: string | null;
}

/**
 * How a wide sheet (institutions down, fields or quarters across) is read: the institution
 * column, the header rows and where the data starts, and every column's field and quarter.
 * The analyst confirms it (or corrects it) once per layout; it is remembered by the
 * fingerprint of the header cells.
 */
export interface WideMapping {
  institutionColumn: string;
  /** Header rows, 1-based, top to bottom. */
  headerRows: number[];
  firstDataRow: number;
  columns: WideColumn[];
}
