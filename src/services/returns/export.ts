/**
 * 退回通知 and 催报通知 as an office sends them: a .docx in 公文 style (发文机关标志 in red,
 * 文号, red rule, 标题, 主送机关, 正文 in 仿宋 三号, the problems as a real Word table,
 * 落款 and 成文日期) and the same content as an office .xlsx table.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AlignmentType, BorderStyle, type Document, LineRuleType, Paragraph, type Table } from 'docx';
import type { ReturnNotice } from '../../api/returns-types';
import { wordTable } from '../charts/docx';
import { SIZE, TWIP_PER_PT, docxBytes, officialDocument, wordRun } from '../exports/wordStyle';
import { writeOfficeWorkbook, type OfficeSheet } from '../exports/office-table';
import { dateWithWeekday, longDate } from '../../domain/returns/notice';
import { parseIsoDate } from '../../domain/quarter';
import { now } from '../../domain/clock';

/** 发文机关标志 in 二号 plus (26 pt) — 宋体 bold, as the title (see exports/wordStyle.ts). */
const MARK_SIZE = 52;
const LINE_28PT = 28 * TWIP_PER_PT;
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

function body(text: string, opts: { indent?: boolean; right?: boolean; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: LINE_28PT, lineRule: LineRuleType.EXACT, before: opts.before ?? 0 },
    ...(opts.indent === false ? {} : { indent: { firstLine: 640 } }),
    children: [wordRun(text, 'body', SIZE.san)],
  });
}

function table(t: NoticeDocument['table']): Table {
  return wordTable(
    t.header.map((h) => ({ text: h, role: 'tableHead', align: AlignmentType.CENTER, shade: true })),
    t.rows.map((r) => r.map((c, i) => ({ text: c, role: 'table', align: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT }))),
    t.widths,
    SIZE.xiaowu,
  ).table;
}

function dateLabel(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? longDate(d) : iso;
}

export function noticeToDocx(n: NoticeDocument): Document {
  const children: (Paragraph | Table)[] = [
    // 发文机关标志, 文号 and the red rule under them.
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 240 }, children: [wordRun(n.issuer, 'title', MARK_SIZE, { color: RED })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
      children: [wordRun(n.number, 'body', SIZE.san)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 360, line: 700, lineRule: LineRuleType.EXACT }, children: [wordRun(n.title, 'title', SIZE.er)] }),
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
  writeFileSync(path, await docxBytes(noticeToDocx(n), now()));
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
      widths: [4, 8, 9, 8, 25, 16],
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
