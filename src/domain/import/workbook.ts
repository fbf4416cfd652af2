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

/** Workbook-level names win over sheet-scoped ones of the same name. */
export function nameIndex(wb: WorkbookSnapshot): Map<string, CellAddress> {
  const out = new Map<string, CellAddress>();
  const ordered = [...wb.names].sort((a, b) => Number(b.sheetScoped) - Number(a.sheetScoped));
  for (const n of ordered) {
    const addr = parseCellRef(n.ref);
    if (addr) out.set(n.name, addr);
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
  if (!c || c.v === undefined) return '';
  return typeof c.v === 'string' ? c.v.trim() : String(c.v);
}
