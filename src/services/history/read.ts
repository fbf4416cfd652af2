/**
 * An analyst's summary workbook, read through the importer's own guarded path (regular
 * file only, size cap, ZIP guard, SheetJS on verified entries only), plus what a report
 * never needs and a summary sheet often has: its merged header cells.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type * as XLSX from 'xlsx';
import type { WorkbookSnapshot } from '../../domain/import/workbook';
import type { MergedArea } from '../../domain/history/grid';
import { readRegularFile } from '../files/inputs';
import { detectFormat } from '../import/detect';
import { loadCodepages, readWorkbook, snapshotOf } from '../import/snapshot';
import { checkSheetExtent } from '../import/zipGuard';

/** A summary of five years of figures for a region's banks stays far below this. */
export const MAX_HISTORY_BYTES = 20 * 1024 * 1024;

export interface HistoryWorkbook {
  file: string;
  path: string;
  bytes: number;
  sha256: string;
  format: string;
  snapshot: WorkbookSnapshot;
  merges: Record<string, MergedArea[]>;
}

function mergesOf(ws: XLSX.WorkSheet | undefined): MergedArea[] {
  const list = (ws?.['!merges'] ?? []) as XLSX.Range[];
  return list.map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
}

export async function readHistoryWorkbook(path: string): Promise<HistoryWorkbook> {
  const file = basename(path);
  const bytes = new Uint8Array(readRegularFile(path, { what: '历史数据文件', maxBytes: MAX_HISTORY_BYTES, usualSize: '（只需保留历史数据所在的工作表）' }));
  const detected = detectFormat(bytes, file);
  // .xls/.et written by Chinese Excel/WPS carry GBK strings (see snapshot.ts).
  if (detected.format === 'xls') await loadCodepages();
  const wb = readWorkbook({ bytes, format: detected.format, encoding: detected.encoding, file });
  checkSheetExtent(wb.Sheets, wb.SheetNames, file);
  const snapshot = snapshotOf(wb, detected.format);
  const merges: Record<string, MergedArea[]> = Object.create(null) as Record<string, MergedArea[]>;
  wb.SheetNames.forEach((name, i) => {
    const shown = snapshot.sheetNames[i];
    if (shown !== undefined) merges[shown] = mergesOf(wb.Sheets[name]);
  });
  return { file, path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), format: detected.format, snapshot, merges };
}

/** The fingerprint a wide layout is remembered by: its header cells, nothing else. */
export function layoutFingerprint(signature: readonly (readonly string[])[]): string {
  return createHash('sha256').update(JSON.stringify(signature)).digest('hex').slice(0, 16);
}
