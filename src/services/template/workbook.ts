/**
 * Draws the quarterly report form from the shared layout with ExcelJS:
 * styled, formula-free, every input cell shaded, unlocked, formatted,
 * validated and carrying its workbook-level defined name. The same drawn
 * workbook is refilled for each sample report (see fill.ts).
 */
import ExcelJS from 'exceljs';
import { columnLetter, type InputCell, type LayoutItem, type SheetLayout, type TemplateLayout } from '../../domain/catalogue/layout';
import { displayWidth } from '../../domain/text/width';
import { FONTS, GRID_BORDER, HEADER_FILL, INPUT_FILL, LINE_HEIGHT, TALL_ROW_HEIGHT, linesFor } from './styles';
import { NUMBER_FORMATS, validationFor, type ListSources } from './cellRules';
import { drawCheckSheet, type CheckSheetOptions } from './checkSheet';

export const LIST_SHEET = '下拉选项';

export interface DrawOptions {
  layout: TemplateLayout;
  /** Institution full names offered in the cover's drop-down (the region's registry). */
  institutionNames: string[];
  /** Quarters offered in the cover's drop-down, e.g. 2025Q3. */
  quarters: string[];
  /** Shown in every page header of a sample report. */
  pageHeader?: string;
  /** The template version's check rules, drawn as the 校验 sheet (with the bank's earlier quarters when known). */
  check?: Omit<CheckSheetOptions, 'layout'>;
}

export interface DrawnTemplate {
  wb: ExcelJS.Workbook;
  layout: TemplateLayout;
  /** Input cells by defined name. */
  cells: Map<string, { cell: ExcelJS.Cell; input: InputCell }>;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function absoluteRef(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!$${columnLetter(col)}$${row}`;
}

function listRanges(opts: DrawOptions): ListSources {
  const range = (col: number, n: number): string | null => (n === 0 ? null : `${absoluteRef(LIST_SHEET, 2, col)}:$${columnLetter(col)}$${n + 1}`);
  return { institutions: range(1, opts.institutionNames.length), quarters: range(2, opts.quarters.length) };
}

function writeLists(wb: ExcelJS.Workbook, opts: DrawOptions): void {
  const ws = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });
  ws.getCell('A1').value = '机构全称';
  ws.getCell('B1').value = '报告期';
  opts.institutionNames.forEach((n, i) => (ws.getCell(i + 2, 1).value = n));
  opts.quarters.forEach((q, i) => (ws.getCell(i + 2, 2).value = q));
  ws.getColumn(1).width = 36;
  ws.getColumn(2).width = 10;
}

/** Width in characters of an item's (possibly merged) area. */
function spanWidth(sheet: SheetLayout, col: number, span: number): number {
  let w = 0;
  for (let c = col; c < col + span; c++) w += sheet.widths[c - 1] ?? 12;
  return w;
}


function styleStatic(cell: ExcelJS.Cell, item: Exclude<LayoutItem, { kind: 'input' }>): void {
  cell.value = item.text;
  switch (item.kind) {
    case 'title':
      cell.font = FONTS.title;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'subtitle':
      cell.font = FONTS.subtitle;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'section':
      cell.font = FONTS.section;
      cell.alignment = { horizontal: 'left', vertical: 'bottom' };
      break;
    case 'header':
      cell.font = FONTS.header;
      cell.fill = HEADER_FILL;
      cell.border = GRID_BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      break;
    case 'label':
      cell.font = FONTS.label;
      cell.border = GRID_BORDER;
      cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      break;
    case 'unit':
      cell.font = FONTS.unit;
      cell.border = GRID_BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'note':
      cell.font = FONTS.note;
      cell.alignment = { horizontal: item.text === '—' ? 'center' : 'left', vertical: 'middle', wrapText: true };
      if (item.span < 4) cell.border = GRID_BORDER;
      break;
    case 'meta':
      cell.font = FONTS.meta;
      cell.alignment = { horizontal: 'left', vertical: 'middle' };
      break;
  }
}

function styleInput(cell: ExcelJS.Cell, input: InputCell, tall: boolean): void {
  cell.fill = INPUT_FILL;
  cell.border = GRID_BORDER;
  cell.font = FONTS.input;
  cell.numFmt = NUMBER_FORMATS[input.type];
  cell.protection = { locked: false };
  const numeric = input.type === 'amount' || input.type === 'count' || input.type === 'rate';
  cell.alignment = tall
    ? { horizontal: 'left', vertical: 'top', wrapText: true }
    : { horizontal: numeric ? 'right' : 'left', vertical: 'middle', wrapText: !numeric };
}

function drawSheet(wb: ExcelJS.Workbook, sheet: SheetLayout, opts: DrawOptions, lists: ListSources, cells: DrawnTemplate['cells']): void {
  const ws = wb.addWorksheet(sheet.name, {
    views: sheet.freezeRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: sheet.freezeRows, showGridLines: false }] : [{ showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '1:2',
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: opts.pageHeader ? `&R&"黑体,加粗"&KC00000${opts.pageHeader}` : '',
      oddFooter: `&C&"宋体,常规"&9${sheet.name}　第 &P 页，共 &N 页`,
    },
  });
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const tall = new Set(sheet.tallRows);
  const rowLines = new Map<number, number>();
  const need = (row: number, lines: number): void => {
    rowLines.set(row, Math.max(rowLines.get(row) ?? 1, lines));
  };

  for (const item of sheet.items) {
    if (item.span > 1) ws.mergeCells(item.row, item.col, item.row, item.col + item.span - 1);
    const cell = ws.getCell(item.row, item.col);
    if (item.kind === 'input') {
      const isTall = tall.has(item.row);
      styleInput(cell, item.input, isTall);
      // Borders of merged areas are drawn per cell.
      for (let c = item.col + 1; c < item.col + item.span; c++) {
        const m = ws.getCell(item.row, c);
        m.border = GRID_BORDER;
        m.fill = INPUT_FILL;
      }
      const rule = validationFor(item.input, lists);
      if (rule) cell.dataValidation = rule;
      wb.definedNames.add(absoluteRef(sheet.name, item.row, item.col), item.input.definedName);
      cells.set(item.input.definedName, { cell, input: item.input });
      continue;
    }
    // A long header breaks before its unit, never inside it.
    const width = spanWidth(sheet, item.col, item.span);
    const text = item.kind === 'header' && displayWidth(item.text) * 1.1 > width - 1 ? item.text.replace(/（(?=[^（]*$)/u, '\n（') : item.text;
    styleStatic(cell, { ...item, text });
    if (item.kind === 'header' || item.kind === 'label' || item.kind === 'note') {
      need(item.row, linesFor(text, width));
    }
  }

  ws.getRow(1).height = 30;
  ws.getRow(2).height = 20;
  // Cover rows are a little taller: it is the page a clerk types on first and signs.
  const minHeight = sheet.freezeRows === 0 ? 24 : 20;
  for (const [row, lines] of rowLines) if (!tall.has(row) && row > 2) ws.getRow(row).height = Math.max(minHeight, lines * LINE_HEIGHT + 6);
  for (const row of sheet.tallRows) {
    const isInputRow = sheet.items.some((i) => i.row === row && i.kind === 'input');
    ws.getRow(row).height = isInputRow ? TALL_ROW_HEIGHT : Math.max(20, (rowLines.get(row) ?? 2) * LINE_HEIGHT + 8);
  }
  // Keep each section's rows together on paper: break before a section that would straddle a page.
  addSectionPageBreaks(ws, sheet);
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    deleteRows: false,
  });
}

/** Approximate printable height of an A4 portrait page in points, after margins and print titles. */
const PAGE_POINTS = 700;

function addSectionPageBreaks(ws: ExcelJS.Worksheet, sheet: SheetLayout): void {
  const sectionRows = sheet.items.filter((i) => i.kind === 'section').map((i) => i.row);
  if (sectionRows.length < 2) return;
  const totalWidth = sheet.widths.reduce((a, b) => a + b, 0);
  // Fit-to-width shrinks rows as much as columns: A4 portrait holds about 72 characters at 100 %.
  const scale = Math.min(1, 72 / totalWidth);
  const heightOf = (r: number): number => (ws.getRow(r).height ?? 15) * scale;
  const lastRow = Math.max(...sheet.items.map((i) => i.row));
  let used = heightOf(1) + heightOf(2);
  const bounds = [...sectionRows, lastRow + 1];
  for (let s = 0; s < sectionRows.length; s++) {
    const start = bounds[s] ?? 0;
    const end = bounds[s + 1] ?? start;
    let h = 0;
    for (let r = start; r < end; r++) h += heightOf(r);
    if (s > 0 && used + h > PAGE_POINTS && h <= PAGE_POINTS) {
      ws.getRow(start - 1).addPageBreak();
      used = heightOf(1) + heightOf(2);
    }
    used += h;
  }
}

export function drawTemplate(opts: DrawOptions): DrawnTemplate {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡村振兴金融监测与考核';
  wb.title = titleOf(opts.layout);
  const cells: DrawnTemplate['cells'] = new Map();
  // The list sheet is added last so layout sheets keep their order; its ranges are known up front.
  const lists = listRanges(opts);
  for (const sheet of opts.layout.sheets) drawSheet(wb, sheet, opts, lists, cells);
  // After the form's sheets: the clerk fills first, then looks at the verdicts.
  if (opts.check) drawCheckSheet(wb, { layout: opts.layout, ...opts.check });
  writeLists(wb, opts);
  const meta = (name: string, at: { sheet: string; cell: string }): void => {
    const ws = wb.getWorksheet(at.sheet);
    if (!ws) throw new Error(`layout names a missing sheet ${at.sheet}`);
    const c = ws.getCell(at.cell);
    wb.definedNames.add(absoluteRef(at.sheet, Number(c.row), Number(c.col)), name);
  };
  meta(opts.layout.versionName, opts.layout.versionCell);
  meta(opts.layout.regionName, opts.layout.regionCell);
  return { wb, layout: opts.layout, cells };
}

function titleOf(layout: TemplateLayout): string {
  const item = layout.sheets[0]?.items.find((i) => i.kind === 'title');
  return item && item.kind === 'title' ? item.text : '';
}
