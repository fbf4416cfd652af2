/**
 * A workbook as the importer sees it after SheetJS has read it: plain data that
 * crosses a worker boundary (structured clone) and that pure code can read.
 */

/** One cell, with SheetJS's own letters: t = s(tring) n(umber) b(oolean) e(rror) d(ate) z(blank). */
export interface RawCell {
  t: 's' | 'n' | 'b' | 'e' | 'd' | 'z';
  v?: string | number | boolean;
  /** Formula text, when the cell holds one. */
  f?: string;
  /** Formatted text as the spreadsheet program shows it. */
  w?: string;
  /** Number format code, e.g. "0.00%". */
  z?: string;
  /**
   * What the number format makes a number look like on screen, when that is not a
   * plain number: a date (2025/10/3), a time (12:30) or a percentage (5%). Set by
   * the reader (which has the spreadsheet library's format parser); `w` then holds
   * the text as shown.
   */
  looks?: 'date' | 'time' | 'percent';
}

export interface DefinedNameRef {
  name: string;
  /** As stored: `'封面'!$B$5` or `封面!$B$5`. */
  ref: string;
  /** True when the name belongs to one sheet rather than to the workbook. */
  sheetScoped: boolean;
}

export interface WorkbookSnapshot {
  sheetNames: string[];
  /** sheet name → A1 address → cell; only non-empty cells are listed. */
  sheets: Record<string, Record<string, RawCell>>;
  names: DefinedNameRef[];
  /** Excel's 1904 date system (old Mac workbooks). */
  date1904: boolean;
  /** Sheets that are not visible when the file is opened (only those are listed; absent: all visible). */
  hidden?: Record<string, 'hidden' | 'veryHidden'>;
  /** Rows and columns (1-based) hidden on a sheet, only for sheets that hide some. */
  hiddenLines?: Record<string, { rows: number[]; cols: number[] }>;
}

export interface CellAddress {
  sheet: string;
  cell: string;
}

/** Resolves a single-cell reference such as `'封面'!$B$5`; ranges give their top-left cell. */
export function parseCellRef(ref: string): CellAddress | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?[A-Z]{1,3}\$?\d+)?$/u.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? '');
  return { sheet, cell: `${m[3] ?? ''}${m[4] ?? ''}` };
}

/**
 * Every defined name with the distinct cells it points at. A name is normally
 * defined once; a workbook-level name and a sheet-scoped one of the same name, or
 * a name written twice, can point at two cells, and then nobody can tell which of
 * them the form means (the importer refuses it). References that are not a cell
 * (`#REF!` after Excel deleted the row, external links) count as absent.
 */
export function nameTargets(wb: WorkbookSnapshot): Map<string, CellAddress[]> {
  const out = new Map<string, CellAddress[]>();
  for (const n of wb.names) {
    const addr = parseCellRef(n.ref);
    if (!addr) continue;
    const list = out.get(n.name);
    if (!list) out.set(n.name, [addr]);
    else if (!list.some((a) => a.sheet === addr.sheet && a.cell === addr.cell)) list.push(addr);
  }
  return out;
}

/** Own keys only: a name pointing at a sheet called "constructor" must not reach Object's own properties. */
export function cellAt(wb: WorkbookSnapshot, at: CellAddress): RawCell | undefined {
  const sheet = Object.hasOwn(wb.sheets, at.sheet) ? wb.sheets[at.sheet] : undefined;
  return sheet && Object.hasOwn(sheet, at.cell) ? sheet[at.cell] : undefined;
}

/** The cell's content as plain text (for cover fields and version marks). */
export function cellText(c: RawCell | undefined): string {
  // A number that is not finite (<v>abc</v> in a hand-edited package) shows nothing: never "NaN".
  if (!c || c.v === undefined || (typeof c.v === 'number' && !Number.isFinite(c.v))) return '';
  if (typeof c.v === 'boolean') return c.v ? 'TRUE' : 'FALSE';
  return typeof c.v === 'string' ? c.v.trim() : String(c.v);
}
