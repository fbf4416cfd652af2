/**
 * What a page prints as an A4 form (打印 and 导出 PDF): the page declares its title,
 * region, period, units and orientation as data; the one print frame of the window
 * (the print header, the running head and 「第 x 页 共 y 页」 in the page margins) is
 * built from that declaration here, the same for every page.
 */
import type { CalendarDate } from '../quarter';

export interface PrintForm {
  /** The form's title (the page's title unless it says more, e.g. the bank shown). */
  title: string;
  /** The region the figures are of; null for a page that is not per region (审计日志). */
  region: string | null;
  /** The period the figures are of (2025年度, 2025年第四季度末, 2024年第一季度至2025年第四季度); null when none. */
  period: string | null;
  /** The units the figures are stated in (万元, 亿元, %); none for a page without figures. */
  units: readonly string[];
  /** A4 landscape, for a page whose tables are wide (the 报送情况 matrix). */
  landscape: boolean;
}

/** What a page declares (the frame fills in its title and the chosen region). */
export interface PrintDeclaration {
  title?: string;
  /** Omitted: the region chosen in the top bar; null: none. */
  region?: string | null;
  period: string | null;
  units: readonly string[];
  landscape?: boolean;
}

export function printForm(decl: PrintDeclaration, pageTitle: string, chosenRegion: string | null): PrintForm {
  return {
    title: decl.title ?? pageTitle,
    region: decl.region === undefined ? chosenRegion : decl.region,
    period: decl.period,
    units: decl.units,
    landscape: decl.landscape ?? false,
  };
}

/** 2026-03-02 → 2026年3月2日, as a date is written on a government form. */
export function chineseDate(d: CalendarDate): string {
  return `${d.y}年${d.m}月${d.d}日`;
}

/** The line under the title: 地区, 期间, 单位, 制表日期 (an item the form has no value for is left out). */
export function printHeadItems(form: PrintForm, today: CalendarDate): { label: string; value: string }[] {
  const items: { label: string; value: string }[] = [];
  if (form.region) items.push({ label: '地区', value: form.region });
  if (form.period) items.push({ label: '期间', value: form.period });
  if (form.units.length > 0) items.push({ label: '单位', value: form.units.join('、') });
  items.push({ label: '制表日期', value: chineseDate(today) });
  return items;
}

/** Printed at the top of every page after the first, so a loose sheet still says what it is. */
export function runningHead(form: PrintForm): string {
  return [form.title, form.region, form.period].filter((p): p is string => !!p).join(' · ');
}

/** The parts of the PDF's file name: 考核评估_安康市_2025年度.pdf. */
export function printFileParts(form: PrintForm): string[] {
  return [form.title, form.region, form.period].filter((p): p is string => !!p);
}

/** A text as a CSS string (for `content:` in the page margins), quotes, backslashes and line breaks escaped. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

/** The sheet's margins in millimetres: room for the running head above and the page numbers below. */
const MARGIN_MM = { top: 20, right: 15, bottom: 18, left: 15 } as const;

/**
 * The printable width of the A4 sheet inside those margins: the window lays the page out
 * at this width while it prints, so charts are drawn to fit the paper, not shrunk or cut.
 */
export function printableWidthMm(landscape: boolean): number {
  return (landscape ? 297 : 210) - MARGIN_MM.left - MARGIN_MM.right;
}

/** Room on a page beside two charts: the print header and a section title on the first page, each chart's one-line description and the gaps. */
const CHART_PAGE_ALLOWANCE_MM = 60;

/**
 * The tallest a chart is printed, so that two share an A4 sheet as an office prints them
 * (the window draws a taller one narrower, in its proportions): half the printable height
 * less the print header, a section title and the charts' descriptions.
 */
export function printChartHeightMm(landscape: boolean): number {
  return ((landscape ? 210 : 297) - MARGIN_MM.top - MARGIN_MM.bottom - CHART_PAGE_ALLOWANCE_MM) / 2;
}

/**
 * The @page rules of the form: A4 in its orientation, the running head at the top of
 * every page but the first (which carries the full print header), and 「第 x 页 共 y 页」
 * centred at the foot of every page. Page margin boxes print the same on paper
 * (webContents.print) and in the PDF, where a PDF-only header template would not.
 */
export function pageStyle(form: PrintForm): string {
  const m = MARGIN_MM;
  const small = 'font-size: 9pt; color: #444; font-family: var(--font-cjk);';
  return [
    `@page { size: A4 ${form.landscape ? 'landscape' : 'portrait'}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`,
    `  @top-right { content: ${cssString(runningHead(form))}; ${small} }`,
    `  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; ${small} } }`,
    '@page :first { @top-right { content: none; } }',
  ].join('\n');
}
