/**
 * Sheets analysts keep themselves (county targets, coverage lists): .xlsx, .xls or CSV in
 * UTF-8 or GBK (Excel on Chinese Windows; the bytes decide), a regular file of at most 20 MB.
 */
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel';
import * as fs from 'node:fs';
import { basename } from 'node:path';
import { AppFailure, failure } from '../../domain/result';
import { readRegularFile } from '../files/inputs';
import { cleanArchive, verifiedEntries } from '../import/zipGuard';

XLSX.set_fs(fs);
XLSX.set_cptable(cptable);

/**
 * The workbook, or a Chinese refusal naming what it was meant to be (「目标表」): SheetJS's own
 * messages are English, so the user is told what to do instead.
 */
export function readAnalystWorkbook(path: string, what: string): XLSX.WorkBook {
  // A FIFO or /dev/zero is refused unopened.
  const bytes = readRegularFile(path, { what, maxBytes: 20 * 1024 * 1024 });
  try {
    return parseAnalystBytes(bytes, path);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    const file = basename(path);
    throw failure('E_ANALYST_SHEET_READ', { what, file }, { file });
  }
}

function parseAnalystBytes(bytes: Buffer, path: string): XLSX.WorkBook {
  // A .xlsx/.ods package is read through the import's ZIP guard (sizes, headers, CRC, hard cap).
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return XLSX.read(cleanArchive(verifiedEntries(bytes, basename(path))), { type: 'buffer' });
  if (bytes[0] === 0xd0) return XLSX.read(bytes, { type: 'buffer' });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return XLSX.read(text, { type: 'string' });
  } catch {
    return XLSX.read(bytes, { type: 'buffer', codepage: 936 });
  }
}

/** A number as analysts type it (1,000 / 1000万元 / —); 'bad' for text that is not one. */
export function parseSheetNumber(v: unknown): number | null | 'bad' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  const t = String(v).normalize('NFKC').replace(/[,\s]/g, '').replace(/万元$/u, '');
  if (t === '' || t === '-' || t === '—') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
}

/** The sheet as rows of cells, blanks as null. */
export function sheetGrid(ws: XLSX.WorkSheet): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, blankrows: true, defval: null });
}

export function cellName(r: number, c: number): string {
  return XLSX.utils.encode_cell({ r, c });
}

/** A cell's date: an Excel date serial, a Date, or text like 2022-12-31 / 2022年12月31日. */
export function sheetDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const d = XLSX.SSF.parse_date_code(v);
    return d ? `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` : null;
  }
  return String(v).trim();
}
