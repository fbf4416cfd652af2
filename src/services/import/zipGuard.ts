/**
 * Bounds on what a report file may expand to, checked before SheetJS sees it.
 * A bank's file is untrusted: a zip bomb (a few hundred KB that inflate to
 * gigabytes), a sheet with a million rows or ten thousand columns would
 * otherwise take minutes and gigabytes of memory before failing. A quarterly
 * report unpacks to well under 1 MB and has a few hundred rows.
 *
 * Three checks, cheapest first:
 * 1. declared sizes (ZIP central directory, no inflation): too much in total,
 *    or a compression ratio no spreadsheet has → refused at once;
 * 2. actual sizes (in the parse worker): each entry is inflated by zlib with
 *    its output capped at its declared size + 1, so a header that lies about
 *    the size is caught after inflating only what it claimed;
 * 3. sheet extent after parsing with SheetJS's `sheetRows` cap.
 */
import { inflateRawSync } from 'node:zlib';
import { AppFailure } from '../../domain/result';

/** Total uncompressed size of all parts of one workbook. */
export const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Above this total, a ratio beyond MAX_RATIO marks a bomb rather than a big file. */
const RATIO_CHECK_FROM_BYTES = 8 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_ENTRIES = 5000;
/** The template has a few hundred rows and a few dozen columns. */
export const MAX_SHEET_ROWS = 10_000;
export const MAX_SHEET_COLUMNS = 1_000;

export interface ZipEntrySizes {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function mb(n: number): string {
  return (n / 1048576).toFixed(n >= 10 * 1048576 ? 0 : 1);
}

/** Check 1: the central directory's own numbers. */
export function checkDeclaredExpansion(entries: ZipEntrySizes[], fileBytes: number, file: string): void {
  if (entries.length > MAX_ENTRIES) {
    throw new AppFailure('E_ZIP_BOMB', `文件「${file}」内含 ${entries.length} 个压缩条目（报表通常不到 50 个），疑似恶意构造的压缩文件，已拒收。`, { file });
  }
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const ratio = total / Math.max(1, fileBytes);
  if (total > RATIO_CHECK_FROM_BYTES && ratio > MAX_RATIO) {
    throw new AppFailure(
      'E_ZIP_BOMB',
      `文件「${file}」只有 ${mb(fileBytes)} MB，解压后却声称有 ${mb(total)} MB（压缩比 ${Math.round(ratio)} 倍，正常报表不超过 20 倍），疑似「压缩炸弹」，未解压即拒收。`,
      { file },
    );
  }
  if (total > MAX_UNCOMPRESSED_BYTES) {
    throw new AppFailure('E_FILE_TOO_LARGE', `文件「${file}」解压后有 ${mb(total)} MB，超过导入上限 ${mb(MAX_UNCOMPRESSED_BYTES)} MB（季度报表解压后通常不足 1 MB），请检查是否提交了错误的文件。`, {
      file,
    });
  }
}

/** Check 2: inflates every deflated entry, never past what its header declared. */
export function verifyInflatedSizes(bytes: Uint8Array, entries: ZipEntrySizes[], file: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (e.method !== 8) continue;
    const at = e.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) continue; // SheetJS reports a broken package itself
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: e.uncompressedSize + 1 });
    } catch (err) {
      if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new AppFailure('E_ZIP_BOMB', `文件「${file}」中的「${e.name}」解压后远大于其声明的 ${e.uncompressedSize} 字节（压缩包头被篡改），疑似「压缩炸弹」，已停止解压并拒收。`, { file });
      }
      throw new AppFailure('E_ZIP_CORRUPT', `文件「${file}」已损坏：其中「${e.name}」无法解压（${(err as Error).message}）。请让报送机构用 Excel/WPS 重新保存后再发送。`, { file });
    }
    if (out.length !== e.uncompressedSize) {
      throw new AppFailure('E_ZIP_CORRUPT', `文件「${file}」已损坏：其中「${e.name}」解压后的大小与记录不符。请让报送机构用 Excel/WPS 重新保存后再发送。`, { file });
    }
  }
}

interface SheetLike {
  [cell: string]: unknown;
}

function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Check 3, after a parse capped at MAX_SHEET_ROWS + 1 rows: a cell in the row
 * past the cap, or in a column past MAX_SHEET_COLUMNS, is a sheet no report has.
 */
export function checkSheetExtent(sheets: Record<string, SheetLike>, sheetNames: string[], file: string): void {
  for (const name of sheetNames) {
    const ws = sheets[name];
    if (!ws) continue;
    for (const addr of Object.keys(ws)) {
      const m = /^([A-Z]{1,3})(\d+)$/.exec(addr);
      if (!m) continue;
      const row = Number(m[2]);
      const col = (m[1] ?? '').split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      if (row > MAX_SHEET_ROWS) {
        throw new AppFailure(
          'E_SHEET_TOO_LARGE',
          `文件「${file}」的工作表「${name}」有超过 ${MAX_SHEET_ROWS} 行数据（报表模板只有几百行），不是季度报表，已拒收；多余的行未读取。`,
          { file, sheet: name, cell: addr },
        );
      }
      if (col > MAX_SHEET_COLUMNS) {
        throw new AppFailure(
          'E_SHEET_TOO_LARGE',
          `文件「${file}」的工作表「${name}」有数据超出第 ${MAX_SHEET_COLUMNS} 列（${columnName(MAX_SHEET_COLUMNS - 1)} 列之后，报表模板只有几十列），不是季度报表，已拒收。`,
          { file, sheet: name, cell: addr },
        );
      }
    }
  }
}
