/**
 * Tables as an office prints them (ExcelJS): a title, a period line with the
 * unit (单位), bordered cells with real numbers and number formats, a frozen
 * header that repeats on every printed page, A4 set-up, and 制表日期 /
 * 数据来源 lines under the table. Empty values read 无数据, never 0.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { NO_DATA } from '../../domain/indicators/format';
import { neutraliseFormula } from '../../domain/text/formulaInjection';
import { now } from '../../domain/clock';
import { excelNumberFormat, textWidth, type OfficeSheet } from '../../domain/present/officeTable';

export type { OfficeColumn, OfficeRow, OfficeSheet, OfficeValue } from '../../domain/present/officeTable';

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';
const HEAD_FONT = '黑体';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
const HIGHLIGHT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };

/** Lines a text takes in a column of the given width (10 pt text is a little narrower than Excel's width unit). */
function linesFor(text: string, width: number): number {
  return Math.max(1, Math.ceil((textWidth(text) * 0.85) / Math.max(width - 1.5, 1)));
}

export function todayLabel(d: Date = now()): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

function addSheet(wb: ExcelJS.Workbook, s: OfficeSheet, madeOn: string): void {
  const HEADER_ROW = 3;
  const ws = wb.addWorksheet(s.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: s.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const n = s.columns.length;
  ws.columns = s.columns.map((c) => ({ key: c.key, width: c.width }));

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = s.title;
  title.font = { name: HEAD_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(2, 1, 2, half);
  const period = ws.getCell(2, 1);
  period.value = s.period;
  period.font = { name: FONT, size: 10.5 };
  period.alignment = { horizontal: 'left', vertical: 'middle' };
  if (n > half) {
    ws.mergeCells(2, half + 1, 2, n);
    const unit = ws.getCell(2, half + 1);
    unit.value = s.unit;
    unit.font = { name: FONT, size: 10.5 };
    unit.alignment = { horizontal: 'right', vertical: 'middle' };
  }
  ws.getRow(2).height = 18;

  const header = ws.getRow(HEADER_ROW);
  s.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: HEAD_FONT, size: 10, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const longest = Math.max(...s.columns.map((c) => linesFor(c.header, c.width)));
  header.height = Math.max(20, 14 * longest + 6);

  s.rows.forEach((r, ri) => {
    const row = ws.getRow(HEADER_ROW + 1 + ri);
    let lines = 1;
    s.columns.forEach((c, ci) => {
      const cell = row.getCell(ci + 1);
      const v = r[c.key];
      const fmt = c.format ?? 'text';
      const numFmt = excelNumberFormat(c);
      cell.border = BORDER;
      cell.font = { name: FONT, size: 10, bold: r._bold === true };
      if (r._highlight) cell.fill = HIGHLIGHT_FILL;
      if (numFmt !== null && typeof v === 'number' && Number.isFinite(v)) {
        cell.value = v;
        cell.numFmt = numFmt;
        cell.alignment = { horizontal: 'right', vertical: 'middle', indent: 1 };
      } else if (fmt !== 'text' && (v === null || v === undefined)) {
        cell.value = NO_DATA;
        cell.font = { name: FONT, size: 10, color: { argb: 'FF7F7F7F' } };
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      } else {
        const text = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
        // Text comes from banks' files and analysts' input: never let it become a formula.
        cell.value = neutraliseFormula(text);
        cell.alignment = { horizontal: c.align ?? 'left', vertical: 'middle', wrapText: true, ...(c.align === 'center' ? {} : { indent: 1 }) };
        lines = Math.max(lines, linesFor(text, c.align === 'center' ? c.width : c.width - 1));
      }
    });
    row.height = Math.max(18, 14 * lines + 4);
  });

  let at = HEADER_ROW + s.rows.length + 2;
  for (const line of [...(s.notes ?? []), `制表日期：${madeOn}`, ...(s.source ? [`数据来源：${s.source}`] : [])]) {
    ws.mergeCells(at, 1, at, n);
    const cell = ws.getCell(at, 1);
    cell.value = line;
    cell.font = { name: FONT, size: 9.5, color: { argb: 'FF404040' } };
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    const width = s.columns.reduce((a, c) => a + c.width, 0);
    ws.getRow(at).height = Math.max(16, 14 * linesFor(line, width) + 2);
    at++;
  }
}

export async function writeOfficeWorkbook(path: string, sheets: OfficeSheet[], opts: { madeOn?: string; title?: string } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡村振兴金融监测与考核';
  wb.created = now();
  if (opts.title) wb.title = opts.title;
  const madeOn = opts.madeOn ?? todayLabel();
  for (const s of sheets) addSheet(wb, s, madeOn);
  mkdirSync(dirname(path), { recursive: true });
  await wb.xlsx.writeFile(path);
  return path;
}
