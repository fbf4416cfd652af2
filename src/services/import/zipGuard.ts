/**
 * Bounds on what a report file may expand to, and the one reading of its ZIP
 * package that the parser is allowed to see. A bank's file is untrusted: a zip
 * bomb (a few hundred KB that inflate to gigabytes), a package whose central
 * directory says one thing and whose local headers say another (SheetJS trusts
 * the local headers), a second end-of-central-directory record hidden in the
 * archive comment (a guard and a parser that each find a different one read
 * different files), or a sheet with a million rows would otherwise take minutes
 * and gigabytes before failing. A quarterly report unpacks to well under 1 MB.
 *
 * So the package is checked and read once, here, and SheetJS never sees the
 * sender's bytes:
 * 1. structure (no inflation): exactly one end record, at the end; central
 *    directory and local headers agree on every entry (name, method, flags,
 *    sizes, CRC), entries tile the file from offset 0 with no gap or overlap up
 *    to the central directory; no encryption, no ZIP64, no method but stored
 *    or deflate;
 * 2. declared sizes: too many entries, too much in total, or a compression
 *    ratio no spreadsheet has → refused before inflating a byte;
 * 3. inflation with a hard cap: node's zlib stops each entry at its declared
 *    size (a lying header is caught after inflating only what it claimed), and
 *    every entry's CRC-32 must match;
 * 4. the verified entries are rebuilt into a clean stored archive (fflate)
 *    for SheetJS, which then parses exactly what was checked;
 * 5. sheet extent after parsing with SheetJS's `sheetRows` cap.
 *
 * Why not a library's reader: fflate's unzipSync trusts the central directory
 * and silently truncates an entry that inflates past its declared size (it
 * writes into a fixed buffer), its streaming reader scans for signatures;
 * neither compares the two headers. The checks below are the guard itself.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { fail, failure } from '../../domain/result';

/** Total uncompressed size of all parts of one workbook. */
export const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Above this total, a ratio beyond MAX_RATIO marks a bomb rather than a big file. */
const RATIO_CHECK_FROM_BYTES = 8 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_ENTRIES = 5000;
/** The template has a few hundred rows and a few dozen columns. */
export const MAX_SHEET_ROWS = 10_000;
export const MAX_SHEET_COLUMNS = 1_000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;

export interface ZipEntryInfo {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Where the entry's compressed data starts. */
  dataOffset: number;
}

function mb(n: number): string {
  return (n / 1048576).toFixed(n >= 10 * 1048576 ? 0 : 1);
}

/** Damage or tampering that a broken copy can also produce: the two headers disagree, data is missing. */
function corrupt(file: string, what: string): never {
  fail('E_ZIP_CORRUPT', { file, what }, { file });
}

/** What only a crafted file has: entries that overlap, two readings of the package. */
function hostile(file: string, what: string): never {
  fail('E_ZIP_BOMB', { file, what: `的压缩结构被篡改（${what}），未解压` }, { file });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Positions of a 4-byte little-endian signature in [from, to). */
function findSignatures(b: Uint8Array, sig: number, from: number, to: number): number[] {
  const out: number[] = [];
  const b0 = sig & 0xff;
  const b1 = (sig >>> 8) & 0xff;
  const b2 = (sig >>> 16) & 0xff;
  const b3 = sig >>> 24;
  for (let i = Math.max(0, from); i + 4 <= to; i++) {
    if (b[i] === b0 && b[i + 1] === b1 && b[i + 2] === b2 && b[i + 3] === b3) out.push(i);
  }
  return out;
}

/**
 * Check 1: the package's structure, read from both its central directory and its
 * local headers, which must agree. Returns the entries in file order. `null` when the
 * bytes have no end record at all (not a ZIP package, or cut short).
 */
export function readZipDirectory(b: Uint8Array, file: string): ZipEntryInfo[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  if (b.length < 22) return null;
  // The end record is within the last 64 KiB + 22 bytes; the one nearest the end is taken, as every reader does.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdStart = u32(end + 16);
  const commentLen = u16(end + 20);
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) corrupt(file, '压缩包分卷信息异常');
  if (count === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff || (end >= 20 && u32(end - 20) === ZIP64_LOCATOR)) {
    corrupt(file, '使用了 ZIP64 扩展格式（报表文件不会这么大）');
  }
  if (end + 22 + commentLen !== b.length) corrupt(file, '压缩包结尾记录与文件长度不符');
  if (cdStart + cdSize !== end) corrupt(file, '压缩包目录的位置与结尾记录不符');
  if (count > MAX_ENTRIES) {
    fail('E_ZIP_BOMB', { file, what: `内含 ${count} 个压缩条目（报表通常不到 50 个），未解压` }, { file });
  }

  const entries: (ZipEntryInfo & { flags: number; nameBytes: Uint8Array })[] = [];
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8');
  let p = cdStart;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || u32(p) !== CENTRAL) corrupt(file, '压缩包目录不完整');
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const entryCommentLen = u16(p + 32);
    if (p + 46 + nameLen + extraLen + entryCommentLen > end) corrupt(file, '压缩包目录不完整');
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    const name = decoder.decode(nameBytes);
    if (flags & 0x41) {
      throw failure('E_FILE_ENCRYPTED', { file }, { file });
    }
    if (method !== 0 && method !== 8) corrupt(file, `其中「${name}」使用了报表文件不会用的压缩方式（${method}）`);
    if (names.has(name)) hostile(file, `两个条目同名「${name}」`);
    names.add(name);
    entries.push({
      name,
      nameBytes,
      flags,
      method,
      crc: u32(p + 16),
      compressedSize: u32(p + 20),
      uncompressedSize: u32(p + 24),
      localOffset: u32(p + 42),
      dataOffset: 0,
    });
    p += 46 + nameLen + extraLen + entryCommentLen;
  }
  if (p !== end) corrupt(file, '压缩包目录的长度与记录不符');

  // Local headers, in file order: each where the previous one's data ended, agreeing with the directory.
  entries.sort((a, c) => a.localOffset - c.localOffset);
  let at = 0;
  for (const e of entries) {
    if (e.localOffset < at) hostile(file, `条目「${e.name}」与前一条目重叠`);
    if (e.localOffset > at) corrupt(file, `条目「${e.name}」之前有未登记的数据`);
    if (at + 30 > cdStart || u32(at) !== LOCAL) corrupt(file, `找不到条目「${e.name}」的文件头`);
    const localFlags = u16(at + 6);
    const localMethod = u16(at + 8);
    const nameLen = u16(at + 26);
    const extraLen = u16(at + 28);
    const localName = b.subarray(at + 30, at + 30 + nameLen);
    if (localMethod !== e.method) corrupt(file, `条目「${e.name}」的压缩方式在目录与文件头中不一致`);
    if (!sameBytes(localName, e.nameBytes)) corrupt(file, `条目「${e.name}」在目录与文件头中名称不一致`);
    if ((localFlags & 0x08) !== (e.flags & 0x08) || (localFlags & 0x41) !== 0) corrupt(file, `条目「${e.name}」的标志在目录与文件头中不一致`);
    const described = (localFlags & 0x08) !== 0;
    const sizes: [number, number, number] = [u32(at + 14), u32(at + 18), u32(at + 22)];
    // With a data descriptor the local header may leave crc and sizes as zero; otherwise they must be the directory's.
    const zero = sizes.every((x) => x === 0);
    if (!(described && zero) && (sizes[0] !== e.crc || sizes[1] !== e.compressedSize || sizes[2] !== e.uncompressedSize)) {
      corrupt(file, `条目「${e.name}」的大小或校验值在目录与文件头中不一致`);
    }
    e.dataOffset = at + 30 + nameLen + extraLen;
    at = e.dataOffset + e.compressedSize;
    if (at > cdStart) corrupt(file, `条目「${e.name}」的数据不完整`);
    if (described) {
      const withSig = at + 16 <= cdStart && u32(at) === DESCRIPTOR;
      const d = withSig ? at + 4 : at;
      if (d + 12 > cdStart || u32(d) !== e.crc || u32(d + 4) !== e.compressedSize || u32(d + 8) !== e.uncompressedSize) {
        corrupt(file, `条目「${e.name}」的数据描述与目录不一致`);
      }
      at = d + 12;
    }
  }
  if (at !== cdStart) corrupt(file, '最后一个条目与压缩包目录之间有未登记的数据');
  // Any second end record after the entries (in the comment, say) is a second reading of the package.
  const ends = [...findSignatures(b, EOCD, cdStart, b.length), ...findSignatures(b, ZIP64_EOCD, cdStart, b.length), ...findSignatures(b, ZIP64_LOCATOR, cdStart, b.length)];
  if (ends.length !== 1) hostile(file, '压缩包中藏有第二个目录结尾记录');
  return entries.map(({ name, method, crc, compressedSize, uncompressedSize, localOffset, dataOffset }) => ({ name, method, crc, compressedSize, uncompressedSize, localOffset, dataOffset }));
}

/** Check 2: the directory's own numbers, before anything is inflated. */
export function checkDeclaredExpansion(entries: ZipEntryInfo[], fileBytes: number, file: string): void {
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const ratio = total / Math.max(1, fileBytes);
  if (total > RATIO_CHECK_FROM_BYTES && ratio > MAX_RATIO) {
    fail('E_ZIP_BOMB', { file, what: `只有 ${mb(fileBytes)} MB，解压后却声称有 ${mb(total)} MB（压缩比 ${Math.round(ratio)} 倍，正常报表不超过 20 倍），未解压` }, { file });
  }
  if (total > MAX_UNCOMPRESSED_BYTES) {
    fail('E_UNPACKED_TOO_LARGE', { file, size: mb(total), max: mb(MAX_UNCOMPRESSED_BYTES) }, { file });
  }
}

/** Checks 1 and 2: the entries of a package whose structure and declared sizes are sound. */
export function checkedEntries(bytes: Uint8Array, file: string): ZipEntryInfo[] {
  const entries = readZipDirectory(bytes, file);
  if (!entries || entries.length === 0) {
    fail('E_ZIP_CORRUPT', { file, what: '找不到压缩包的目录（常见于下载、邮件附件或复制时中断）' }, { file });
  }
  checkDeclaredExpansion(entries, bytes.length, file);
  return entries;
}

/** Check 3 for one entry: inflated with zlib, never past its declared size, CRC-32 compared. */
export function inflateEntry(bytes: Uint8Array, e: ZipEntryInfo, file: string): Uint8Array {
  const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) corrupt(file, `未压缩的条目「${e.name}」前后大小不一致`);
    out = data;
  } else {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        fail('E_ZIP_BOMB', { file, what: `中的「${e.name}」解压后远大于其声明的 ${e.uncompressedSize} 字节（压缩包头被篡改），已停止解压` }, { file });
      }
      corrupt(file, `其中「${e.name}」的压缩数据无法解压`);
    }
  }
  if (out.length !== e.uncompressedSize) corrupt(file, `其中「${e.name}」解压后的大小与记录不符`);
  if (crc32(out) !== e.crc) corrupt(file, `其中「${e.name}」的校验值不符`);
  return out;
}

/**
 * Checks 1–3 for a whole package: every entry, verified and inflated once (folder
 * entries left out). What the parser reads, and what the cell readers may read too
 * (e.g. a sheet's XML for formulas without cached results).
 */
export function verifiedEntries(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const e of checkedEntries(bytes, file)) {
    const data = inflateEntry(bytes, e, file);
    if (!(e.name.endsWith('/') && data.length === 0)) out.set(e.name, data);
  }
  return out;
}

/** Check 4: the verified entries as a clean stored archive — the only package bytes SheetJS is given. */
export function cleanArchive(entries: Map<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  // A fixed time: the archive is an internal hand-over, its bytes need not vary.
  const mtime = new Date(1980, 0, 1);
  for (const [name, data] of entries) files[name] = [data, { level: 0, mtime }];
  return zipSync(files);
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
 * Check 5, after a parse capped at MAX_SHEET_ROWS + 1 rows: a cell in the row
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
        fail('E_SHEET_TOO_LARGE', { file, sheet: name, what: `有超过 ${MAX_SHEET_ROWS} 行数据（报表模板只有几百行）` }, { file, sheet: name, cell: addr });
      }
      if (col > MAX_SHEET_COLUMNS) {
        fail('E_SHEET_TOO_LARGE', { file, sheet: name, what: `有数据超出第 ${MAX_SHEET_COLUMNS} 列（${columnName(MAX_SHEET_COLUMNS - 1)} 列之后，报表模板只有几十列）` }, { file, sheet: name, cell: addr });
      }
    }
  }
}
