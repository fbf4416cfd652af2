/**
 * Finding each input of the form in a workbook the way the clerk sees it: by the
 * row label beside the cell and the column header above it, not by position
 * alone. A defined name or the layout's sheet + cell only proposes a cell; the
 * cell is trusted when its row label and column header are the template's.
 *
 * Why: a program that does not update defined names (openpyxl's insert_rows,
 * many bank IT scripts) or that drops them leaves every cell below an inserted or
 * deleted row one row off. Read by position, chains get the previous chain's
 * figures and text fields store their own labels, with no error.
 *
 * When the proposed cell does not carry its label, the label is looked for in the
 * same column of the sheet (within the section when it occurs more than once) and
 * the header in the section's header row; found once, the cell there is read and
 * the caller says so in a note. Not found (the row was deleted, the label edited),
 * the input is refused: 「第 N 行的项目应为「…」，实际为「…」：表格可能插入或删除了行」.
 *
 * Labels are compared after normalising what does not change their meaning: NFKC
 * (full-width letters and brackets), every kind of space (the 「　」 indentation),
 * a leading 「其中：」, the required mark 「 *」, and in headers the unit suffix when it
 * is the template's (「期末余额（万元）」 = 「期末余额」, but 「期末余额（亿元）」 is not).
 */
import { a1, columnLetter, type FormText, type InputCell, type TemplateLayout } from '../catalogue/layout';
import { cellAt, cellText, type CellAddress, type RawCell, type WorkbookSnapshot } from './workbook';
import { errorMessage } from '../errors';

const memo = new Map<string, string>();

/** A label or header as compared: see the module comment. */
function normaliseLabel(s: string): string {
  let n = memo.get(s);
  if (n !== undefined) return n;
  n = s
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/^其中:/u, '')
    .replace(/\*+$/u, '');
  if (memo.size > 20_000) memo.clear();
  memo.set(s, n);
  return n;
}

/** What must be found for one input (or the region mark): derived once per layout. */
export interface Target {
  /** Shown in messages: 「各项贷款余额」, 「富硒茶·贷款余额」. */
  name: string;
  sheet: string;
  /** The input cell in the template. */
  row: number;
  col: number;
  span: number;
  label: FormText;
  labelNorm: string;
  header: FormText | null;
  /** The header as written, and without its unit suffix. */
  headerNorms: string[];
  /** The first header of the section's header row (「项目」, 「产业链」): marks that row. */
  headerRowKey: string | null;
  /** The section title above the input (none on the cover), to tell repeated labels apart. */
  sectionTitle: string | null;
  /** A text block (label row above the input): its text must not spill into the rows below. */
  textBlock: boolean;
  /** The sheet's section titles in order (shared by the sheet's targets). */
  sheetTitles: readonly string[];
  /** The sheet's labels and titles: where a text block's rows end. */
  stops: ReadonlySet<string>;
}

interface Guide {
  targets: Map<InputCell, Target>;
  region: Target;
}

const guides = new WeakMap<TemplateLayout, Guide>();

function headerNorms(h: FormText): string[] {
  const full = normaliseLabel(h.text);
  const bare = normaliseLabel(h.text.replace(/（[^（）]*）\s*$/u, ''));
  return bare === full ? [full] : [full, bare];
}

function guideFor(layout: TemplateLayout): Guide {
  const hit = guides.get(layout);
  if (hit) return hit;
  const targets = new Map<InputCell, Target>();
  const perSheet = new Map<string, { sheetTitles: string[]; stops: Set<string> }>();
  for (const sheet of layout.sheets) {
    const stop = new Set<string>();
    const sheetTitles: string[] = [];
    const sectionRows: { row: number; title: string }[] = [];
    const headerKeys = new Map<number, string>();
    for (const item of sheet.items) {
      if (item.kind === 'section') {
        const t = normaliseLabel(item.text);
        sheetTitles.push(t);
        sectionRows.push({ row: item.row, title: t });
        stop.add(t);
      } else if (item.kind === 'label') stop.add(normaliseLabel(item.text));
      else if (item.kind === 'header' && item.col === 1) headerKeys.set(item.row, normaliseLabel(item.text));
    }
    perSheet.set(sheet.name, { sheetTitles, stops: stop });
    for (const item of sheet.items) {
      if (item.kind !== 'input') continue;
      const input = item.input;
      const title = [...sectionRows].reverse().find((s) => s.row < input.row)?.title ?? null;
      targets.set(input, {
        name: input.label,
        sheet: input.sheet,
        row: input.row,
        col: input.col,
        span: input.span,
        label: input.rowLabel,
        labelNorm: normaliseLabel(input.rowLabel.text),
        header: input.colHeader,
        headerNorms: input.colHeader ? headerNorms(input.colHeader) : [],
        headerRowKey: input.colHeader ? (headerKeys.get(input.colHeader.row) ?? null) : null,
        sectionTitle: title,
        textBlock: input.rowLabel.row !== input.row,
        sheetTitles,
        stops: stop,
      });
    }
  }
  const [, regionRow] = /^[A-Z]+(\d+)$/.exec(layout.regionCell.cell) ?? [];
  const region: Target = {
    name: layout.regionLabel.text,
    sheet: layout.regionCell.sheet,
    row: Number(regionRow ?? 0),
    col: layout.regionLabel.col + 1,
    span: 1,
    label: layout.regionLabel,
    labelNorm: normaliseLabel(layout.regionLabel.text),
    header: null,
    headerNorms: [],
    headerRowKey: null,
    sectionTitle: null,
    textBlock: false,
    sheetTitles: perSheet.get(layout.regionCell.sheet)?.sheetTitles ?? [],
    stops: perSheet.get(layout.regionCell.sheet)?.stops ?? new Set(),
  };
  const g: Guide = { targets, region };
  guides.set(layout, g);
  return g;
}

export function targetOf(layout: TemplateLayout, input: InputCell): Target {
  const t = guideFor(layout).targets.get(input);
  if (!t) throw new Error(`input ${input.definedName} is not in this layout`);
  return t;
}

export function regionTarget(layout: TemplateLayout): Target {
  return guideFor(layout).region;
}

/** A cell found where the form has it. `moved`: not at the proposed cell. */
interface Found {
  ok: true;
  at: CellAddress;
  moved: boolean;
}

interface NotFound {
  ok: false;
  code: 'E_ROW_SHIFTED' | 'E_COLUMN_SHIFTED' | 'E_LABEL_AMBIGUOUS' | 'E_HEADER_AMBIGUOUS' | 'E_HEADER_MISSING' | 'E_TEXT_OUTSIDE_CELL';
  message: string;
  /** The cell the problem is seen in (the label or header that differs). */
  at: CellAddress;
  /** The row label is nowhere in the sheet (the row was deleted, or the form is older than the registry). */
  labelMissing: boolean;
}

interface Pos {
  row: number;
  col: number;
}

/** Where each text sits in one sheet, built only when a label is not where it was proposed. */
interface SheetIndex {
  byText: Map<string, Pos[]>;
  maxRow: number;
  maxCol: number;
}

const decoded = new Map<string, Pos | null>();

/** A1 → row and column (memoised: every file of a batch asks for the same few hundred cells). */
function decode(addr: string): Pos | null {
  let p = decoded.get(addr);
  if (p !== undefined) return p;
  const m = /^([A-Z]{1,3})(\d+)$/.exec(addr);
  if (m) {
    let col = 0;
    for (const ch of m[1] ?? '') col = col * 26 + ch.charCodeAt(0) - 64;
    p = { row: Number(m[2]), col };
  } else p = null;
  if (decoded.size > 100_000) decoded.clear();
  decoded.set(addr, p);
  return p;
}

function shown(text: string): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

function actually(text: string): string {
  return text.trim() === '' ? '空白' : `「${shown(text)}」`;
}

/** Reads one workbook against the form; keeps per-sheet indexes for the files' other inputs. */
export class FormLocator {
  private readonly indexes = new Map<string, SheetIndex>();
  private readonly maxRows = new Map<string, number>();
  private readonly norms = new Map<string, Map<number, string>>();

  constructor(private readonly wb: WorkbookSnapshot) {}

  private raw(sheet: string, row: number, col: number): RawCell | undefined {
    return cellAt(this.wb, { sheet, cell: a1(row, col) });
  }

  private text(sheet: string, row: number, col: number): string {
    return cellText(this.raw(sheet, row, col));
  }

  /** Normalised text of a cell; labels and headers are shared by the inputs of a row or column, so each is read once per file. */
  private norm(sheet: string, row: number, col: number): string {
    let m = this.norms.get(sheet);
    if (!m) this.norms.set(sheet, (m = new Map()));
    const key = row * 16384 + col;
    let n = m.get(key);
    if (n === undefined) m.set(key, (n = normaliseLabel(this.text(sheet, row, col))));
    return n;
  }

  private index(sheet: string): SheetIndex {
    let ix = this.indexes.get(sheet);
    if (ix) return ix;
    ix = { byText: new Map(), maxRow: 0, maxCol: 0 };
    const cells = Object.hasOwn(this.wb.sheets, sheet) ? (this.wb.sheets[sheet] ?? {}) : {};
    for (const [addr, c] of Object.entries(cells)) {
      const p = decode(addr);
      if (!p) continue;
      ix.maxRow = Math.max(ix.maxRow, p.row);
      ix.maxCol = Math.max(ix.maxCol, p.col);
      const t = cellText(c);
      if (!t) continue;
      const n = normaliseLabel(t);
      const list = ix.byText.get(n);
      if (list) list.push(p);
      else ix.byText.set(n, [p]);
    }
    for (const list of ix.byText.values()) list.sort((a, b) => a.row - b.row || a.col - b.col);
    this.indexes.set(sheet, ix);
    return ix;
  }

  /** The last row with a cell, without building the text index (every file's text sheet needs it). */
  private maxRow(sheet: string): number {
    const ix = this.indexes.get(sheet);
    if (ix) return ix.maxRow;
    let n = this.maxRows.get(sheet);
    if (n !== undefined) return n;
    n = 0;
    const cells = Object.hasOwn(this.wb.sheets, sheet) ? (this.wb.sheets[sheet] ?? {}) : {};
    for (const addr of Object.keys(cells)) n = Math.max(n, decode(addr)?.row ?? 0);
    this.maxRows.set(sheet, n);
    return n;
  }

  /** Rows of the section titled `title` in this workbook: from its title to the next section's. */
  private sectionRange(t: Target): { from: number; to: number } | null {
    if (!t.sectionTitle) return null;
    const ix = this.index(t.sheet);
    const rowOf = (title: string): number | undefined => ix.byText.get(title)?.find((p) => p.col === 1)?.row;
    const from = rowOf(t.sectionTitle);
    if (from === undefined) return null;
    const later = t.sheetTitles.map(rowOf).filter((r): r is number => r !== undefined && r > from);
    return { from, to: later.length ? Math.min(...later) - 1 : Number.MAX_SAFE_INTEGER };
  }

  /**
   * Finds the input `t` starting from the proposed cell: a defined name's target on
   * the form's own sheet, else the template's cell.
   */
  find(t: Target, proposed: CellAddress): Found | NotFound {
    const p = decode(proposed.cell) ?? { row: t.row, col: t.col };
    const dRow = t.label.row - t.row;
    // Row: the label beside the proposed cell, else wherever it is in the label column.
    let labelRow = Math.max(1, p.row + dRow);
    let rowMoved = false;
    if (this.norm(t.sheet, labelRow, t.label.col) !== t.labelNorm) {
      const hits = (this.index(t.sheet).byText.get(t.labelNorm) ?? []).filter((x) => x.col === t.label.col);
      let pick = hits;
      if (hits.length > 1) {
        const range = this.sectionRange(t);
        pick = range ? hits.filter((x) => x.row > range.from && x.row <= range.to) : [];
      }
      if (pick.length !== 1 || !pick[0]) {
        const at = { sheet: t.sheet, cell: a1(labelRow, t.label.col) };
        if (hits.length > 1) {
          return {
            ok: false,
            code: 'E_LABEL_AMBIGUOUS',
            message: errorMessage('E_LABEL_AMBIGUOUS', { label: shown(t.label.text), count: hits.length, rows: hits.map((x) => x.row).join('、') }),
            at,
            labelMissing: false,
          };
        }
        return {
          ok: false,
          code: 'E_ROW_SHIFTED',
          message: errorMessage('E_ROW_SHIFTED', { row: labelRow, expected: shown(t.label.text), found: actually(this.text(t.sheet, labelRow, t.label.col)) }),
          at,
          labelMissing: true,
        };
      }
      labelRow = pick[0].row;
      rowMoved = true;
    }
    const row = labelRow - dRow;

    // Column: the header above, in the section's header row, when the section has one.
    let col = rowMoved ? t.col : p.col;
    if (t.header && t.headerRowKey !== null) {
      const headerRow = this.headerRow(t, labelRow);
      if (headerRow === null) {
        const guess = t.header.row + (labelRow - t.label.row);
        return {
          ok: false,
          code: 'E_HEADER_MISSING',
          message: errorMessage('E_HEADER_MISSING', { field: shown(t.name), row: guess, header: shown(t.header.text) }),
          at: { sheet: t.sheet, cell: a1(Math.max(1, guess), t.header.col) },
          labelMissing: false,
        };
      }
      if (!t.headerNorms.includes(this.norm(t.sheet, headerRow, col))) {
        const seen = col;
        const cols: number[] = [];
        const last = Math.max(this.index(t.sheet).maxCol, t.col);
        for (let c = 1; c <= last; c++) if (c !== t.label.col && t.headerNorms.includes(this.norm(t.sheet, headerRow, c))) cols.push(c);
        if (cols.length !== 1 || cols[0] === undefined) {
          const at = { sheet: t.sheet, cell: a1(headerRow, seen) };
          if (cols.length > 1) {
            return {
              ok: false,
              code: 'E_HEADER_AMBIGUOUS',
              message: errorMessage('E_HEADER_AMBIGUOUS', { header: shown(t.header.text), row: headerRow, count: cols.length, columns: cols.map(columnLetter).join('、'), field: shown(t.name) }),
              at,
              labelMissing: false,
            };
          }
          return {
            ok: false,
            code: 'E_COLUMN_SHIFTED',
            message: errorMessage('E_COLUMN_SHIFTED', { column: columnLetter(seen), expected: shown(t.header.text), found: actually(this.text(t.sheet, headerRow, seen)) }),
            at,
            labelMissing: false,
          };
        }
        col = cols[0];
      }
    } else {
      // No header (cover, text blocks): the input sits at the template's distance from its label.
      col = t.col;
    }

    if (t.textBlock) {
      const spill = this.spill(t, row, col);
      if (spill) return spill;
    }
    const moved = row !== p.row || col !== p.col;
    return { ok: true, at: moved ? { sheet: t.sheet, cell: a1(row, col) } : proposed, moved };
  }

  /** The header row of the section: the same shift as the label, else the nearest row above marked by the section's first header. */
  private headerRow(t: Target, labelRow: number): number | null {
    if (!t.header || t.headerRowKey === null) return null;
    const guess = t.header.row + (labelRow - t.label.row);
    if (guess >= 1 && this.norm(t.sheet, guess, 1) === t.headerRowKey) return guess;
    const range = this.sectionRange(t);
    const rows = (this.index(t.sheet).byText.get(t.headerRowKey) ?? []).filter((x) => x.col === 1 && x.row < labelRow && (!range || x.row > range.from));
    return rows.length ? (rows[rows.length - 1]?.row ?? null) : null;
  }

  /**
   * A text block's input is the one row under its label. Anything in the rows below
   * it, up to the next label, was seen by the clerk as part of the answer (a row
   * inserted under the label, a second paragraph typed in the next row) and would
   * be lost: refused.
   */
  private spill(t: Target, row: number, col: number): NotFound | null {
    const last = this.maxRow(t.sheet);
    for (let r = row + 1; r <= last; r++) {
      if (t.stops.has(this.norm(t.sheet, r, t.label.col))) return null;
      for (let c = col; c < col + t.span; c++) {
        const text = this.text(t.sheet, r, c);
        if (text.trim() === '') continue;
        return {
          ok: false,
          code: 'E_TEXT_OUTSIDE_CELL',
          message: errorMessage('E_TEXT_OUTSIDE_CELL', { row: r, text: shown(text), field: shown(t.name), inputRow: row }),
          at: { sheet: t.sheet, cell: a1(r, c) },
          labelMissing: false,
        };
      }
    }
    return null;
  }
}
