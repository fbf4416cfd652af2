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
