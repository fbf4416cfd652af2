/** Test helpers for packages and pictures: the app's own ZIP reader, and a PNG's pixel size. */
export { readZip } from '../../src/services/template/zip';

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  if (buf.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
