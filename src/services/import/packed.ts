/**
 * A parsed workbook as compact bytes: V8's serialization (what posting the object from the
 * parse worker costs anyway) deflated at the fastest level. A quarterly report's snapshot
 * is ~1,200 cell objects, ~300 KB on the heap; packed it is ~20 KB off the heap, so the check
 * can keep every file it read for the commit (import/checked.ts) — at 10× (3,420 files)
 * ~75 MB instead of ~1 GB — and unpacking one (~2 ms) costs a fraction of parsing it again.
 * Only bytes this program packed are ever unpacked (a file's own bytes never are).
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { WorkbookSnapshot } from '../../domain/import/workbook';

export function packSnapshot(s: WorkbookSnapshot): Uint8Array<ArrayBuffer> {
  // A fresh buffer of its own: the worker transfers it, and a Buffer may share Node's pool.
  return new Uint8Array(deflateRawSync(serialize(s), { level: 1 }));
}

export function unpackSnapshot(packed: Uint8Array): WorkbookSnapshot {
  const value: unknown = deserialize(inflateRawSync(packed));
  return value as WorkbookSnapshot;
}
