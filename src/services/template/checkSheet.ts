/**
 * The 校验 sheet of the issued form: every check rule of the template version as
 * formulas (generated from the rule file, domain/rules/excel.ts), so that the clerk sees
 * 通过 / 不通过 and the message beside each rule before sending. The importer never reads
 * this sheet (nor its hidden helper sheet) and applies every rule itself.
 */
import type ExcelJS from 'exceljs';
import type { TemplateLayout } from '../../domain/catalogue/layout';
import type { CompiledRuleSet } from '../../domain/rules/types';
import type { Period } from '../../domain/rules/evaluate';
import { AT_IMPORT, FAIL, NOT_APPLICABLE, PASS, ruleFormulas, textLiteral, type SheetInputs } from '../../domain/rules/excel';
import { nameOf, valueKey } from '../../domain/import/validate';
import { FONTS, GRID_BORDER, HEADER_FILL, LINE_HEIGHT, linesFor } from './styles';

export const CHECK_SHEET = '校验';
/** Points per line of the 9 pt message text. */
const NOTE_LINE_HEIGHT = 12;
/** One helper cell per input: the value as the rules read it (number, or "" when blank). */
export const CHECK_DATA_SHEET = '校验数据';

/** What the institution reported for earlier quarters, by valueKey (known when the form is issued for one bank and quarter). */
export type CheckHistory = Partial<Record<Period, ReadonlyMap<string, number>>>;

const DASHES = ['—', '-', '－', '——', '--', '–', '―', '─'];
/** Stored integers are 1/1,000,000 of the unit (amounts in 万元, rates as fractions); counts are whole. */
const SCALE: Record<string, number> = { amount: 1_000_000, rate: 1_000_000, count: 1 };

function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** The helper formula: the cell's number, 0 for a dash where the form allows it, a number typed as text, else "". */
function helperFormula(name: string, dashIsZero: boolean): string {
  const text = `TRIM(${name})`;
  const asNumber = `IFERROR(VALUE(SUBSTITUTE(SUBSTITUTE(${text},",",""),"，","")),"")`;
  const dash = `OR(${DASHES.map((d) => `${text}=${textLiteral(d)}`).join(',')})`;
  return `IF(ISNUMBER(${name}),${name},IF(ISTEXT(${name}),${dashIsZero ? `IF(${dash},0,${asNumber})` : asNumber},""))`;
}

const CN_QUARTERS = ['一', '二', '三', '四'];

/** The quarter number from the cover as parseQuarter reads it: 2025Q3, 2025年第三季度, 2025年3季度; else "". */
function quarterFormula(name: string): string {
  const has = (s: string): string => `ISNUMBER(SEARCH(${textLiteral(s)},${name}))`;
  let f = '""';
  for (let k = 4; k >= 1; k--) {
    const cn = CN_QUARTERS[k - 1] ?? '';
    f = `IF(OR(${[`Q${k}`, `年${k}`, `第${k}`, `第${cn}`, `年${cn}`].map(has).join(',')}),${k},${f})`;
  }
  return `IF(ISTEXT(${name}),${f},"")`;
}

export interface CheckSheetOptions {
  layout: TemplateLayout;
  rules: CompiledRuleSet;
  /** Known for a form issued to one institution for one quarter; 跨期 rules without it are checked on import. */
  history?: CheckHistory;
}

export function drawCheckSheet(wb: ExcelJS.Workbook, opts: CheckSheetOptions): void {
  const { layout, rules } = opts;
  const ws = wb.addWorksheet(CHECK_SHEET, {
    views: [{ state: 'frozen', ySplit: 5, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '5:5',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&C&"宋体,常规"&9${CHECK_SHEET}　第 &P 页，共 &N 页` },
  });
  const data = wb.addWorksheet(CHECK_DATA_SHEET, { state: 'hidden' });
  // The formulas are written without results: Excel and WPS compute them when the form is opened.
  wb.calcProperties.fullCalcOnLoad = true;

  // Helper cells: one per numeric input, and the quarter number from the cover.
  const cells = new Map<string, string>();
  const where = new Map<string, { label: string; at: string }>();
  data.getCell(1, 1).value = '定义名称';
  data.getCell(1, 2).value = '审核用数值';
  let row = 2;
  for (const input of layout.inputs) {
    if (input.type !== 'amount' && input.type !== 'rate' && input.type !== 'count') continue;
    data.getCell(row, 1).value = input.definedName;
    data.getCell(row, 2).value = { formula: helperFormula(input.definedName, input.field.dashIsZero === true) };
    const k = valueKey(input.key, input.member);
    cells.set(k, `${quoted(CHECK_DATA_SHEET)}!$B$${row}`);
    where.set(k, { label: nameOf(input), at: `${input.sheet}!${input.cell}` });
    row++;
  }
  const quarterInput = layout.inputs.find((i) => i.field.role === 'quarter');
  data.getCell(row, 1).value = '报告期（季度）';
  data.getCell(row, 2).value = { formula: quarterInput ? quarterFormula(quarterInput.definedName) : '""' };
  const quarterCell = `${quoted(CHECK_DATA_SHEET)}!$B$${row}`;
  data.getColumn(1).width = 36;
  data.getColumn(2).width = 16;

  const members = new Map<string, { code: string; name: string }[]>();
  for (const i of layout.inputs) {
    const dim = i.field.dimension;
    if (!dim || i.member === null) continue;
    const list = members.get(dim) ?? [];
    if (!list.some((m) => m.code === i.member)) list.push({ code: i.member, name: i.memberName ?? i.member });
    members.set(dim, list);
  }
  const history = opts.history;
  const input: SheetInputs = {
    cell: (key, member) => cells.get(valueKey(key, member)) ?? null,
    describe: (key, member) => where.get(valueKey(key, member)) ?? null,
    members: (dim) => members.get(dim) ?? [],
    quarterCell,
    earlier: (period, key, member) => {
      const h = history?.[period];
      if (!h) return undefined;
      const v = h.get(valueKey(key, member));
      const type = rules.fields.get(key)?.type ?? 'count';
      return v === undefined ? null : v / (SCALE[type] ?? 1);
    },
  };
  const formulas = ruleFormulas(rules, input);

  const widths = [5, 8, 16, 6, 6, 44, 10, 64];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = widths.length;
  const merge = (r: number): void => ws.mergeCells(r, 1, r, last);
  ws.getCell(1, 1).value = `审核公式自检（${rules.templateVersion}）`;
  ws.getCell(1, 1).font = FONTS.title;
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  merge(1);
  ws.getRow(1).height = 30;
  ws.getCell(2, 1).value =
    '本表由公式自动计算，无需填写。「错误」级不通过的报表将被退回修改；「提示」级不通过的，请核实，确属实际情况的须在报送时附书面说明。「跨期」审核需要本机构以前季度的报送数据：按机构下发的模板已带入，空白模板的由人民银行在导入时审核。人民银行导入时仍按同一套审核公式全部重新审核。';
  ws.getCell(2, 1).font = FONTS.note;
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  merge(2);
  ws.getRow(2).height = 44;
  const first = 6;
  const lastRow = first + formulas.length - 1;
  const col = (c: string): string => `$${c}$${first}:$${c}$${Math.max(first, lastRow)}`;
  ws.getCell(3, 1).value = {
    formula: `"审核结果：「错误」级不通过 "&COUNTIFS(${col('E')},"错误",${col('G')},${textLiteral(FAIL)})&" 项，「提示」级不通过 "&COUNTIFS(${col('E')},"提示",${col('G')},${textLiteral(FAIL)})&" 项（共 ${formulas.length} 项审核）。"`,
  };
  ws.getCell(3, 1).font = { ...FONTS.section, size: 11 };
  merge(3);
  ws.getRow(3).height = 22;

  const headers = ['序号', '编号', '分项', '类别', '级别', '审核内容', '结果', '说明'];
  headers.forEach((h, i) => {
    const c = ws.getCell(5, i + 1);
    c.value = h;
    c.font = FONTS.header;
    c.fill = HEADER_FILL;
    c.border = GRID_BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  ws.getRow(5).height = 20;

  formulas.forEach((f, i) => {
    const r = first + i;
    const values: ExcelJS.CellValue[] = [
      i + 1,
      f.rule.def.id,
      f.memberName ?? '',
      f.rule.kind,
      f.rule.def.level,
      f.rule.def.title,
      f.verdict ? { formula: f.verdict } : AT_IMPORT,
      f.verdict ? { formula: f.message(`$G$${r}`) } : '需本机构以前季度的报送数据，由人民银行导入时审核。',
    ];
    values.forEach((v, c) => {
      const cell = ws.getCell(r, c + 1);
      cell.value = v;
      cell.border = GRID_BORDER;
      cell.font = c === 7 ? FONTS.note : FONTS.label;
      cell.alignment = { vertical: 'middle', horizontal: c === 0 || c === 3 || c === 4 || c === 6 ? 'center' : 'left', wrapText: c === 5 || c === 7 || c === 2 };
    });
    // Tall enough for the title and for the message when the rule fails (9 pt lines are a little shorter).
    const labelLines = Math.max(linesFor(f.rule.def.title, widths[5] ?? 44), linesFor(f.memberName ?? '', widths[2] ?? 16));
    const messageLines = linesFor('x'.repeat(f.messageWidth), widths[7] ?? 64);
    ws.getRow(r).height = Math.max(20, labelLines * LINE_HEIGHT + 6, messageLines * NOTE_LINE_HEIGHT + 6);
  });
  if (formulas.length > 0) {
    // By formula, which Excel, WPS and LibreOffice all draw: a failure in red, what does not apply in grey.
    const at = `$G${first}`;
    ws.addConditionalFormatting({
      ref: `G${first}:H${lastRow}`,
      rules: [
        { type: 'expression', priority: 1, formulae: [`${at}=${textLiteral(FAIL)}`], style: { font: { color: { argb: 'FFC00000' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFCE4E4' } } } },
        { type: 'expression', priority: 2, formulae: [`${at}=${textLiteral(PASS)}`], style: { font: { color: { argb: 'FF2E7D32' } } } },
        { type: 'expression', priority: 3, formulae: [`OR(${at}=${textLiteral(NOT_APPLICABLE)},${at}=${textLiteral(AT_IMPORT)})`], style: { font: { color: { argb: 'FF7F7F7F' } } } },
      ],
    });
  }
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}
