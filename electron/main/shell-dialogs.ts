/**
 * The shell's own methods (ShellApi): native open/save dialogs and "show in
 * folder". Their arguments were already checked as plain JSON; here each field
 * is checked for what it is. Nothing here opens or runs a file: showing a file
 * in the file manager is the most the renderer can ask for.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { FileFilter, PdfSaved } from '../../src/api/contract';
import { errorOf, type Result } from '../../src/domain/result';
import { pdfOptions, printOptions, type PdfOptions, type PrintOptions } from '../shared/print-options';
import type { InvokeEventLike, ShellHandlers } from './ipc-calls';
import { PathGrants } from './path-grants';

export interface OpenDialogRequest {
  title: string;
  defaultPath: string;
  filters: FileFilter[];
  properties: Array<'openFile' | 'openDirectory' | 'multiSelections'>;
}
export interface SaveDialogRequest {
  title: string;
  defaultPath: string;
  filters: FileFilter[];
}

/** What the shell needs from Electron (dialog, shell) — a fake in tests. */
export interface NativeDialogs {
  open(event: InvokeEventLike, req: OpenDialogRequest): Promise<{ canceled: boolean; filePaths: string[] }>;
  save(event: InvokeEventLike, req: SaveDialogRequest): Promise<{ canceled: boolean; filePath?: string }>;
  showItemInFolder(path: string): void;
  /** Where dialogs open first: the user's documents folder. */
  defaultDir(): string;
  /** webContents.print(): the system print dialog; printed false when the analyst cancelled it, failure (in Chinese) when printing failed. */
  print(event: InvokeEventLike, options: PrintOptions): Promise<{ printed: boolean; failure: string | null }>;
  /** webContents.printToPDF(): the page as it is laid out for print. */
  printToPdf(event: InvokeEventLike, options: PdfOptions): Promise<Uint8Array>;
  /** The services write the PDF (pdf.save), checking its path like every export's. */
  savePdf(args: { out: string; data: string }): Promise<Result<PdfSaved>>;
}

/** A dialog's arguments refused, the dialog named as the analyst knows it. */
const bad = (dialog: string, problem = '参数无效'): Result<never> => errorOf('E_IPC_INVALID', { method: dialog, problem });

function title(v: unknown, fallback: string): string | null {
  if (v === undefined) return fallback;
  return typeof v === 'string' && v.length <= 100 ? v : null;
}

function filters(v: unknown): FileFilter[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 10) return null;
  const out: FileFilter[] = [];
  for (const f of v as unknown[]) {
    if (typeof f !== 'object' || f === null) return null;
    const { name, extensions } = f as Record<string, unknown>;
    if (typeof name !== 'string' || name.length > 50 || !Array.isArray(extensions) || extensions.length > 20) return null;
    if (!extensions.every((e): e is string => typeof e === 'string' && /^(\*|[A-Za-z0-9]{1,10})$/.test(e))) return null;
    out.push({ name, extensions });
  }
  return out;
}

/** `grants` learns every path the user chose here: only those may then be handed to the services. */
export function createShellHandlers(native: NativeDialogs, grants: PathGrants = new PathGrants()): ShellHandlers {
  return {
    'shell.chooseFiles': async (args, event) => {
      const t = title(args.title, '选择报表文件');
      const f = filters(args.filters);
      if (t === null || f === null || (args.multiple !== undefined && typeof args.multiple !== 'boolean')) return bad('选择文件');
      const r = await native.open(event, {
        title: t,
        defaultPath: native.defaultDir(),
        filters: f,
        properties: args.multiple === false ? ['openFile'] : ['openFile', 'multiSelections'],
      });
      const chosen = r.canceled ? [] : r.filePaths;
      grants.grantRead(chosen);
      return { ok: true, value: chosen };
    },
    'shell.chooseFolder': async (args, event) => {
      const t = title(args.title, '选择文件夹');
      if (t === null) return bad('选择文件夹');
      const r = await native.open(event, { title: t, defaultPath: native.defaultDir(), filters: [], properties: ['openDirectory'] });
      const folder = r.canceled ? null : (r.filePaths[0] ?? null);
      if (folder) grants.grantFolder(folder);
      return { ok: true, value: folder };
    },
    'shell.chooseSavePath': async (args, event) => {
      const t = title(args.title, '保存到');
      const f = filters(args.filters);
      if (t === null || f === null || typeof args.defaultName !== 'string' || args.defaultName.length > 200) return bad('保存文件');
      // Only a file name is taken from the page; the folder is the user's documents until they pick another.
      const name = basename(args.defaultName.replace(/\\/g, '/'));
      const r = await native.save(event, { title: t, defaultPath: join(native.defaultDir(), name), filters: f });
      const path = r.canceled || !r.filePath ? null : r.filePath;
      if (path) grants.grantWrite(path);
      return { ok: true, value: path };
    },
    'shell.print': async (args, event) => {
      if (args.landscape !== undefined && typeof args.landscape !== 'boolean') return bad('打印');
      const r = await native.print(event, printOptions(args.landscape === true));
      if (r.failure !== null) return errorOf('E_PRINT_FAILED', { reason: r.failure });
      return { ok: true, value: r.printed };
    },
    'shell.exportPdf': async (args, event) => {
      if (typeof args.out !== 'string' || (args.landscape !== undefined && typeof args.landscape !== 'boolean')) return bad('导出 PDF');
      // Only a path this session's save dialog gave may be written (as for every export).
      const refused = grants.problem('pdf.save', { out: args.out });
      if (refused) return { ok: false, error: refused };
      let pdf: Uint8Array;
      try {
        pdf = await native.printToPdf(event, pdfOptions(args.landscape === true));
      } catch {
        // Chromium's own reason is English and says nothing an analyst can act on.
        return errorOf('E_PDF_FAILED', { reason: '程序的排版引擎未能生成 PDF，请稍后重试' });
      }
      return native.savePdf({ out: args.out, data: Buffer.from(pdf).toString('base64') });
    },
    'shell.showInFolder': async (args) => {
      if (typeof args.path !== 'string' || args.path.length > 4096 || !isAbsolute(args.path)) return bad('在文件夹中显示', '文件路径无效');
      if (!existsSync(args.path)) return { ok: true, value: false };
      native.showItemInFolder(args.path);
      return { ok: true, value: true };
    },
  };
}
