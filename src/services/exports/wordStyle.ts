/**
 * The one place that says how the program's Word documents look (the draft report, the
 * 退回通知 / 催报通知, the 任务台账 table): the 公文 fonts and sizes, the A4 page with the
 * 公文 margins and the 「— 1 —」 page number, and the font table that tells Word, WPS and
 * LibreOffice what each font is, so a PC without one substitutes a like font.
 *
 * Fonts are named, not embedded. The 公文 faces (宋体, 黑体, 仿宋, 楷体 by 中易, shipped with
 * every Windows since Vista; 方正小标宋 by 方正) may not be redistributed, and a CJK face is
 * 10–20 MB (a subset of a report's characters still 1–2 MB per face); embedding a free face
 * instead (Noto) would replace the 公文 look everywhere rather than keep it where the fonts
 * are installed. So every run names a face that exists on stock Windows and in WPS — 仿宋,
 * not the XP-era 仿宋_GB2312 that Windows 7 on no longer has — with Times New Roman for
 * Latin letters and digits, the document's East Asian language is zh-CN (so a fallback is a
 * Simplified Chinese face, not a Japanese one), and the font table carries each face's
 * English name, PANOSE, GB2312 charset (0x86), family and code-page signature: what Word and
 * WPS match on to substitute on 统信/麒麟 or any PC that lacks the face. The title is 宋体
 * bold, the customary stand-in for 小标宋 where it is not installed, so the title reads the
 * same on every PC.
 */
import { AlignmentType, Document, Footer, PageNumber, PageOrientation, Paragraph, Tab, TextRun, Packer, convertMillimetersToTwip, type Table, type TableOfContents, type IParagraphStyleOptions } from 'docx';
import { packEntry, readZip, writeZip } from '../template/zip';

interface FontFace {
  /** The name runs use: the face's Chinese name, as Chinese Word and WPS write it. */
  name: string;
  /** Its English name: Word's own altName, and the name LibreOffice's substitution table knows. */
  altName: string;
  panose: string;
  /** 86 = GB2312, 00 = ANSI. */
  charset: '86' | '00';
  family: 'roman' | 'swiss' | 'modern';
  /** The code pages and Unicode ranges the face covers, as Word writes them (GB2312 + Latin 1 for the CJK faces). */
  sig: { usb0: string; usb1: string; usb2: string; usb3: string; csb0: string; csb1: string };
}

const CJK_SIG = { usb0: '800002BF', usb1: '38CF7CFA', usb2: '00000016', usb3: '00000000', csb0: '00040001', csb1: '00000000' };

export const FACES = {
  song: { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'roman', sig: { ...CJK_SIG, usb0: '00000003', usb1: '288F0000' } },
  hei: { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'swiss', sig: CJK_SIG },
  fangsong: { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'roman', sig: CJK_SIG },
  kai: { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'roman', sig: CJK_SIG },
  latin: {
    name: 'Times New Roman',
    altName: 'Times New Roman',
    panose: '02020603050405020304',
    charset: '00',
    family: 'roman',
    sig: { usb0: 'E0002EFF', usb1: 'C000785B', usb2: '00000009', usb3: '00000000', csb0: '000001FF', csb1: '00000000' },
  },
} as const satisfies Record<string, FontFace>;

/** Font sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt, 小五 9pt, 六号 7.5pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21, xiaowu: 18, liu: 15 } as const;

/** What each part of a document is set in (GB/T 9704: 标题 小标宋, 一级标题 黑体, 二级标题 楷体, 正文 仿宋; tables 宋体). */
export const ROLES = {
  title: { face: FACES.song, bold: true },
  heading1: { face: FACES.hei, bold: false },
  heading2: { face: FACES.kai, bold: false },
  body: { face: FACES.fangsong, bold: false },
  table: { face: FACES.song, bold: false },
  tableHead: { face: FACES.hei, bold: false },
  caption: { face: FACES.hei, bold: false },
} as const;

export type Role = keyof typeof ROLES;

/** The faces every run may name in East Asian text (what the tests hold documents to). */
export const EAST_ASIAN_FACES: readonly string[] = [FACES.song.name, FACES.hei.name, FACES.fangsong.name, FACES.kai.name];

function fonts(role: Role): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  const latin = FACES.latin.name;
  return { ascii: latin, hAnsi: latin, eastAsia: ROLES[role].face.name, cs: latin };
}

/** A run of text in a role's face (Latin in Times New Roman), at `size` half-points. */
export function wordRun(text: string, role: Role, size: number, opts: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, size, bold: opts.bold ?? ROLES[role].bold, ...(opts.color ? { color: opts.color } : {}), font: fonts(role) });
}

/** A run that starts with a tab, then the text (a contents entry's page number at its right tab stop). */
export function wordTabRun(text: string, role: Role, size: number): TextRun {
  return new TextRun({ children: [new Tab(), text], size, bold: ROLES[role].bold, font: fonts(role) });
}

export const TWIP_PER_PT = 20;
export const PT_PER_MM = 72 / 25.4;

/** A4 with the 公文 margins (GB/T 9704: 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm). */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
export const TEXT_WIDTH_MM = PAGE_MM.width - PAGE_MM.left - PAGE_MM.right;
export const TEXT_HEIGHT_MM = PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom;
/** A wide table (the 任务台账) prints across A4: the same margins turned with the paper, the binding edge on top. */
export const LANDSCAPE_MM = { width: PAGE_MM.height, height: PAGE_MM.width, top: PAGE_MM.left, bottom: PAGE_MM.right, left: PAGE_MM.top, right: PAGE_MM.bottom } as const;

/** The text area (版心) in points, upright or across. */
export function textBox(landscape = false): { w: number; h: number } {
  const m = landscape ? LANDSCAPE_MM : PAGE_MM;
  return { w: (m.width - m.left - m.right) * PT_PER_MM, h: (m.height - m.top - m.bottom) * PT_PER_MM };
}
/** The page number sits 7 mm below the 版心, as GB/T 9704 places it. */
const FOOTER_BELOW_MM = 7;


/** The heading styles a table of contents collects (Word's own ids, so its 更新目录 finds them), in the roles' faces. */
function headingStyles(): IParagraphStyleOptions[] {
  const h = (id: string, name: string, role: Role, level: number): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: fonts(role), size: SIZE.san, bold: false, color: '000000' },
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true },
  });
  const toc = (id: string, name: string, indent: number): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: fonts('body'), size: SIZE.si },
    paragraph: { indent: { left: indent } },
  });
  return [h('Heading1', 'heading 1', 'heading1', 0), h('Heading2', 'heading 2', 'heading2', 1), toc('TOC1', 'toc 1', 0), toc('TOC2', 'toc 2', 560)];
}

/**
 * An A4 document with the 公文 margins, 仿宋 三号 as the default, zh-CN as the East Asian
 * language and 「— n —」 page numbers in 宋体 四号. `updateFields` asks Word to refresh a
 * table of contents's page numbers when the document opens.
 */
export function officialDocument(title: string, children: (Paragraph | Table | TableOfContents)[], opts: { updateFields?: boolean; landscape?: boolean } = {}): Document {
  const mm = convertMillimetersToTwip;
  const m = opts.landscape ? LANDSCAPE_MM : PAGE_MM;
  return new Document({
    creator: '乡村振兴金融监测与考核',
    title,
    ...(opts.updateFields ? { features: { updateFields: true } } : {}),
    styles: {
      default: { document: { run: { font: fonts('body'), size: SIZE.san, language: { value: 'en-US', eastAsia: 'zh-CN' } } } },
      paragraphStyles: headingStyles(),
    },
    sections: [
      {
        properties: {
          page: {
            // (docx turns the paper for a landscape section: width and height are the upright sheet's.)
            size: { width: mm(PAGE_MM.width), height: mm(PAGE_MM.height), ...(opts.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) },
            margin: { top: mm(m.top), bottom: mm(m.bottom), left: mm(m.left), right: mm(m.right), footer: mm(m.bottom - FOOTER_BELOW_MM), header: mm(15) },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.si, font: fonts('table') })] })],
          }),
        },
        children,
      },
    ],
  });
}

function fontEntry(f: FontFace): string {
  const s = f.sig;
  return (
    `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/>` +
    `<w:family w:val="${f.family}"/><w:pitch w:val="variable"/>` +
    `<w:sig w:usb0="${s.usb0}" w:usb1="${s.usb1}" w:usb2="${s.usb2}" w:usb3="${s.usb3}" w:csb0="${s.csb0}" w:csb1="${s.csb1}"/></w:font>`
  );
}

/** word/fontTable.xml listing every face the documents use. */
export function fontTableXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    Object.values(FACES).map(fontEntry).join('') +
    '</w:fonts>'
  );
}

/**
 * The .docx package of a document, with the font table above in place of the library's empty
 * one and, when the pages were laid out, their number in docProps/app.xml (where Word keeps it).
 */
export async function docxBytes(doc: Document, when: Date, opts: { pages?: number } = {}): Promise<Buffer> {
  const entries = readZip(await Packer.toBuffer(doc));
  const table = fontTableXml();
  const patch = (name: string, data: Buffer): Buffer | string => {
    if (name === 'word/fontTable.xml') return table;
    if (name === 'docProps/app.xml' && opts.pages !== undefined) return data.toString('utf8').replace(/<Properties ([^>]*)\/>/, `<Properties $1><Pages>${opts.pages}</Pages></Properties>`);
    return data;
  };
  return writeZip(
    entries.map((e) => packEntry(e.name, patch(e.name, e.data))),
    when,
  );
}
