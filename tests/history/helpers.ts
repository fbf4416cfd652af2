/** History sheets written by the tests with SheetJS, the way analysts keep them in Excel. */
import * as XLSX from 'xlsx';
import * as fs from 'node:fs';
import { join } from 'node:path';

XLSX.set_fs(fs);

export interface SheetSpec {
  name: string;
  rows: (string | number | null | XLSX.CellObject)[][];
  /** Merged areas as Excel writes them: "B1:E1". */
  merges?: string[];
}

/** Writes an .xlsx workbook with the given sheets and returns its path. */
export function writeHistoryBook(dir: string, file: string, sheets: SheetSpec[]): string {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows.map((r) => r.map((c) => (c === null ? null : typeof c === 'object' ? c : c))));
    // aoa_to_sheet writes cell objects given as values as strings: set them by address.
    s.rows.forEach((r, ri) =>
      r.forEach((c, ci) => {
        if (c !== null && typeof c === 'object') ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = c;
      }),
    );
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  const path = join(dir, file);
  XLSX.writeFile(wb, path);
  return path;
}

export const LONG_HEADER = ['机构', '报告期', '字段', '成员', '数值'];
