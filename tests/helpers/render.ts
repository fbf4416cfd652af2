/**
 * A Word document as LibreOffice prints it: converted to PDF (soffice --headless), each page's
 * text (pdftotext) and how much of its 版心 is left blank below the last printed line
 * (pdftoppm rasterises the page in grey; the lowest row with ink above the footer).
 * `officeRenderer()` says whether LibreOffice and poppler are installed (.ci/run installs them).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PAGE_MM } from '../../src/services/exports/wordStyle';
import { paragraphText, paragraphs, readDocx } from './docx';

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Null when the tools are there; else the sentence a skipped test shows. */
export function officeRenderer(): string | null {
  const missing = ['soffice', 'pdftotext', 'pdftoppm'].filter((c) => !onPath(c));
  return missing.length === 0 ? null : `skipped: ${missing.join(', ')} not installed (apt-get install libreoffice-writer-nogui poppler-utils)`;
}

export interface RenderedPage {
  text: string;
  /** Share of the text area's height left blank below the page's last printed line (0 = full). */
  blank: number;
}

/** One page of a binary PGM (P5) as rows of grey values. */
function pgm(buf: Buffer): { width: number; height: number; at: (x: number, y: number) => number } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.toString('latin1', 0, 40));
  if (!header) throw new Error('not a PGM');
  const [whole, w, h] = header as unknown as [string, string, string];
  const width = Number(w);
  const offset = whole.length;
  return { width, height: Number(h), at: (x, y) => buf[offset + y * width + x] ?? 255 };
}

export function renderDocx(docx: string, dir: string): RenderedPage[] {
  mkdirSync(dir, { recursive: true });
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 300_000 });
  const pdf = join(dir, basename(docx).replace(/\.docx$/, '.pdf'));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const dpi = 20;
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), pdf, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => /^page-\d+\.pgm$/.test(f)).sort();
  const px = (mm: number): number => Math.round((mm / 25.4) * dpi);
  const top = px(PAGE_MM.top);
  const bottom = px(PAGE_MM.height - PAGE_MM.bottom);
  return pages.map((f, i) => {
    const img = pgm(readFileSync(join(dir, f)));
    let last = top;
    for (let y = top; y < Math.min(bottom, img.height); y++) {
      for (let x = 0; x < img.width; x++) {
        if (img.at(x, y) < 160) {
          last = y;
          break;
        }
      }
    }
    return { text: text[i] ?? '', blank: (bottom - 1 - last) / (bottom - top) };
  });
}

/**
 * Each 目录 entry of a draft with the page it lists and the page its heading prints on: the
 * headings are looked for in the order of the contents, each as a line of its own (so a
 * region's 「一、涉农贷款总体情况」 is not taken for the other region's, nor 「安康市」 for a
 * sentence that names it), from the page where the one before was found.
 */
export function contentsPages(docx: string, pages: readonly RenderedPage[]): { title: string; listed: number; printed: number | null }[] {
  const entries = paragraphs(readDocx(docx).document)
    .filter((p) => /<w:pStyle w:val="TOC[12]"\/>/.test(p))
    .map((p) => /^(.*?)(\d+)$/.exec(paragraphText(p)) ?? [])
    .map(([, title, page]) => ({ title: (title ?? '').replace(/\s+/g, ''), listed: Number(page) }));
  const lines = pages.map((p) => p.text.split('\n').map((l) => l.replace(/\s+/g, '')));
  let from = 1;
  return entries.map((e) => {
    const at = lines.findIndex((ls, i) => i >= from && ls.includes(e.title));
    if (at >= 0) from = at;
    return { ...e, printed: at >= 0 ? at + 1 : null };
  });
}

/** The pages the program laid a draft out on (docProps/app.xml). */
export function plannedPages(docx: string): number {
  return Number(/<Pages>(\d+)<\/Pages>/.exec(readDocx(docx).app)?.[1]);
}
