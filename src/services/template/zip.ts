/**
 * ZIP for refilling an .xlsx package fast, through fflate: read the entries of
 * a package ExcelJS wrote, and write entries back (each deflated once with
 * zlib and reused across packages, fixed timestamps, so the same content always
 * gives the same bytes). Only trusted packages (our own) are read here; a
 * bank's file goes through the import guard (import/zipGuard.ts).
 */
import { Zip, unzipSync, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export function readZip(buf: Buffer): ZipEntry[] {
  return Object.entries(unzipSync(buf)).map(([name, data]) => ({ name, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }));
}

/** An entry compressed once and reusable across many packages. */
export interface PackedEntry {
  name: string;
  crc: number;
  size: number;
  compressed: Buffer;
}

export function packEntry(name: string, data: Buffer | string): PackedEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, crc: crc32(bytes), size: bytes.length, compressed: deflateRawSync(bytes, { level: 3 }) };
}

/**
 * fflate takes an entry's time in local time; the package's times are the UTC
 * clock reading of `when` in every time zone, so the same call writes the same bytes.
 */
function zipTime(when: Date): Date {
  return new Date(when.getUTCFullYear(), when.getUTCMonth(), when.getUTCDate(), when.getUTCHours(), when.getUTCMinutes(), when.getUTCSeconds());
}

export function writeZip(entries: PackedEntry[], when: Date): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  const mtime = zipTime(when);
  for (const e of entries) {
    // An entry whose deflated bytes are already made: fflate writes its headers around them.
    const file: ZipInputFile = { filename: e.name, size: e.size, crc: e.crc, compression: 8, mtime };
    zip.add(file);
    // (zlib's Buffers are plain ArrayBuffer-backed; fflate's type asks for exactly that.)
    file.ondata?.(null, e.compressed as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
