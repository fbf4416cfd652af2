/**
 * 打印… and 导出 PDF… of the open page (the top bar's buttons, 文件 → 打印…/导出 PDF…,
 * Ctrl+P and Ctrl+Shift+P). Each page declares what it prints (usePrintForm: its period,
 * units, orientation); the frame is the same for all (printForm.ts). While it prints,
 * `form` is set: the window draws the print header, every table draws every row (not the
 * rows its virtual list shows), the page is laid out at the paper's width so charts are
 * drawn to fit, and the @page rules (A4, running head, 「第 x 页 共 y 页」) are in force.
 * Then Chromium prints what is laid out: webContents.print() / printToPDF() in the app
 * (electron/main), page.pdf() in the test harness, both with electron/shared/print-options.
 */
import { defineStore } from 'pinia';
import { markRaw, nextTick, ref, shallowRef, watch } from 'vue';
import { formatError } from '../../domain/result';
import { pageStyle, printChartHeightMm, printableWidthMm, printFileParts, printForm, type PrintDeclaration, type PrintForm } from '../../domain/present/printForm';
import { call } from '../api/bridge';
import { officeFileName } from '../components/clipboard';
import { useSaveExport } from '../composables/useSaveExport';
import { PAGES } from '../pages/registry';
import { useAppStore } from './app';
import { useNavStore } from './nav';

/** Two frames: Vue has drawn every row, the resize observers have run and the charts have drawn at the new width. */
function frames(n: number): Promise<void> {
  return new Promise((done) => {
    const step = (left: number): void => {
      if (left === 0) done();
      else requestAnimationFrame(() => step(left - 1));
    };
    step(n);
  });
}

export const usePrintStore = defineStore('print', () => {
  const app = useAppStore();
  const nav = useNavStore();
  /** What each page prints, declared by the page (usePrintForm). */
  const declarations = new Map<string, () => PrintDeclaration>();
  /** The form being printed now (null: the window is not printing). */
  const form = shallowRef<PrintForm | null>(null);
  // Raw: ExportNote reads its refs as refs (a store would unwrap them).
  const pdf = markRaw(useSaveExport());
  const printError = ref('');

  function declare(pageId: string, decl: () => PrintDeclaration): () => void {
    declarations.set(pageId, decl);
    return () => {
      if (declarations.get(pageId) === decl) declarations.delete(pageId);
    };
  }

  /** The open page's form: its declaration, its title in the sidebar, the region chosen in the top bar. */
  function currentForm(): PrintForm {
    const page = PAGES.find((p) => p.id === nav.page) ?? PAGES[0];
    const decl = declarations.get(page.id)?.() ?? { period: null, units: [] };
    return printForm(decl, page.title, app.region?.name ?? null);
  }

  /** Lays the page out for paper, runs `output` (Chromium prints what is laid out), then gives the window back. */
  async function laidOut<T>(f: PrintForm, output: () => Promise<T>): Promise<T> {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pageStyle(f));
    const root = document.documentElement;
    form.value = f;
    root.classList.add('printing');
    root.style.setProperty('--print-width', `${printableWidthMm(f.landscape)}mm`);
    root.style.setProperty('--print-chart-height', `${printChartHeightMm(f.landscape)}mm`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      await nextTick();
      await frames(2);
      return await output();
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      root.classList.remove('printing');
      root.style.removeProperty('--print-width');
      root.style.removeProperty('--print-chart-height');
      form.value = null;
    }
  }

  /** 打印…: the system's print dialog over the page as an A4 form. */
  async function print(): Promise<void> {
    if (form.value) return;
    pdf.clear();
    printError.value = '';
    const f = currentForm();
    const r = await laidOut(f, () => call('shell.print', { landscape: f.landscape }));
    if (!r.ok) printError.value = formatError(r.error);
  }

  /** 导出 PDF…: the save dialog (考核评估_安康市_2025年度.pdf), the page printed to it, then where it was written. */
  async function exportPdf(): Promise<void> {
    if (form.value) return;
    printError.value = '';
    const f = currentForm();
    await pdf.run({
      title: '导出 PDF',
      defaultName: officeFileName(printFileParts(f), 'pdf'),
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      write: (out) => laidOut(f, () => call('shell.exportPdf', { out, landscape: f.landscape })),
      detail: (r) => `（A4${f.landscape ? ' 横向' : ''}，共 ${r.pages} 页）`,
    });
  }

  function clear(): void {
    pdf.clear();
    printError.value = '';
  }

  // The note about the last PDF belongs to the page it was made of.
  watch(() => nav.page, clear);

  return { form, pdf, printError, declare, print, exportPdf, clear };
});
