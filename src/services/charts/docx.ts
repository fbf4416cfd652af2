/**
 * The draft report as a Word document in 公文 style: A4 with the standard
 * margins, 方正小标宋简体 title, 黑体 / 楷体_GB2312 headings, 仿宋_GB2312 body
 * at 三号 with 28-point lines; charts as images, tables as real Word tables.
 * Where an office PC lacks these fonts, Word substitutes its own (宋体 / 仿宋).
 */
import { writeFileSync } from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Footer,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { ReportBlock, ReportDocument } from './document';
import { officeCellText, type OfficeColumn, type OfficeRow, type OfficeSheet, type OfficeValue } from '../../domain/present/officeTable';

export const FONTS = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  table: '宋体',
} as const;

/** Half-points: 二号 22pt, 三号 16pt, 小四 12pt, 五号 10.5pt. */
const SIZE = { title: 44, body: 32, caption: 24, table: 21 } as const;
const LINE_28PT = 560;
const PAGE_TEXT_WIDTH_MM = 156;
const CSS_PX_PER_CM = 96 / 2.54;

function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text, bold, size, font: { ascii: font, eastAsia: font, hAnsi: font } });
}

function para(children: TextRun[], opts: { center?: boolean; right?: boolean; indent?: boolean; before?: number; after?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    ...(opts.keepNext ? { keepNext: true } : {}),
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: LINE_28PT, lineRule: LineRuleType.EXACT, before: opts.before ?? 0, after: opts.after ?? 0 },
    ...(opts.indent ? { indent: { firstLine: 640 } } : {}),
  });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function tableCell(text: string, opts: { bold?: boolean; align: (typeof AlignmentType)[keyof typeof AlignmentType]; width: number; size: number; shade?: boolean }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 30, right: 30, top: 20, bottom: 20 },
    borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
    ...(opts.shade ? { shading: { fill: 'D9E1F2' } } : {}),
    children: [new Paragraph({ alignment: opts.align, children: [run(text, FONTS.table, opts.size, opts.bold ?? false)] })],
  });
}

/** 五号 for ordinary tables; wide tables (many columns) drop to 小五 / 8 pt so figures stay on one line. */
function tableFontSize(columns: number): number {
  return columns > 8 ? 14 : columns > 6 ? 16 : SIZE.table;
}

function wordTable(t: OfficeSheet): Table {
  const total = convertMillimetersToTwip(PAGE_TEXT_WIDTH_MM);
  const weights = t.columns.map((c) => c.width);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  const size = tableFontSize(t.columns.length);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c, i) => tableCell(c.header, { bold: true, align: AlignmentType.CENTER, width: widths[i] ?? 0, size, shade: true })),
  });
  const align = (c: OfficeColumn, v: OfficeValue): (typeof AlignmentType)[keyof typeof AlignmentType] =>
    (c.format ?? 'text') !== 'text' && typeof v === 'number' ? AlignmentType.RIGHT : c.align === 'center' || (c.format ?? 'text') !== 'text' ? AlignmentType.CENTER : AlignmentType.LEFT;
  const body = (r: OfficeRow): TableRow =>
    new TableRow({
      cantSplit: true,
      children: t.columns.map((c, i) => tableCell(officeCellText(c, r[c.key]), { bold: r._bold === true, align: align(c, r[c.key]), width: widths[i] ?? 0, size })),
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...t.rows.map(body)],
  });
}

function blockContent(b: ReportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading1':
      return [para([run(b.text, FONTS.heading1, SIZE.body)], { indent: true, keepNext: true })];
    case 'heading2':
      return [para([run(b.text, FONTS.heading2, SIZE.body)], { indent: true, keepNext: true })];
    case 'paragraph':
      return [para([run(b.text, FONTS.body, SIZE.body)], { indent: true })];
    case 'figure':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120 },
          // The caption stays on the image's page.
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: b.png,
              transformation: { width: Math.round(b.widthCm * CSS_PX_PER_CM), height: Math.round(b.heightCm * CSS_PX_PER_CM) },
              altText: { name: b.caption, description: b.caption, title: b.caption },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(b.caption, FONTS.heading2, SIZE.caption)] }),
      ];
    case 'table':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200 }, keepNext: true, children: [run(b.caption, FONTS.heading1, SIZE.caption)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, children: [run(`${b.table.period}　　${b.table.unit}`, FONTS.table, SIZE.table)] }),
        wordTable(b.table),
        ...[...(b.table.notes ?? []), `数据来源：${b.table.source}`].map((line, i, all) =>
          new Paragraph({ spacing: { after: i === all.length - 1 ? 200 : 0 }, children: [run(line, FONTS.table, 18)] }),
        ),
      ];
  }
}

/** An A4 document with the 公文 margins, 仿宋 三号 as the default and 「— n —」 page numbers (the report, the 退回通知). */
export function officialDocument(title: string, children: (Paragraph | Table)[]): Document {
  return new Document({
    creator: '乡村振兴金融监测与考核',
    title,
    styles: { default: { document: { run: { font: { ascii: FONTS.body, eastAsia: FONTS.body, hAnsi: FONTS.body }, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: '宋体' })] })],
          }),
        },
        children,
      },
    ],
  });
}

export function reportToDocx(doc: ReportDocument): Document {
  const children: (Paragraph | Table)[] = [
    para([run(doc.title, FONTS.title, SIZE.title)], { center: true, before: 200 }),
    para([run(doc.subtitle, FONTS.heading2, SIZE.body)], { center: true, after: 280 }),
    ...doc.blocks.flatMap(blockContent),
    ...doc.issuers.map((issuer, i) => para([run(`${i === 0 ? '制表单位：' : ''}${issuer}`, FONTS.body, SIZE.body)], { right: true, ...(i === 0 ? { before: 560 } : {}) })),
    para([run(`制表日期：${doc.date}`, FONTS.body, SIZE.body)], { right: true }),
  ];
  return officialDocument(doc.title, children);
}

export async function writeReportDocx(doc: ReportDocument, path: string): Promise<void> {
  writeFileSync(path, await Packer.toBuffer(reportToDocx(doc)));
}
