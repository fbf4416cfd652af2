/**
 * Zip bombs built the way attackers build them: a sheet part that inflates to
 * hundreds of megabytes of rows from well under a megabyte of deflate stream.
 * `declare` says which uncompressed size the ZIP headers claim: the honest one,
 * or a lie (a small number) so that only the inflater itself can notice.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import type { PackedEntry } from '../../../src/services/template/zip';

const ROW = '<row><c t="n"><v>1</v></c></row>';

export async function bombEntry(name: string, inflatedBytes: number, declare: 'honest' | number): Promise<PackedEntry> {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const block = Buffer.from(ROW.repeat(Math.floor((1 << 20) / ROW.length)));
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((res, rej) => {
    deflate.on('end', res);
    deflate.on('error', rej);
  });
  let crc = 0;
  let size = 0;
  const feed = (b: Buffer): void => {
    crc = crc32(b, crc);
    size += b.length;
    deflate.write(b);
  };
  feed(head);
  while (size + block.length < inflatedBytes) feed(block);
  feed(tail);
  deflate.end();
  await done;
  return { name, crc, size: declare === 'honest' ? size : declare, compressed: Buffer.concat(out) };
}
