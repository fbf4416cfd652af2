/**
 * The CSV form of the quarterly report, for systems that export text rather
 * than workbooks. One row per input of the template:
 *
 *   定义名称,项目,单位,数值
 *   RV__template_version,模板版本,,RV-2025.1
 *   RV__region,报送区域,,安康市
 *   RV_cover_institution,填报机构,,中国农业银行安康分行
 *   RV_loans_total_bal,各项贷款余额,万元,"1,234.50"
 *   RV_chain_bal__AK-TEA,富硒茶·贷款余额,万元,800
 *   ...
 *
 * Encoding UTF-8 (with or without BOM) or GBK/GB18030, comma-separated, quoted
 * as usual. Only the 定义名称 and 数值 columns are read; rows may come in any
 * order, unknown names are ignored, missing rows are blanks. Values follow the
 * same rules as spreadsheet cells (parseValue.ts). Provenance of a CSV value is
 * the sheet "CSV" and the cell of its 数值 column (D12 = row 12).
 *
 * What the form itself must satisfy (csvFormProblems): no row has more than the
 * four fields (an unquoted 1,234.5 is split into "1" and "234.5", and only the
 * "1" would reach the 数值 column), and no 定义名称 appears twice (which of two
 * 报告期 rows would count?). A value on a row whose 定义名称 the form does not have
 * (edited, mistyped, or another form version's) would be read by nothing: refused
 * (csvUnknownNames). A row beyond the reader's row cap is never dropped silently
 * (csvRowBeyond).
 */
import type { TemplateLayout } from '../catalogue/layout';
import type { DefinedNameRef, RawCell } from './workbook';
import { errorMessage } from '../errors';

export const CSV_SHEET = 'CSV';
export const CSV_HEADER = ['定义名称', '项目', '单位', '数值'] as const;
const NAME_COL = 'A';
const VALUE_COL = 'D';

/** Reads the 定义名称 column into defined names pointing at the 数值 column. Null when the header is not ours. */
export function csvDefinedNames(cells: Record<string, RawCell>): DefinedNameRef[] | null {
  const header = String(cells[`${NAME_COL}1`]?.v ?? '').replace(/^\uFEFF/, '').trim();
  if (header !== CSV_HEADER[0]) return null;
  const names: DefinedNameRef[] = [];
  for (const addr of Object.keys(cells)) {
    const m = /^A(\d+)$/.exec(addr);
    if (!m || m[1] === '1') continue;
    const name = String(cells[addr]?.v ?? '').trim();
    if (name) names.push({ name, ref: `'${CSV_SHEET}'!${VALUE_COL}${m[1]}`, sheetScoped: false });
  }
  return names;
}

export interface CsvProblem {
  code: 'E_CSV_EXTRA_FIELDS' | 'E_CSV_DUPLICATE' | 'E_CSV_UNKNOWN_NAME';
  message: string;
  cell: string;
}

function decode(addr: string): { col: number; row: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(addr);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}

const text = (c: RawCell | undefined): string => String(c?.v ?? '').trim();

/** Rows with more fields than the form, and 定义名称 given twice: each refused, naming the rows. */
export function csvFormProblems(cells: Record<string, RawCell>): CsvProblem[] {
  const out: CsvProblem[] = [];
  const lastField = new Map<number, number>();
  for (const [addr, c] of Object.entries(cells)) {
    const p = decode(addr);
    if (!p || text(c) === '') continue;
    lastField.set(p.row, Math.max(lastField.get(p.row) ?? 0, p.col));
  }
  const width = CSV_HEADER.length;
  for (const [row, last] of [...lastField].sort((a, b) => a[0] - b[0])) {
    if (last <= width) continue;
    const value = text(cells[`${VALUE_COL}${row}`]);
    const next = text(cells[`E${row}`]);
    // "1,234.5" unquoted arrives as 1 | 234.5: digits of a thousands group in the next field.
    const split = /^[-+(（]?\d{1,3}$/u.test(value) && /^\d{3}([.,]|$)/u.test(next);
    const what = split
      ? `数值「${[value, ...Array.from({ length: last - width }, (_, i) => text(cells[`${String.fromCharCode(69 + i)}${row}`]))].join(',')}」中的千分位逗号没有加英文双引号，被拆成了几个字段，只能读到「${value}」。请给含逗号的数值加英文双引号（如 "1,234.5"），或去掉千分位逗号后再报送。`
      : '可能有未加英文双引号的逗号，无法确定哪一个是数值。请使用系统生成的 CSV 模板，含逗号的内容加英文双引号后再报送。';
    out.push({ code: 'E_CSV_EXTRA_FIELDS', message: errorMessage('E_CSV_EXTRA_FIELDS', { row, count: last, width, header: CSV_HEADER.join(','), what }), cell: `E${row}` });
  }
  const firstRow = new Map<string, number>();
  for (const [addr, c] of Object.entries(cells)) {
    const p = decode(addr);
    if (!p || p.col !== 1 || p.row === 1) continue;
    const name = text(c);
    if (!name) continue;
    const seen = firstRow.get(name);
    if (seen === undefined) {
      firstRow.set(name, p.row);
      continue;
    }
    const [a, b] = seen < p.row ? [seen, p.row] : [p.row, seen];
    firstRow.set(name, a);
    const label = text(cells[`B${a}`]);
    out.push({
      code: 'E_CSV_DUPLICATE',
      message: errorMessage('E_CSV_DUPLICATE', { first: a, second: b, name, label: label ? `（${label}）` : '' }),
      cell: `${NAME_COL}${b}`,
    });
  }
  return out;
}

/**
 * Rows with a value whose 定义名称 is not one of the form's (`known`): that value reaches
 * no field, and the field the clerk meant would be stored blank.
 */
export function csvUnknownNames(cells: Record<string, RawCell>, known: ReadonlySet<string>, version: string): CsvProblem[] {
  const out: CsvProblem[] = [];
  for (const [addr, c] of Object.entries(cells)) {
    const p = decode(addr);
    if (!p || p.col !== 1 || p.row === 1) continue;
    const name = text(c);
    const value = text(cells[`${VALUE_COL}${p.row}`]);
    if (!name || !value || known.has(name)) continue;
    const shown = value.length > 30 ? `${value.slice(0, 30)}…` : value;
    out.push({ code: 'E_CSV_UNKNOWN_NAME', message: errorMessage('E_CSV_UNKNOWN_NAME', { row: p.row, name, version, value: shown }), cell: `${NAME_COL}${p.row}` });
  }
  return out.sort((a, b) => Number(a.cell.slice(1)) - Number(b.cell.slice(1)));
}

/**
 * The first row past `maxRows` that has content (quoted line breaks stay inside
 * their row, as the reader counts them), or null. The reader caps the rows it
 * reads; a report whose last rows come after a long run of empty ones must be
 * refused rather than read without them.
 */
export function csvRowBeyond(text: string, maxRows: number): number | null {
  let row = 1;
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      quoted = !quoted;
      content = true;
    } else if (!quoted && (ch === 10 || ch === 13)) {
      if (row > maxRows && content) return row;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      row++;
      content = false;
    } else if (ch !== 44 && ch !== 32 && ch !== 9) content = true;
  }
  return row > maxRows && content ? row : null;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV template text for a layout, with optional prefilled values by defined name. */
export function csvTemplateText(layout: TemplateLayout, regionName: string, prefill: ReadonlyMap<string, string> = new Map()): string {
  const rows: string[][] = [
    [...CSV_HEADER],
    [layout.versionName, '模板版本', '', layout.templateVersion],
    [layout.regionName, '报送区域', '', regionName],
    ...layout.inputs.map((i) => [i.definedName, i.label, i.unit, prefill.get(i.definedName) ?? '']),
  ];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
