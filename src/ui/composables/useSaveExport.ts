/**
 * 导出…: the one flow every export follows — the save dialog with a Chinese default
 * name, the service writes the file, then a note names the file with 「在文件夹中显示」
 * (ExportNote.vue draws it). A cancelled dialog changes nothing and says nothing.
 */
import { ref, type Ref } from 'vue';
import type { FileFilter } from '../../api/contract';
import { formatError, type Result } from '../../domain/result';
import { call } from '../api/bridge';

export const XLSX_FILTERS: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];

export interface SaveExportRequest<T extends { path: string }> {
  /** The dialog's title, e.g. 导出考核评估结果. */
  title: string;
  /** The file name offered, in Chinese (e.g. 安康市2025年度…考核评估结果.xlsx). */
  defaultName: string;
  filters: FileFilter[];
  /** Writes the file where the analyst chose. */
  write: (out: string) => Promise<Result<T>>;
  /** Said after the path, e.g. （1831 × 1180 像素）. */
  detail?: (written: T) => string;
}

export interface SaveExport {
  busy: Ref<boolean>;
  /** The file last written ('' when none). */
  path: Ref<string>;
  /** 已导出：<path><detail> */
  note: Ref<string>;
  error: Ref<string>;
  /** Asks where, writes, and tells; resolves to what was written, or null (cancelled or failed). */
  run<T extends { path: string }>(req: SaveExportRequest<T>): Promise<T | null>;
  reveal: () => Promise<void>;
  clear: () => void;
}

export function useSaveExport(): SaveExport {
  const busy = ref(false);
  const path = ref('');
  const note = ref('');
  const error = ref('');

  function clear(): void {
    path.value = '';
    note.value = '';
    error.value = '';
  }

  async function run<T extends { path: string }>(req: SaveExportRequest<T>): Promise<T | null> {
    clear();
    const chosen = await call('shell.chooseSavePath', { title: req.title, defaultName: req.defaultName, filters: req.filters });
    if (!chosen.ok) {
      error.value = formatError(chosen.error);
      return null;
    }
    if (!chosen.value) return null;
    busy.value = true;
    try {
      const r = await req.write(chosen.value);
      if (!r.ok) {
        error.value = formatError(r.error);
        return null;
      }
      path.value = r.value.path;
      note.value = `已导出：${r.value.path}${req.detail ? req.detail(r.value) : ''}`;
      return r.value;
    } finally {
      busy.value = false;
    }
  }

  async function reveal(): Promise<void> {
    if (path.value) await call('shell.showInFolder', { path: path.value });
  }

  return { busy, path, note, error, run, reveal, clear };
}
