/**
 * The print and PDF options of the window, defined once: Electron's main process passes
 * them to webContents.print() / printToPDF(), and the browser test harness gives the same
 * ones to Playwright's page.pdf() (the same Chromium call), so the PDF a test reads is the
 * one the app writes. Size, orientation and margins come from the page's own @page rules
 * (src/domain/present/printForm.ts), which also draw the running head and
 * 「第 x 页 共 y 页」 in the margins: so paper and PDF carry the same frame, and no
 * Chromium header/footer (URL, English date) is added.
 */

/** Options of webContents.printToPDF (Electron's names). */
export interface PdfOptions {
  pageSize: 'A4';
  landscape: boolean;
  printBackground: boolean;
  preferCSSPageSize: boolean;
  displayHeaderFooter: boolean;
}

/** Options of webContents.print (Electron's names). */
export interface PrintOptions {
  silent: boolean;
  printBackground: boolean;
  landscape: boolean;
  pageSize: 'A4';
  margins: { marginType: 'default' };
}

export function pdfOptions(landscape: boolean): PdfOptions {
  return { pageSize: 'A4', landscape, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false };
}

export function printOptions(landscape: boolean): PrintOptions {
  // The system's print dialog is shown (silent: false): the analyst picks the printer and copies there.
  return { silent: false, printBackground: true, landscape, pageSize: 'A4', margins: { marginType: 'default' } };
}
