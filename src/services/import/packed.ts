/**
 * A parsed workbook as compact bytes, and back. A quarterly report's snapshot is ~1,200 cell
 * objects, ~300 KB on the heap; packed it is ~20 KB off the heap, so the check can keep every
 * file it read for the commit (import/checked.ts) — at 10× (3,420 files) ~85 MB instead of
 * ~1 GB — and unpacking one costs a fraction of parsing it again.
 *
 * Each sheet is serialized (V8's format, what posting the object from the parse worker cost
 * anyway) and deflated at the fastest level on its own. Unpacked, a sheet is inflated and
 * becomes cell objects only when it is first read: the reader never looks at the form's 校验,
 * 校验数据 and 下拉选项 sheets (two thirds of its cells, 111 of a report's 132 KB serialized), so
 * a check and a commit neither inflate nor build them for every file — deflating the whole
 * at once made every unpack inflate all of it and copy each sheet out, ~260 KB of ArrayBuffers
 * per file that the main thread then had to collect. Only bytes this program packed are ever
 * unpacked (a file's own bytes never are).
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RawCell, WorkbookSnapshot } from '../../domain/import/workbook';

type Cells = Record<string, RawCell>;

/** head: the rest of the snapshot (defined names, hidden sheets and lines), deflated like a sheet: it is always read. */
interface PackedForm {
  head: Uint8Array;
  sheets: [string, Uint8Array][];
}

const squeeze = (value: unknown): Buffer => deflateRawSync(serialize(value), { level: 1 });
const unsqueeze = (bytes: Uint8Array): unknown => deserialize(inflateRawSync(bytes));

export function packSnapshot(s: WorkbookSnapshot): Uint8Array<ArrayBuffer> {
  const { sheets, ...head } = s;
  const form: PackedForm = { head: squeeze(head), sheets: Object.entries(sheets).map(([name, cells]) => [name, squeeze(cells)]) };
  // A fresh buffer of its own: the worker transfers it, and a Buffer may share Node's pool.
  return new Uint8Array(serialize(form));
}

export function unpackSnapshot(packed: Uint8Array): WorkbookSnapshot {
  const { head: headBytes, sheets: parts } = deserialize(packed) as PackedForm;
  const head = unsqueeze(headBytes) as Omit<WorkbookSnapshot, 'sheets'>;
  const sheets: Record<string, Cells> = {};
  for (const [name, bytes] of parts) {
    Object.defineProperty(sheets, name, {
      enumerable: true,
      configurable: true,
      get(): Cells {
        const cells = unsqueeze(bytes);
        Object.defineProperty(sheets, name, { value: cells, enumerable: true, configurable: true, writable: true });
        return cells as Cells;
      },
    });
  }
  const { sheetNames, ...rest } = head;
  return { sheetNames, sheets, ...rest };
}
