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
