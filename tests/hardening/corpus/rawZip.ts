/**
 * A ZIP writer for hostile packages only: every header field is written as the
 * test says, so the central directory and the local headers can disagree, an
 * entry can be listed twice or not at all, and a second end record can hide in
 * the archive comment. (The application writes ZIP through fflate; this is the
 * attacker's tool.)
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface Fields {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
}

export interface RawEntry {
  /** The bytes stored for the entry (already compressed when method is 8). */
  data: Buffer;
  /** What the local header says. */
  local: Fields;
  /** What the central directory says (default: the local header's fields). */
  central?: Partial<Fields>;
  /** List in the central directory (default true); false leaves a local entry nobody lists. */
  listed?: boolean;
  /** Extra central records pointing at this same local entry (overlapping entries). */
  aliases?: string[];
  /** A data descriptor written after the data (with its signature), saying these values. */
  descriptor?: { crc: number; compressedSize: number; size: number };
}

/** An honest entry: deflated data with its true CRC and sizes. */
export function deflated(name: string, content: Buffer | string): RawEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const data = deflateRawSync(raw);
  return { data, local: { name, method: 8, flags: 0x800, crc: crc32(raw), compressedSize: data.length, size: raw.length } };
}

function header(sig: number, f: Fields, central: boolean, offset: number): Buffer {
  const name = Buffer.from(f.name, 'utf8');
  const h = Buffer.alloc(central ? 46 : 30);
  h.writeUInt32LE(sig, 0);
  let p = 4;
  if (central) {
    h.writeUInt16LE(20, p);
    p += 2;
  }
  h.writeUInt16LE(20, p);
  h.writeUInt16LE(f.flags, p + 2);
  h.writeUInt16LE(f.method, p + 4);
  h.writeUInt16LE(0, p + 6);
  h.writeUInt16LE(0x21, p + 8);
  h.writeUInt32LE(f.crc >>> 0, p + 10);
  h.writeUInt32LE(f.compressedSize >>> 0, p + 14);
  h.writeUInt32LE(f.size >>> 0, p + 18);
  h.writeUInt16LE(name.length, p + 22);
  h.writeUInt16LE(0, p + 24);
  if (central) h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

export interface RawOptions {
  /** Appended after the end record, its length declared there. */
  comment?: Buffer;
}

/** The local entries one after another, and the central records that list them (in order). */
export function rawBody(entries: RawEntry[]): { body: Buffer; records: Buffer[] } {
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = header(0x04034b50, e.local, false, 0);
    const fields = { ...e.local, ...e.central };
    if (e.listed !== false) {
      records.push(header(0x02014b50, fields, true, offset));
      for (const alias of e.aliases ?? []) records.push(header(0x02014b50, { ...fields, name: alias }, true, offset));
    }
    const descriptor = e.descriptor ? Buffer.alloc(16) : Buffer.alloc(0);
    if (e.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(e.descriptor.crc >>> 0, 4);
      descriptor.writeUInt32LE(e.descriptor.compressedSize >>> 0, 8);
      descriptor.writeUInt32LE(e.descriptor.size >>> 0, 12);
    }
    locals.push(local, e.data, descriptor);
    offset += local.length + e.data.length + descriptor.length;
  }
  return { body: Buffer.concat(locals), records };
}

export function rawZip(entries: RawEntry[], opts: RawOptions = {}): Buffer {
  const { body, records } = rawBody(entries);
  return endRecord(body, Buffer.concat(records), records.length, opts.comment ?? Buffer.alloc(0));
}

/** Entries, central directory and end record (+ comment). */
export function endRecord(body: Buffer, central: Buffer, count: number, comment: Buffer, cdStart = body.length): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(cdStart, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([body, central, end, comment]);
}
