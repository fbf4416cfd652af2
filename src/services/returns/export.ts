/**
 * 退回通知 and 催报通知 as an office sends them: a .docx in 公文 style (发文机关标志 in red,
 * 文号, red rule, 标题, 主送机关, 正文 in 仿宋 三号, the problems as a real Word table,
 * 落款 and 成文日期) and the same content as an office .xlsx table.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AlignmentType, BorderStyle, type Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, convertMillimetersToTwip } from 'docx';
import type { ReturnNotice } from '../../api/returns-types';
import { FONTS, officialDocument } from '../charts/docx';
import { writeOfficeWorkbook, type OfficeSheet } from '../exports/office-table';
import { dateWithWeekday, longDate } from '../../domain/returns/notice';
import { parseIsoDate } from '../../domain/quarter';

/** Half-points: 二号 22pt, 三号 16pt, 五号 10.5pt. */
const SIZE = { mark: 52, title: 44, body: 32, table: 20 } as const;
const LINE_28PT = 560;
const TEXT_WIDTH_MM = 156;
const RED = 'C00000';

/** One document of the notice kind: who sends it, its number, title, addressee, paragraphs, one table, sign-off. */
export interface NoticeDocument {
  issuer: string;
  number: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  table: { header: string[]; widths: number[]; rows: string[][] };
  after: string[];
  /** YYYY-MM-DD */
  date: string;
}

function run(text: string, font: string, size: number, opts: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, size, bold: opts.bold ?? false, ...(opts.color ? { color: opts.color } : {}), font: { ascii: font, eastAsia: font, hAnsi: font } });
}

function body(text: string, opts: { indent?: boolean; right?: boolean; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: LINE_28PT, lineRule: LineRuleType.EXACT, before: opts.before ?? 0 },
    ...(opts.indent === false ? {} : { indent: { firstLine: 640 } }),
    children: [run(text, FONTS.body, SIZE.body)],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cell(text: string, width: number, head: boolean, center = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 40, right: 40, top: 30, bottom: 30 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    ...(head ? { shading: { fill: 'E7ECF3' } } : {}),
    children: text.split('\n').map((line) => new Paragraph({ alignment: head || center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(line, head ? FONTS.heading1 : FONTS.table, SIZE.table)] })),
  });
}

function table(t: NoticeDocument['table']): Table {
  const total = convertMillimetersToTwip(TEXT_WIDTH_MM);
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / sum) * total));
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, widths[i] ?? 0, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widths[i] ?? 0, false, i === 0)) })),
    ],
  });
}

function dateLabel(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? longDate(d) : iso;
}

export function noticeToDocx(n: NoticeDocument): Document {
  const children: (Paragraph | Table)[] = [
    // 发文机关标志, 文号 and the red rule under them.
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 240 }, children: [run(n.issuer, FONTS.title, SIZE.mark, { color: RED })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
      children: [run(n.number, FONTS.body, SIZE.body)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 360, line: 700, lineRule: LineRuleType.EXACT }, children: [run(n.title, FONTS.title, SIZE.title)] }),
    body(n.addressee, { indent: false }),
    ...n.paragraphs.map((p) => body(p)),
    new Paragraph({ spacing: { before: 120 }, children: [] }),
    table(n.table),
    ...n.after.map((p, i) => body(p, i === 0 ? { before: 200 } : {})),
    body(n.issuer, { right: true, before: 560 }),
    body(dateLabel(n.date), { right: true }),
  ];
  return officialDocument(n.title, children);
}

export async function writeNoticeDocx(n: NoticeDocument, path: string): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await Packer.toBuffer(noticeToDocx(n)));
  return path;
}

/** The same notice as an office table: the title, the addressee and period on the line under it, the table, the words as notes. */
export async function writeNoticeXlsx(n: NoticeDocument, sheetName: string, period: string, path: string): Promise<string> {
  const sheet: OfficeSheet = {
    name: sheetName,
    title: `${n.title}（${n.number}）`,
    period,
    unit: `${n.issuer}`,
    columns: n.table.header.map((h, i) => ({ key: `c${i}`, header: h, width: Math.max(6, Math.round((n.table.widths[i] ?? 10) * 1.6)), ...(i === 0 ? { align: 'center' as const } : {}) })),
    rows: n.table.rows.map((r) => Object.fromEntries(r.map((c, i) => [`c${i}`, c]))),
    notes: [...n.paragraphs, ...n.after],
    source: `${n.issuer}（${n.number}）`,
    landscape: true,
  };
  return writeOfficeWorkbook(path, [sheet], { madeOn: dateLabel(n.date), title: n.title });
}

/** A 退回通知's words and table. */
export function returnNoticeDocument(n: ReturnNotice): NoticeDocument {
  const received = n.receivedDate ? dateLabel(n.receivedDate) : '近日';
  const deadline = parseIsoDate(n.deadline);
  const errors = n.problems.filter((p) => p.level === '错误').length;
  const hints = n.problems.length - errors;
  const counts = [errors ? `错误 ${errors} 处` : '', hints ? `提示 ${hints} 处` : ''].filter(Boolean).join('、');
  return {
    issuer: n.issuer,
    number: n.number,
    title: `关于退回${n.institutionName}${n.quarterLabel}金融支持乡村振兴工作情况报表的通知`,
    addressee: `${n.institutionName}：`,
    paragraphs: [
      `你单位于${received}报送的${n.quarterLabel}金融支持乡村振兴工作情况报表（文件名：${n.fileName}，SHA-256 前12位：${n.shaPrefix}）经审核，存在以下问题（${counts}），现予退回。`,
      `请对照下表逐项核实更正，于${deadline ? dateWithWeekday(deadline) : n.deadline}前重新报送（${n.deadlineNote || '重报期限见本通知'}）。重报请使用人民银行下发的原模板，勿更改表格结构；数据经核实无误、确需保留的，请在重报时书面说明理由。`,
    ],
    table: {
      header: ['序号', '位置', '项目', '填报内容', '问题及填报要求', '已有说明'],
      widths: [3, 8, 10, 8, 30, 11],
      rows: n.problems.map((p, i) => [
        String(i + 1),
        p.sheet && p.cell ? `${p.sheet}!${p.cell}` : '整个文件',
        p.item ?? '—',
        p.typed === null ? '—' : p.typed === '' ? '（空白）' : p.typed,
        `【${p.level}】${p.message}${p.expected ? `\n${p.expected.startsWith('应满足：') ? p.expected : `应填写：${p.expected}`}` : ''}`,
        p.explanation ?? '—',
      ]),
    },
    after: [`经办人：${n.issuedBy}`],
    date: n.date,
  };
}
