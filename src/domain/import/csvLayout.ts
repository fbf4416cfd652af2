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
 */
import type { TemplateLayout } from '../catalogue/layout';
import type { DefinedNameRef, RawCell } from './workbook';

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
