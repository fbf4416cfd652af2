/**
 * What a file really is, from its bytes (never its extension): clerks rename
 * files, mail systems add .xls to HTML, and a PDF saved as 报表.xlsx must be
 * rejected with a message that says it is a PDF.
 */
import * as XLSX from 'xlsx';
import { fail } from '../../domain/result';
import { checkedEntries, inflateEntry, type ZipEntryInfo } from './zipGuard';

export type SheetFormat = 'xlsx' | 'xls' | 'ods' | 'csv';
export type TextEncoding = 'utf-8' | 'gb18030';

export interface DetectedFormat {
  format: SheetFormat;
  /** For CSV: how the text is encoded (GBK files are read as GB18030, its superset). */
  encoding: TextEncoding | null;
  /** How the format is named to users. */
  label: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

const SIGNATURES: { sig: number[]; what: string }[] = [
  { sig: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文档' },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { sig: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { sig: [0x42, 0x4d], what: 'BMP 图片' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: '7z 压缩包' },
  { sig: [0x1f, 0x8b], what: 'gzip 压缩包' },
  { sig: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF 文档' },
];

function notASpreadsheet(file: string, what: string, advice = '请提交人民银行下发的报表模板。'): never {
  fail('E_FILE_FORMAT', { file, what, advice }, { file });
}

/** ODF keeps its type in an entry named "mimetype" (first and stored by LibreOffice; anywhere and deflated by some writers). */
function odfMimetype(b: Uint8Array, entries: ZipEntryInfo[], file: string): string | null {
  const e = entries.find((x) => x.name === 'mimetype');
  if (!e || e.uncompressedSize > 200) return null;
  return new TextDecoder('latin1').decode(inflateEntry(b, e, file)).trim();
}

function detectZip(b: Uint8Array, file: string): DetectedFormat {
  // The package's structure and declared sizes are checked here, before a worker inflates anything.
  const entries = checkedEntries(b, file);
  const mime = odfMimetype(b, entries, file);
  if (mime === 'application/vnd.oasis.opendocument.spreadsheet') return { format: 'ods', encoding: null, label: 'ODS 表格' };
  if (mime?.startsWith('application/vnd.oasis.opendocument.text')) notASpreadsheet(file, ' ODT 文字文档');
  if (mime?.startsWith('application/vnd.oasis.opendocument.presentation')) notASpreadsheet(file, ' ODP 演示文稿');
  const names = entries.map((e) => e.name);
  if (names.includes('xl/workbook.xml')) return { format: 'xlsx', encoding: null, label: 'Excel 工作簿（.xlsx）' };
  if (names.includes('xl/workbook.bin')) notASpreadsheet(file, ' Excel 二进制工作簿（.xlsb）', '请在 Excel 中另存为 .xlsx 后再报送。');
  if (names.includes('word/document.xml')) notASpreadsheet(file, ' Word 文档（.docx）');
  if (names.includes('ppt/presentation.xml')) notASpreadsheet(file, ' PowerPoint 演示文稿（.pptx）');
  if (names.includes('content.xml') && names.includes('META-INF/manifest.xml')) notASpreadsheet(file, '非表格类的 OpenDocument 文档');
  notASpreadsheet(file, ' ZIP 压缩包（其中没有工作簿）');
}

interface CfbEntry {
  name: string;
  type: number;
}
interface CfbApi {
  read: (data: Uint8Array, opts: { type: 'buffer' | 'array' }) => { FileIndex: CfbEntry[] };
}

function detectCfb(b: Uint8Array, file: string): DetectedFormat {
  const cfb = (XLSX as unknown as { CFB: CfbApi }).CFB;
  let entries: string[];
  try {
    entries = cfb.read(b, { type: 'buffer' }).FileIndex.map((e) => e.name);
  } catch {
    notASpreadsheet(file, '已损坏的 Office 文档（复合文档结构无法读取）');
  }
  // BIFF8 (Excel 97–2003, WPS .et) keeps the sheets in a stream named "Workbook"; BIFF5 in "Book".
  if (entries.includes('Workbook') || entries.includes('Book')) return { format: 'xls', encoding: null, label: 'Excel 97-2003 / WPS 工作簿（.xls/.et）' };
  if (entries.includes('WordDocument')) notASpreadsheet(file, ' Word 97-2003 文档（.doc）');
  if (entries.includes('PowerPoint Document')) notASpreadsheet(file, ' PowerPoint 97-2003 演示文稿（.ppt）');
  if (entries.includes('EncryptedPackage')) notASpreadsheet(file, '加密的 Office 文件（设置了打开密码）', '请取消打开密码后再报送。');
  notASpreadsheet(file, '不含工作簿的 Office 复合文档');
}

function detectText(b: Uint8Array, file: string): DetectedFormat {
  const head = b.subarray(0, Math.min(b.length, 8192));
  if (head.includes(0)) notASpreadsheet(file, '无法识别的二进制文件');
  let encoding: TextEncoding;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) encoding = 'utf-8';
  else {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      encoding = 'utf-8';
    } catch {
      try {
        new TextDecoder('gb18030', { fatal: true }).decode(b);
        encoding = 'gb18030';
      } catch {
        notASpreadsheet(file, '编码无法识别的文本文件（应为 UTF-8 或 GBK）');
      }
    }
  }
  const start = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '').trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<?xml')) {
    notASpreadsheet(file, '网页或 XML 文件（常见于系统导出的「假 .xls」）', '请用 Excel/WPS 打开后另存为 .xlsx 再报送。');
  }
  return { format: 'csv', encoding, label: encoding === 'utf-8' ? 'CSV 文本（UTF-8）' : 'CSV 文本（GBK）' };
}

export function detectFormat(bytes: Uint8Array, file: string): DetectedFormat {
  if (bytes.length === 0) fail('E_FILE_EMPTY', { file }, { file });
  if (startsWith(bytes, ZIP)) return detectZip(bytes, file);
  if (startsWith(bytes, CFB)) return detectCfb(bytes, file);
  for (const s of SIGNATURES) if (startsWith(bytes, s.sig)) notASpreadsheet(file, s.what);
  return detectText(bytes, file);
}
