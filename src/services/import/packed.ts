/**
 * A parsed workbook as compact bytes, and back. A quarterly report's snapshot is ~1,200 cell
 * objects, ~300 KB on the heap; packed it is ~20 KB off the heap, so the check can keep every
 * file it read for the commit (import/checked.ts) — at 10× (3,420 files) ~85 MB instead of
 * ~1 GB — and unpacking one costs a fraction of parsing it again.
 *
 * Each sheet is serialized (V8's format, what posting the object from the parse worker cost
 * anyway) on its own, the whole deflated at the fastest level. Unpacked, a sheet becomes
 * cell objects only when it is first read: the reader never looks at the form's 校验,
 * 校验数据 and 下拉选项 sheets (two thirds of its cells), so a check and a commit no longer
 * build and collect them for every file. Only bytes this program packed are ever unpacked
 * (a file's own bytes never are).
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RawCell, WorkbookSnapshot } from '../../domain/import/workbook';

type Cells = Record<string, RawCell>;

interface PackedForm {
  head: Omit<WorkbookSnapshot, 'sheets'>;
  sheets: [string, Uint8Array][];
}

export function packSnapshot(s: WorkbookSnapshot): Uint8Array<ArrayBuffer> {
  const { sheets, ...head } = s;
  const form: PackedForm = { head, sheets: Object.entries(sheets).map(([name, cells]) => [name, serialize(cells)]) };
  // A fresh buffer of its own: the worker transfers it, and a Buffer may share Node's pool.
  return new Uint8Array(deflateRawSync(serialize(form), { level: 1 }));
}

export function unpackSnapshot(packed: Uint8Array): WorkbookSnapshot {
  const value: unknown = deserialize(inflateRawSync(packed));
  const { head, sheets: parts } = value as PackedForm;
  const sheets: Record<string, Cells> = {};
  for (const [name, bytes] of parts) {
    Object.defineProperty(sheets, name, {
      enumerable: true,
      configurable: true,
      get(): Cells {
        const cells: unknown = deserialize(bytes);
        Object.defineProperty(sheets, name, { value: cells, enumerable: true, configurable: true, writable: true });
        return cells as Cells;
      },
    });
  }
  const { sheetNames, ...rest } = head;
  return { sheetNames, sheets, ...rest };
}
