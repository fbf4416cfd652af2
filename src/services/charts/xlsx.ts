/**
 * Styled .xlsx tables the way offices print them: merged title, period and
 * unit line, bordered header, real numbers with formats, frozen header,
 * A4 page set-up fitted to the page width.
 */
import ExcelJS from 'exceljs';
import { NUMBER_FORMATS, type ReportCell, type ReportTable } from '../../domain/report/table';

const TITLE_FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addSheet(wb: ExcelJS.Workbook, t: ReportTable): void {
  const ws = wb.addWorksheet(t.sheet, {
    pageSetup: { paperSize: 9, orientation: t.columns.length > 7 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    views: [{ state: 'frozen', ySplit: 4, xSplit: 1 }],
  });
  const n = t.columns.length;
  ws.columns = t.columns.map((c) => ({ width: c.width ?? (c.kind === 'text' ? 22 : 16) }));

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = t.title;
  title.font = { name: TITLE_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  ws.mergeCells(2, 1, 2, Math.max(1, n - 2));
  ws.getCell(2, 1).value = `报告期：${t.period}`;
  ws.getCell(2, 1).font = { name: TITLE_FONT, size: 10 };
  ws.mergeCells(3, 1, 3, n);
  ws.getCell(3, 1).value = t.unit;
  ws.getCell(3, 1).alignment = { horizontal: 'right' };
  ws.getCell(3, 1).font = { name: TITLE_FONT, size: 10 };

  const header = ws.getRow(4);
  t.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: TITLE_FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  header.height = 32;

  const writeRow = (values: ReportCell[], bold: boolean): void => {
    const row = ws.addRow(values.map((v) => (v === null ? '—' : v)));
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      cell.font = { name: TITLE_FONT, size: 10, bold };
      if (c.kind === 'text' || typeof values[i] !== 'number') {
        cell.alignment = { horizontal: c.kind === 'text' ? 'left' : 'center', vertical: 'middle' };
      } else {
        cell.numFmt = NUMBER_FORMATS[c.kind];
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
      }
    });
  };
  for (const r of t.rows) writeRow(r, false);
  if (t.total) writeRow(t.total, true);

  const noteRow = ws.addRow([t.note]);
  ws.mergeCells(noteRow.number, 1, noteRow.number, n);
  noteRow.getCell(1).font = { name: TITLE_FONT, size: 9 };
  noteRow.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  noteRow.height = 30;
  ws.pageSetup.printTitlesRow = '4:4';
}

export async function writeTablesXlsx(tables: readonly ReportTable[], path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡村振兴金融监测与考核';
  for (const t of tables) addSheet(wb, t);
  await wb.xlsx.writeFile(path);
}
