/**
 * Putting tables and pictures on the system clipboard the way Excel, WPS and Word
 * paste them. A table goes as TSV and as HTML whose number cells carry their value
 * (x:num) and format (mso-number-format): written in a copy event, so the HTML
 * reaches the clipboard as written (the async API rewrites HTML and drops the Office
 * namespace). A picture goes as image/png through the async API.
 */
import { sheetToHtml, sheetToTsv, type OfficeSheet } from '../../domain/present/officeTable';

/** Writes text/plain and text/html; throws when the clipboard refuses both ways. */
export async function copyTexts(plain: string, html: string): Promise<void> {
  let written = false;
  const onCopy = (e: ClipboardEvent): void => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', plain);
    e.clipboardData.setData('text/html', html);
    e.preventDefault();
    written = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    // The one way to hand the clipboard exact HTML; deprecated in name only, every engine keeps it.
    (document as { execCommand(command: string): boolean }).execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (written) return;
  await navigator.clipboard.write([new ClipboardItem({ 'text/plain': new Blob([plain], { type: 'text/plain' }), 'text/html': new Blob([html], { type: 'text/html' }) })]);
}

/** 复制表格: the whole table (every row, not only those drawn), as TSV and HTML. */
export function copySheet(sheet: OfficeSheet): Promise<void> {
  return copyTexts(sheetToTsv(sheet), sheetToHtml(sheet));
}

/** A Windows-safe Chinese file name: 安康市_2025年第四季度_报送情况.xlsx. */
export function officeFileName(parts: readonly (string | undefined)[], ext: string): string {
  const base = parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/^[^：:]*[：:]/, ''))
    .join('_')
    .replace(/[\\/:*?"<>|\s]+/g, '_')
    .replace(/[「」]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return `${base || '表格'}.${ext}`;
}
