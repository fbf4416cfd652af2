/**
 * 导出 Excel of any table in the window: the page builds the office table from all
 * its rows (the same model 复制表格 puts on the clipboard), the services check its
 * shape and write the styled .xlsx. The page's bytes are not trusted: every field is
 * checked for type and size, and text never becomes a formula (office-table.ts).
 */
import { resolve } from 'node:path';
import type { CellFormat, OfficeColumn, OfficeRow, OfficeSheet } from '../../domain/present/officeTable';
import { excelSheetName } from '../../domain/present/officeTable';
import { failure } from '../../domain/result';
import { writeOfficeWorkbook } from './office-table';

const FORMATS: ReadonlySet<CellFormat> = new Set(['text', 'amount', 'percent', 'points', 'integer', 'pp']);
const MAX_ROWS = 200_000;
const MAX_COLUMNS = 300;
const MAX_TEXT = 4000;

function bad(what: string): never {
  throw failure('E_EXPORT_TABLE', { what });
}

function text(v: unknown, what: string, optional = false): string {
  if (v === undefined && optional) return '';
  if (typeof v !== 'string' || v.length > MAX_TEXT) bad(what);
  return v;
}

function column(v: unknown, i: number): OfficeColumn {
  if (typeof v !== 'object' || v === null) bad(`第 ${i + 1} 列`);
  const c = v as Record<string, unknown>;
  const key = text(c['key'], `第 ${i + 1} 列`);
  const header = text(c['header'], `第 ${i + 1} 列的列名`);
  const width = c['width'];
  if (typeof width !== 'number' || !(width >= 1 && width <= 255)) bad(`第 ${i + 1} 列的列宽`);
  const format = c['format'] ?? 'text';
  if (typeof format !== 'string' || !FORMATS.has(format as CellFormat)) bad(`第 ${i + 1} 列的格式`);
  const decimals = c['decimals'];
  if (decimals !== undefined && !(typeof decimals === 'number' && Number.isInteger(decimals) && decimals >= 0 && decimals <= 6)) bad(`第 ${i + 1} 列的小数位数`);
  const align = c['align'];
  if (align !== undefined && align !== 'left' && align !== 'center') bad(`第 ${i + 1} 列的对齐方式`);
  return { key, header, width, format: format as CellFormat, ...(decimals !== undefined ? { decimals } : {}), ...(align !== undefined ? { align } : {}) };
}

function row(v: unknown, columns: readonly OfficeColumn[], i: number): OfficeRow {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`第 ${i + 1} 行`);
  const r = v as Record<string, unknown>;
  const out: OfficeRow = {};
  for (const c of columns) {
    const x = r[c.key];
    if (x === undefined || x === null || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) out[c.key] = x;
    else if (typeof x === 'string' && x.length <= MAX_TEXT) out[c.key] = x;
    else bad(`第 ${i + 1} 行「${c.header}」`);
  }
  if (r['_bold'] === true) out._bold = true;
  return out;
}

/** The sheet as the page sent it, checked; or a Chinese refusal naming what is wrong. */
export function checkedSheet(v: unknown): OfficeSheet {
  if (typeof v !== 'object' || v === null) bad('没有表格');
  const s = v as Record<string, unknown>;
  if (!Array.isArray(s['columns']) || s['columns'].length === 0 || s['columns'].length > MAX_COLUMNS) bad('列');
  const columns = s['columns'].map(column);
  if (new Set(columns.map((c) => c.key)).size !== columns.length) bad('列重复');
  if (!Array.isArray(s['rows']) || s['rows'].length > MAX_ROWS) bad('行');
  const rows = s['rows'].map((r, i) => row(r, columns, i));
  const notes = s['notes'];
  if (notes !== undefined && !(Array.isArray(notes) && notes.length <= 50)) bad('说明');
  const title = text(s['title'], '标题');
  return {
    name: excelSheetName(text(s['name'], '工作表名', true) || title),
    title,
    period: text(s['period'], '报告期', true),
    unit: text(s['unit'], '单位', true),
    columns,
    rows,
    ...(notes ? { notes: notes.map((n, i) => text(n, `第 ${i + 1} 条说明`)) } : {}),
    source: text(s['source'], '数据来源', true),
    ...(s['landscape'] === true ? { landscape: true } : {}),
  };
}

export async function exportScreenTable(sheet: unknown, out: string): Promise<{ path: string; rows: number }> {
  const s = checkedSheet(sheet);
  const path = await writeOfficeWorkbook(resolve(out), [s], { title: s.title });
  return { path, rows: s.rows.length };
}
