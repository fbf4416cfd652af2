/**
 * One table model for everything that leaves the app as a table: a title, the
 * period and unit lines, columns with a number format, rows of real values, notes
 * and the source. The services write it as a styled .xlsx (ExcelJS) and as a Word
 * table; the window puts it on the clipboard as TSV and as HTML that Excel and
 * Word paste as real cells (numbers stay numbers, 千分位 kept by their format).
 * Every path prints a cell the same way (officeCellText), so the three agree.
 */
import { NO_DATA } from './number';
import { neutraliseFormula } from '../text/formulaInjection';
import { formatNumber, roundTo } from '../charts/format';
import { balanceTable, balanceNote } from './rounding';
import type { ValueKind } from './number';

export type CellFormat = 'text' | 'amount' | 'percent' | 'points' | 'integer' | 'pp';

export interface OfficeColumn {
  key: string;
  header: string;
  /** Width in characters. */
  width: number;
  format?: CellFormat;
  /** Decimals of amount, percent, points and pp columns (defaults: 2, 1, 2, 2). */
  decimals?: number;
  /** Text alignment for text columns (numbers are always right-aligned). */
  align?: 'left' | 'center';
}

export type OfficeValue = string | number | boolean | null | undefined;
export type OfficeRow = Record<string, OfficeValue> & { _bold?: boolean; _highlight?: boolean };

export interface OfficeSheet {
  name: string;
  title: string;
  /** Left of the line under the title: 考核年度：2025年 / 报告期：2025年第三季度. */
  period: string;
  /** Right of that line: 单位：万元、% */
  unit: string;
  columns: OfficeColumn[];
  rows: OfficeRow[];
  /** Lines under the table before 制表日期 (e.g. 说明). */
  notes?: string[];
  source: string;
  landscape?: boolean;
}

const DEFAULT_DECIMALS: Record<Exclude<CellFormat, 'text' | 'integer'>, number> = { amount: 2, percent: 1, points: 2, pp: 2 };

function decimalsOf(c: OfficeColumn): number {
  const f = c.format ?? 'text';
  if (f === 'text' || f === 'integer') return 0;
  return c.decimals ?? DEFAULT_DECIMALS[f];
}

/** The number format Excel (ExcelJS numFmt, or mso-number-format when pasted) gives the column. */
export function excelNumberFormat(c: OfficeColumn): string | null {
  const d = decimalsOf(c);
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  switch (c.format ?? 'text') {
    case 'text':
      return null;
    case 'amount':
      return `#,##0${frac}`;
    case 'integer':
      return '#,##0';
    case 'percent':
      return `0${frac}%`;
    case 'points':
      return `0${frac}`;
    case 'pp':
      return `0${frac}"个百分点"`;
  }
}

/** A cell as every export prints it: 1,234.56 · 12.3% · 1,200 · 无数据 (a number column without a value). */
export function officeCellText(c: OfficeColumn, v: OfficeValue): string {
  const fmt = c.format ?? 'text';
  if (v === null || v === undefined) return fmt === 'text' ? '' : NO_DATA;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || fmt === 'text') return String(v);
  const d = decimalsOf(c);
  switch (fmt) {
    case 'percent':
      return `${formatNumber(v * 100, d)}%`;
    case 'integer':
      return formatNumber(v, 0);
    case 'pp':
      return `${formatNumber(v, d)}个百分点`;
    case 'amount':
    case 'points':
      return formatNumber(v, d);
  }
}

/** The column format of a window table's kind of value (DataTable's Column.kind). */
export function formatForKind(kind: ValueKind | undefined): { format: CellFormat; decimals?: number } {
  switch (kind) {
    case 'amount':
      return { format: 'amount' };
    case 'count':
      return { format: 'integer' };
    case 'rate':
    case 'percent':
      return { format: 'percent', decimals: 2 };
    case 'score':
      return { format: 'points' };
    default:
      return { format: 'text' };
  }
}

/** Display width in character cells: a Chinese character takes two, a digit or letter one. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** A column of a window table, as far as the office table needs it (DataTable's Column fits). */
export interface ScreenColumn {
  key: string;
  label: string;
  kind?: ValueKind;
  unit?: string;
}

/** What a table is, for the copy and the .xlsx: the lines an office prints around it. */
export interface TableMeta {
  title: string;
  /** e.g. 报告期：2025年第四季度　地区：安康市 */
  period?: string;
  /** e.g. 单位：万元 */
  unit?: string;
  notes?: string[];
  source?: string;
  landscape?: boolean;
  /** Sheet name (Excel allows 31 characters); the title when omitted. */
  sheetName?: string;
}

const NUMERIC_KINDS: ReadonlySet<ValueKind> = new Set(['amount', 'count', 'rate', 'percent', 'score']);

/**
 * A window table as an office table: every row given (not the few a virtual list
 * draws), each numeric cell as its number with the column's format, every other cell
 * as the text the window shows. `value` and `text` are how the window reads a cell.
 */
export function sheetOfTable<R>(
  columns: readonly ScreenColumn[],
  rows: readonly R[],
  read: { value: (row: R, c: ScreenColumn) => unknown; text: (row: R, c: ScreenColumn) => string },
  meta: TableMeta,
): OfficeSheet {
  const office: OfficeColumn[] = columns.map((c) => {
    const numeric = c.kind !== undefined && NUMERIC_KINDS.has(c.kind);
    const header = c.unit ? `${c.label}（${c.unit}）` : c.label;
    // Wide enough for the header and the longest of the first rows, within reason.
    const sample = rows.slice(0, 300).map((r) => textWidth(read.text(r, c)));
    const width = Math.min(40, Math.max(6, Math.ceil(textWidth(header) * 0.8), ...sample.map((w) => w + 2)));
    return { key: c.key, header, width, ...(numeric ? formatForKind(c.kind) : { format: 'text' as const }) };
  });
  const officeRows: OfficeRow[] = rows.map((r) => {
    const out: OfficeRow = {};
    columns.forEach((c, i) => {
      const v = read.value(r, c);
      const numeric = (office[i]?.format ?? 'text') !== 'text';
      out[c.key] = numeric && typeof v === 'number' && Number.isFinite(v) ? v : numeric && (v === null || v === undefined || v === '') ? null : read.text(r, c);
    });
    return out;
  });
  return {
    name: excelSheetName(meta.sheetName ?? meta.title),
    title: meta.title,
    period: meta.period ?? '',
    unit: meta.unit ?? '',
    columns: office,
    rows: officeRows,
    ...(meta.notes?.length ? { notes: meta.notes } : {}),
    source: meta.source ?? '',
    ...(meta.landscape || office.length > 8 ? { landscape: true } : {}),
  };
}

/** The rows as plain JSON (an absent value is null), to cross the bridge. */
export function plainRows(rows: readonly OfficeRow[]): Record<string, string | number | boolean | null>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? null])));
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
export function excelSheetName(s: string): string {
  const clean = s.replace(/[:\\/?*[\]]+/g, '_').replace(/^'+|'+$/g, '').trim();
  return (clean || '数据').slice(0, 31);
}

function isNumberCell(c: OfficeColumn, v: OfficeValue): v is number {
  return (c.format ?? 'text') !== 'text' && typeof v === 'number' && Number.isFinite(v);
}

/** A cell's text on the clipboard: one line, and never a formula (text comes from banks' files). */
function clipText(c: OfficeColumn, v: OfficeValue): string {
  const text = officeCellText(c, v).replace(/[\t\r\n]+/g, ' ');
  return isNumberCell(c, v) ? text : neutraliseFormula(text);
}

/** Tab-separated, CRLF lines: header, then every row. Excel reads "12,345.67" and "12.3%" back as numbers. */
export function sheetToTsv(s: OfficeSheet): string {
  const lines = [s.columns.map((c) => c.header.replace(/[\t\r\n]+/g, ' ')).join('\t'), ...s.rows.map((r) => s.columns.map((c) => clipText(c, r[c.key])).join('\t'))];
  return `${lines.join('\r\n')}\r\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** mso-number-format wants its format's specials escaped: #,##0.00 → \#\,\#\#0\.00. */
function msoFormat(fmt: string): string {
  return fmt.replace(/"([^"]*)"/g, (_m, lit: string) => `\\"${lit}\\"`).replace(/([#,.%@])/g, '\\$1');
}

const CELL = 'border:.5pt solid windowtext;padding:1pt 4pt;vertical-align:middle';

/**
 * The table as Excel and Word paste it: a title and the period/unit line above, then a
 * real table whose number cells carry their value (x:num) and format
 * (mso-number-format), so Excel stores 12345.67 shown as 12,345.67 and Word shows the text.
 */
export function sheetToHtml(s: OfficeSheet): string {
  const head = s.columns.map((c) => `<th style="${CELL};background:#e7ecf3;font-weight:bold;text-align:center">${esc(c.header)}</th>`).join('');
  const body = s.rows
    .map((r) => {
      const bold = r._bold === true ? ';font-weight:bold' : '';
      const cells = s.columns.map((c) => {
        const v = r[c.key];
        const text = esc(clipText(c, v));
        const fmt = excelNumberFormat(c);
        if (isNumberCell(c, v) && fmt) {
          // x:num carries the value at full precision of what is shown (the format does the rest).
          const num = c.format === 'integer' ? Math.round(v) : roundTo(v, c.format === 'percent' ? decimalsOf(c) + 2 : decimalsOf(c));
          return `<td style="${CELL};text-align:right;mso-number-format:'${msoFormat(fmt)}'${bold}" x:num="${num}">${text}</td>`;
        }
        const align = c.align === 'center' || (c.format ?? 'text') !== 'text' ? 'center' : 'left';
        return `<td style="${CELL};text-align:${align};mso-number-format:'\\@'${bold}">${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const lines = [s.period, s.unit].filter(Boolean).join('　　');
  const notes = [...(s.notes ?? []), s.source ? `数据来源：${s.source}` : ''].filter(Boolean);
  return (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head>' +
    `<body style="font-family:'宋体',SimSun,serif;font-size:10.5pt"><p style="text-align:center;font-weight:bold;font-size:14pt">${esc(s.title)}</p>` +
    (lines ? `<p>${esc(lines)}</p>` : '') +
    `<table style="border-collapse:collapse;font-size:10.5pt"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` +
    notes.map((n) => `<p style="font-size:9pt">${esc(n)}</p>`).join('') +
    '</body></html>'
  );
}

/** The exact figure of a cell, when it is one and the column is an amount. */
function amountOf(v: OfficeValue): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A total that is the sum of its parts (to the micro-unit the store keeps), so balancing them is right. */
function addsUp(parts: readonly (number | null)[], total: number | null): boolean {
  if (total === null) return false;
  const s = parts.reduce<number>((a, p) => a + (p ?? 0), 0);
  return Math.abs(s - total) <= 1e-6 * Math.max(1, Math.abs(total));
}

/**
 * 舍位平衡 on a sheet: for each amount column in `keys`, the rows at `totalRow` are
 * totals of the other rows (or of the rows each names in `parts`); with exact values
 * in, the rows come out rounded to the column's decimals with the parts adding up to
 * the total (see rounding.ts). A column whose total is not the sum of its parts (a
 * total over more than the rows shown) is only rounded. `rowTotal` names a column that
 * is the sum of `keys` across each row (a 合计 column): the table is then balanced
 * both ways. The sheet's notes gain one line when a figure moved.
 */
export function balanceSheet(s: OfficeSheet, opts: { keys: readonly string[]; totalRow: number; rowTotal?: string }): OfficeSheet {
  const parts = s.rows.map((_, i) => i).filter((i) => i !== opts.totalRow);
  const total = s.rows[opts.totalRow];
  const rows = s.rows.map((r) => ({ ...r }));
  const col = (key: string): OfficeColumn | undefined => s.columns.find((c) => c.key === key);
  const dec = (key: string): number => {
    const c = col(key);
    return c ? decimalsOf(c) : 2;
  };
  let adjusted = 0;
  const plainRound = (key: string): void => {
    for (const r of rows) if (typeof r[key] === 'number') r[key] = roundTo(r[key], dec(key));
  };
  const keys = opts.keys.filter((k) => col(k)?.format === 'amount');
  const columnAddsUp = (k: string): boolean => addsUp(parts.map((i) => amountOf(s.rows[i]?.[k])), amountOf(total?.[k]));
  const rt = opts.rowTotal;
  const rowAddsUp = (i: number): boolean => rt === undefined || amountOf(s.rows[i]?.[rt]) === null || addsUp(keys.map((k) => amountOf(s.rows[i]?.[k])), amountOf(s.rows[i]?.[rt]));
  const d = keys.length > 0 ? dec(keys[0] as string) : 2;
  const sameDecimals = keys.every((k) => dec(k) === d) && (rt === undefined || dec(rt) === d);
  if (total && rt && sameDecimals && keys.every(columnAddsUp) && parts.every(rowAddsUp) && rowAddsUp(opts.totalRow)) {
    // Both ways: parts × keys, their row totals in `rt`, column totals in the total row.
    const b = balanceTable(parts.map((i) => keys.map((k) => amountOf(s.rows[i]?.[k]))), d);
    parts.forEach((i, pi) => {
      const r = rows[i] as OfficeRow;
      keys.forEach((k, ki) => (r[k] = b.cells[pi]?.[ki] ?? null));
      if (typeof r[rt] === 'number') r[rt] = b.rowTotals[pi] ?? null;
    });
    const t = rows[opts.totalRow] as OfficeRow;
    keys.forEach((k, ki) => (t[k] = b.colTotals[ki] ?? null));
    t[rt] = b.total;
    adjusted = b.adjusted;
  } else {
    for (const k of keys) {
      if (!total || !columnAddsUp(k)) {
        plainRound(k);
        continue;
      }
      const b = balanceTable([parts.map((i) => amountOf(s.rows[i]?.[k]))], dec(k));
      parts.forEach((i, pi) => ((rows[i] as OfficeRow)[k] = b.cells[0]?.[pi] ?? null));
      (rows[opts.totalRow] as OfficeRow)[k] = b.total;
      adjusted += b.adjusted;
    }
    if (rt) plainRound(rt);
  }
  for (const c of s.columns) if (c.format === 'amount' && !keys.includes(c.key) && c.key !== rt) plainRound(c.key);
  const note = balanceNote(adjusted, d);
  return { ...s, rows, ...(note ? { notes: [...(s.notes ?? []), note] } : {}) };
}
