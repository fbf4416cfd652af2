/**
 * 导出 PDF: the window prints itself to PDF (Chromium's printToPDF, in the desktop app's
 * main process or the test harness) and hands the bytes here, so the file is written by
 * the services like every other export: its `out` was checked against the database and
 * its backups before this runs (api/outputs.ts). The bytes are checked to be a whole PDF
 * first; a truncated or foreign file is refused and nothing is written.
 */
import { writeFileSync } from 'node:fs';
import type { PdfSaved } from '../../api/contract';
import { failure } from '../../domain/result';

/** A page's PDF is some hundred kilobytes; anything near this is not one of ours. */
const MAX_PDF_BYTES = 200 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Pages in the PDF's page tree: Chromium writes each page as an uncompressed `/Type /Page` dictionary. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

export function savePdf(data: string, out: string): PdfSaved {
  if (data.length > (MAX_PDF_BYTES / 3) * 4 + 4) throw failure('E_PDF_INVALID', { what: '文件过大' });
  if (!BASE64.test(data)) throw failure('E_PDF_INVALID', { what: '内容不是 PDF 数据' });
  const pdf = Buffer.from(data, 'base64');
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw failure('E_PDF_INVALID', { what: '内容不是 PDF 文件' });
  if (!pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1').includes('%%EOF')) throw failure('E_PDF_INVALID', { what: '文件不完整' });
  const pages = pageCount(pdf);
  if (pages === 0) throw failure('E_PDF_INVALID', { what: '没有页面' });
  writeFileSync(out, pdf);
  return { path: out, bytes: pdf.length, pages };
}
