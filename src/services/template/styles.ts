/**
 * The look of the quarterly form: one place for fonts, fills and borders so
 * every sheet reads the same. Input cells are the only shaded cells, so a
 * clerk sees at a glance what to fill.
 */
import type ExcelJS from 'exceljs';
import { displayWidth } from '../../domain/text/width';

const FONT = '宋体';
const FONT_HEAD = '黑体';

export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF5CC' } };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };
export const GRID_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const FONTS = {
  title: { name: FONT_HEAD, size: 16, bold: true },
  subtitle: { name: FONT, size: 10, color: { argb: 'FF404040' } },
  section: { name: FONT_HEAD, size: 12, bold: true },
  header: { name: FONT_HEAD, size: 10, bold: true },
  label: { name: FONT, size: 10.5 },
  input: { name: FONT, size: 10.5, color: { argb: 'FF00307A' } },
  unit: { name: FONT, size: 10 },
  note: { name: FONT, size: 9, color: { argb: 'FF595959' } },
  meta: { name: FONT, size: 9, color: { argb: 'FF7F7F7F' } },
  sample: { name: FONT_HEAD, size: 11, bold: true, color: { argb: 'FFC00000' } },
} satisfies Record<string, Partial<ExcelJS.Font>>;

/** Points per text line at 10.5 pt, used to size rows whose text wraps. */
export const LINE_HEIGHT = 14;
/** Height of a row that holds a long text answer (about 14 lines). */
export const TALL_ROW_HEIGHT = 200;

/** Lines a wrapped text needs in an area that many characters wide. */
export function linesFor(text: string, width: number): number {
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((displayWidth(part) * 1.05) / Math.max(4, width - 1))), 0);
}
