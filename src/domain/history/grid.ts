/**
 * A sheet of an analyst's own summary workbook read as a grid: rows and columns by
 * number (1-based, as Excel shows them), the text of a cell, and merged areas, so a
 * header written once over several columns (a merged 「涉农贷款余额」 over four quarters)
 * is read in every column it covers.
 */
import { a1 } from '../catalogue/layout';
import type { RawCell } from '../import/workbook';

/** A merged area, 1-based and inclusive. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  sheet: string;
  rows: number;
  cols: number;
  at(row: number, col: number): RawCell | undefined;
  /** The cell's own text (trimmed), '' for a blank. */
  text(row: number, col: number): string;
  /** The text shown at this position: a merged area's text in every cell it covers. */
  shown(row: number, col: number): string;
}

const ADDRESS = /^([A-Z]{1,3})(\d+)$/u;

export function decodeAddress(addr: string): { row: number; col: number } | null {
  const m = ADDRESS.exec(addr);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function textOf(c: RawCell | undefined): string {
  if (!c || c.v === undefined) return '';
  return typeof c.v === 'string' ? c.v.trim() : String(c.v);
}

export function gridOf(sheet: string, cells: Readonly<Record<string, RawCell>>, merges: readonly MergedArea[] = []): Grid {
  let rows = 0;
  let cols = 0;
  for (const addr of Object.keys(cells)) {
    const p = decodeAddress(addr);
    if (!p) continue;
    rows = Math.max(rows, p.row);
    cols = Math.max(cols, p.col);
  }
  const at = (row: number, col: number): RawCell | undefined => {
    const k = a1(row, col);
    return Object.hasOwn(cells, k) ? cells[k] : undefined;
  };
  const text = (row: number, col: number): string => textOf(at(row, col));
  const shown = (row: number, col: number): string => {
    const own = text(row, col);
    if (own) return own;
    const m = merges.find((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right);
    return m ? text(m.top, m.left) : '';
  };
  return { sheet, rows, cols, at, text, shown };
}

/** Text as analysts vary it: full-width folded, spaces and line breaks dropped. */
export function compactText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}
