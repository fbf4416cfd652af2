/**
 * The draft report as a Word document in 公文 style (fonts, sizes and page: exports/wordStyle.ts):
 * 宋体 title, 黑体 / 楷体 headings, 仿宋 三号 body on exact 28-point lines; charts as pictures at
 * the text width, at most half a page tall so two go to a page, each with its numbered caption
 * kept on its page; tables as real Word tables whose header row repeats and whose rows do not
 * split. The pages are laid out first (domain/present/pageFlow.ts) so figures are sized and
 * placed to fill them, and a long draft opens with a table of contents whose page numbers
 * are those of that layout (Word refreshes them when it opens the document).
 */
import { writeFileSync } from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TabStopType,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ReportBlock, ReportDocument } from './document';
import { officeCellText, type OfficeColumn, type OfficeRow, type OfficeSheet, type OfficeValue } from '../../domain/present/officeTable';
import { lineCount, paginate, planFigures, type FlowItem, type FlowState, type PlanBlock } from '../../domain/present/pageFlow';
import { SIZE, TWIP_PER_PT, docxBytes, officialDocument, textBox, wordRun, wordTabRun, type Role } from '../exports/wordStyle';
import { now } from '../../domain/clock';

/** The 版心 of the page the document is set on, in points. */
type Box = ReturnType<typeof textBox>;
const UPRIGHT = textBox();
/** Exact line heights (points): a line is as tall whichever face substitutes, so the layout holds in Word, WPS and LibreOffice. */
const LINE = { title: 36, body: 28, caption: 20, unit: 16, note: 13 } as const;
/** Line heights a 目录 may take, roomiest first: the first that fits it on the title page. */
const TOC_LINES = [26, 22, 20] as const;
/** 正文 first-line indent: two characters of 三号. */
const INDENT = 32;
const FIGURE_BEFORE = 6;
const CAPTION_AFTER = 8;
/** A picture's line is a little taller than the picture (the paragraph mark's descent). */
const PICTURE_EXTRA = 6;
/** The tallest picture: half the text height less two captions, so two figures share a page. */
function figureMax(box: Box): number {
  return (box.h - 2 * (FIGURE_BEFORE + PICTURE_EXTRA + LINE.caption + CAPTION_AFTER)) / 2 - 1;
}
/** The tallest a chart is drawn for the draft (height / width): a ranked chart keeps the rows that fit and sums the rest into 「其他」. */
export const DRAFT_MAX_ASPECT = figureMax(UPRIGHT) / UPRIGHT.w;
/** How far a figure may shrink to fit the room left on a page: its 9 pt labels stay near 7 pt. */
const FIGURE_MIN_SCALE = 0.76;
const TABLE_BEFORE = 10;
const CELL_MARGIN_TWIP = { side: 30, edge: 20 };
const CSS_PX_PER_PT = 96 / 72;
/** A table of contents for drafts this long, with this many headings. */
const TOC_MIN_PAGES = 6;
const TOC_MIN_HEADINGS = 4;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
type Part = Paragraph | Table;

function exact(line: number, before = 0, after = 0): { line: number; lineRule: typeof LineRuleType.EXACT; before: number; after: number } {
  return { line: line * TWIP_PER_PT, lineRule: LineRuleType.EXACT, before: before * TWIP_PER_PT, after: after * TWIP_PER_PT };
}

function lines(text: string, size: number, lineHeight: number, o: { indent?: number; width?: number; before?: number; after?: number; keepNext?: boolean; keepLines?: boolean; pageBreakBefore?: boolean } = {}): FlowItem {
  return {
    kind: 'lines',
    lines: lineCount(text, o.width ?? UPRIGHT.w, size, o.indent ?? 0),
    lineHeight,
    before: o.before ?? 0,
    after: o.after ?? 0,
    keepNext: o.keepNext ?? false,
    keepLines: o.keepLines ?? false,
    ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}),
  };
}

/** A paragraph of text in one role at exact line height, with the layout's view of it. */
function textPara(text: string, role: Role, size: number, line: number, o: { align?: Align; indent?: boolean; before?: number; after?: number; keepNext?: boolean; keepLines?: boolean; heading?: 1 | 2; bookmark?: string; pageBreakBefore?: boolean; width?: number } = {}): { part: Paragraph; flow: FlowItem } {
  const run = wordRun(text, role, size);
  const part = new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: exact(line, o.before, o.after),
    ...(o.indent ? { indent: { firstLine: INDENT * TWIP_PER_PT } } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
    ...(o.keepLines ? { keepLines: true } : {}),
    ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(o.heading ? { heading: o.heading === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 } : {}),
    children: [o.bookmark ? new Bookmark({ id: o.bookmark, children: [run] }) : run],
  });
  return {
    part,
    flow: lines(text, size / 2, line, { indent: o.indent ? INDENT : 0, ...(o.width ? { width: o.width } : {}), ...(o.before ? { before: o.before } : {}), ...(o.after ? { after: o.after } : {}), ...(o.keepNext ? { keepNext: true } : {}), ...(o.keepLines ? { keepLines: true } : {}), ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}) }),
  };
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** 五号 for ordinary tables; wide tables (many columns) drop to 小五 / 7 pt so figures stay on one line. */
function tableFontSize(columns: number): number {
  return columns > 8 ? 14 : columns > 6 ? SIZE.xiaowu : SIZE.wu;
}

/** Exact line height in a table cell of this font size (half-points). */
function cellLine(size: number): number {
  return Math.ceil(size / 2 + 4);
}

interface Cell {
  text: string;
  role: Role;
  align: Align;
  shade?: boolean;
  bold?: boolean;
}

/** A table whose header repeats on every page and whose rows never split; its rows' heights for the layout. */
export function wordTable(header: Cell[], body: Cell[][], weights: number[], size: number, box: Box = UPRIGHT): { table: Table; flow: FlowItem } {
  const total = Math.round(box.w * TWIP_PER_PT);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  const line = cellLine(size);
  const cell = (c: Cell, width: number): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: CELL_MARGIN_TWIP.side, right: CELL_MARGIN_TWIP.side, top: CELL_MARGIN_TWIP.edge, bottom: CELL_MARGIN_TWIP.edge },
      borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
      ...(c.shade ? { shading: { fill: 'E7ECF3' } } : {}),
      children: c.text.split('\n').map((t) => new Paragraph({ alignment: c.align, spacing: exact(line), children: [wordRun(t, c.role, size, c.bold ? { bold: true } : {})] })),
    });
  // A cell's text is as wide as its column less the cell margins (the borders are drawn in the margins);
  // a row is as tall as its tallest cell's lines, the top and bottom margins and one border line.
  const rowHeight = (cells: Cell[]): number =>
    Math.max(...cells.map((c, i) => lineCount(c.text, ((widths[i] ?? 0) - 2 * CELL_MARGIN_TWIP.side) / TWIP_PER_PT, size / 2, 0, true))) * line + (2 * CELL_MARGIN_TWIP.edge) / TWIP_PER_PT + CELL_BORDER.size / 8;
  const head = rowHeight(header);
  const heights = body.map(rowHeight);
  const table = new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((c, i) => cell(c, widths[i] ?? 0)) }),
      // A row kept whole that is taller than a page would be cut off at the page's foot (Word clips it): that one may break.
      ...body.map((r, k) => new TableRow({ cantSplit: (heights[k] ?? 0) + head <= box.h, children: r.map((c, i) => cell(c, widths[i] ?? 0)) })),
    ],
  });
  // The table's top border sits above its first row, and above the header row repeated on each page.
  return { table, flow: { kind: 'rows', header: head + CELL_BORDER.size / 8, rows: heights } };
}

function sheetTable(t: OfficeSheet, box: Box): { table: Table; flow: FlowItem } {
  const size = tableFontSize(t.columns.length);
  const align = (c: OfficeColumn, v: OfficeValue): Align =>
    (c.format ?? 'text') !== 'text' && typeof v === 'number' ? AlignmentType.RIGHT : c.align === 'center' || (c.format ?? 'text') !== 'text' ? AlignmentType.CENTER : AlignmentType.LEFT;
  return wordTable(
    t.columns.map((c) => ({ text: c.header, role: 'tableHead', align: AlignmentType.CENTER, shade: true })),
    t.rows.map((r: OfficeRow) => t.columns.map((c) => ({ text: officeCellText(c, r[c.key]), role: 'table', align: align(c, r[c.key]), bold: r._bold === true }))),
    t.columns.map((c) => c.width),
    size,
    box,
  );
}

/** A block ready to be planned and written: its layout view and its Word parts (a figure's at the height the plan gives it). */
interface Prepared {
  plan: PlanBlock;
  parts: (height: number) => Part[];
  heading?: { level: 1 | 2; text: string; bookmark: string };
}

function figure(b: Extract<ReportBlock, { kind: 'figure' }>, box: Box): Prepared {
  const aspect = b.heightCm / b.widthCm;
  const height = Math.min(box.w * aspect, figureMax(box));
  const caption = textPara(b.caption, 'caption', SIZE.xiaosi, LINE.caption, { align: AlignmentType.CENTER, after: CAPTION_AFTER, keepLines: true, width: box.w });
  return {
    plan: { kind: 'figure', height: height + PICTURE_EXTRA, minHeight: height * FIGURE_MIN_SCALE + PICTURE_EXTRA, before: FIGURE_BEFORE, caption: caption.flow },
    parts: (h) => {
      const ph = h - PICTURE_EXTRA;
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: FIGURE_BEFORE * TWIP_PER_PT },
          // The picture keeps to its caption's page; the caption keeps its lines together.
          keepNext: true,
          keepLines: true,
          children: [
            new ImageRun({
              type: 'png',
              data: b.png,
              transformation: { width: Math.floor(Math.min(box.w, ph / aspect) * CSS_PX_PER_PT), height: Math.round(ph * CSS_PX_PER_PT) },
              altText: { name: b.caption, description: b.caption, title: b.caption },
            }),
          ],
        }),
        caption.part,
      ];
    },
  };
}

function prepare(b: ReportBlock, bookmark: () => string, box: Box): Prepared {
  const width = box.w;
  switch (b.kind) {
    case 'heading1':
    case 'heading2': {
      const level = b.kind === 'heading1' ? 1 : 2;
      const id = bookmark();
      const p = textPara(b.text, b.kind, SIZE.san, LINE.body, { indent: true, keepNext: true, keepLines: true, heading: level, bookmark: id, width });
      return { plan: { kind: 'flow', items: [p.flow], passable: level === 2 }, parts: () => [p.part], heading: { level, text: b.text, bookmark: id } };
    }
    case 'paragraph': {
      const p = textPara(b.text, 'body', SIZE.san, LINE.body, { indent: true, width });
      return { plan: { kind: 'flow', items: [p.flow], passable: true }, parts: () => [p.part] };
    }
    case 'figure':
      return figure(b, box);
    case 'table': {
      const caption = textPara(b.caption, 'caption', SIZE.xiaosi, LINE.caption, { align: AlignmentType.CENTER, before: TABLE_BEFORE, keepNext: true, keepLines: true, width });
      const unit = textPara(`${b.table.period}　　${b.table.unit}`, 'table', SIZE.wu, LINE.unit, { align: AlignmentType.RIGHT, keepNext: true, width });
      const table = sheetTable(b.table, box);
      const notes = [...(b.table.notes ?? []), `数据来源：${b.table.source}`].map((line, i, all) =>
        textPara(line, 'table', SIZE.xiaowu, LINE.note, { align: AlignmentType.LEFT, width, ...(i === all.length - 1 ? { after: TABLE_BEFORE } : {}) }),
      );
      return {
        plan: { kind: 'flow', items: [caption.flow, unit.flow, table.flow, ...notes.map((n) => n.flow)], passable: false },
        parts: () => [caption.part, unit.part, table.table, ...notes.map((n) => n.part)],
      };
    }
  }
}

function fixed(parts: { part: Paragraph; flow: FlowItem }[]): Prepared {
  return { plan: { kind: 'flow', items: parts.map((p) => p.flow), passable: false }, parts: () => parts.map((p) => p.part) };
}

/** The 目录: an entry per heading with its page, each a link to the heading, inside a TOC field Word can refresh. */
function contents(entries: { level: 1 | 2; text: string; bookmark: string; page: number }[], line: number, box: Box): { parts: (Paragraph | TableOfContents)[]; flow: FlowItem[] } {
  const right = Math.round(box.w * TWIP_PER_PT);
  const head = textPara('目　录', 'heading1', SIZE.san, LINE.body, { align: AlignmentType.CENTER, before: 14, after: 14, keepNext: true, width: box.w });
  const paras = entries.map(
    (e) =>
      new Paragraph({
        style: `TOC${e.level}`,
        spacing: exact(line),
        tabStops: [{ type: TabStopType.RIGHT, position: right, leader: 'dot' }],
        children: [new InternalHyperlink({ anchor: e.bookmark, children: [wordRun(e.text, 'body', SIZE.si), wordTabRun(String(e.page), 'body', SIZE.si)] })],
      }),
  );
  const toc = new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2', contentChildren: paras, beginDirty: true });
  return {
    parts: [head.part, toc],
    // The field's first and last paragraphs hold its begin and end marks: two lines of the default 三号.
    flow: [head.flow, ...entries.map((e) => lines(`${e.text}　　${e.page}`, 14, line, { indent: e.level === 2 ? 28 : 0, width: box.w })), { kind: 'lines', lines: 2, lineHeight: LINE.body, before: 0, after: 0, keepNext: false, keepLines: false }],
  };
}

/** The draft's parts in the order the plan writes them, with the TOC when the draft is long; and the pages it fills. */
export function reportParts(doc: ReportDocument): { parts: (Paragraph | Table | TableOfContents)[]; pages: number; figureHeights: number[] } {
  const box = textBox(doc.landscape === true);
  const width = box.w;
  let n = 0;
  const bookmark = (): string => `_Toc_rfm_${++n}`;
  const title = [
    textPara(doc.title, 'title', SIZE.er, LINE.title, { align: AlignmentType.CENTER, keepNext: true, width }),
    textPara(doc.subtitle, 'heading2', SIZE.san, LINE.body, { align: AlignmentType.CENTER, after: LINE.body, keepNext: true, width }),
  ];
  const body = doc.blocks.map((b) => prepare(b, bookmark, box));
  const close = fixed([
    ...doc.issuers.map((issuer, i) => textPara(`${i === 0 ? '制表单位：' : ''}${issuer}`, 'body', SIZE.san, LINE.body, { align: AlignmentType.RIGHT, width, ...(i === 0 ? { before: LINE.body } : {}) })),
    textPara(`制表日期：${doc.date}`, 'body', SIZE.san, LINE.body, { align: AlignmentType.RIGHT, width }),
  ]);
  const all = [...body, close];
  const titleEnd = planFigures([{ kind: 'flow', items: title.map((t) => t.flow), passable: false }], box.h).pageCount;
  const plan = (from: FlowState) => planFigures(all.map((p) => p.plan), box.h, from);
  let result = plan(paginate(title.map((t) => t.flow), box.h).end);
  const headings = all.flatMap((p) => (p.heading ? [p.heading] : []));
  let toc: ReturnType<typeof contents> | null = null;
  if (headings.length >= TOC_MIN_HEADINGS && result.pageCount >= TOC_MIN_PAGES) {
    // The contents take the first page(s) after the title; the body starts on a new page after them.
    // Sections and subsections when they fit on the title page (closer lines if need be), else the sections alone.
    const tocPages = (level: number, line: number): number =>
      planFigures([{ kind: 'flow', items: [...title.map((t) => t.flow), ...contents(headings.filter((h) => h.level <= level).map((h) => ({ ...h, page: 999 })), line, box).flow], passable: false }], box.h).pageCount;
    const choices = ([2, 1] as const).flatMap((level) => TOC_LINES.map((line) => ({ level, line })));
    const { level, line } = choices.find((c) => tocPages(c.level, c.line) <= 1) ?? { level: 1, line: TOC_LINES[0] };
    result = plan({ page: Math.max(titleEnd, tocPages(level, line)), y: 0 });
    const pageOf = new Map(all.map((p, i) => [p, (result.pages.get(i) ?? 0) + 1]));
    toc = contents(all.flatMap((p) => (p.heading && p.heading.level <= level ? [{ ...p.heading, page: pageOf.get(p) ?? 1 }] : [])), line, box);
  }
  const ordered = result.order.map((i) => ({ prepared: all[i] as Prepared, height: result.heights.get(i) ?? 0 }));
  const parts: (Paragraph | Table | TableOfContents)[] = [...title.map((t) => t.part)];
  if (toc) {
    parts.push(...toc.parts);
    // The body starts on the page after the contents.
    parts.push(new Paragraph({ pageBreakBefore: true, spacing: exact(1), children: [] }));
  }
  for (const o of ordered) parts.push(...o.prepared.parts(o.height));
  return { parts, pages: result.pageCount, figureHeights: ordered.filter((o) => o.prepared.plan.kind === 'figure').map((o) => o.height) };
}

export async function writeReportDocx(doc: ReportDocument, path: string): Promise<void> {
  const { parts, pages } = reportParts(doc);
  const word = officialDocument(doc.title, parts, { updateFields: parts.some((p) => p instanceof TableOfContents), landscape: doc.landscape === true });
  writeFileSync(path, await docxBytes(word, now(), { pages }));
}
