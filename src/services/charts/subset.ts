/**
 * Per-render font subsetting with HarfBuzz (hb-subset, WebAssembly). resvg
 * re-reads its font file for every text run, and the full CJK font is 16 MB:
 * handing it a subset holding exactly the characters of the chart being drawn
 * makes a chart render in milliseconds instead of a second, with the same
 * glyphs. The full font is parsed once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface HbSubsetExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, lengthPtr: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
  hb_subset_preprocess(face: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;

let hb: HbSubsetExports | null = null;
const faces = new Map<string, number>();

function harfbuzz(): HbSubsetExports {
  if (hb) return hb;
  const wasmPath = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {});
  hb = instance.exports as unknown as HbSubsetExports;
  return hb;
}

/** The font, parsed and pre-processed for fast repeated subsetting; kept for the process. */
function faceFor(fontPath: string): number {
  const hit = faces.get(fontPath);
  if (hit !== undefined) return hit;
  const h = harfbuzz();
  const bytes = readFileSync(fontPath);
  const ptr = h.malloc(bytes.length);
  new Uint8Array(h.memory.buffer, ptr, bytes.length).set(bytes);
  const blob = h.hb_blob_create(ptr, bytes.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = h.hb_face_create(blob, 0);
  h.hb_blob_destroy(blob);
  const prepared = h.hb_subset_preprocess(face);
  h.hb_face_destroy(face);
  faces.set(fontPath, prepared);
  return prepared;
}

/** Every character a document may draw: printable ASCII plus each non-ASCII character in it. */
export function charactersOf(text: string): Set<number> {
  const cps = new Set<number>();
  for (let c = 0x20; c <= 0x7e; c++) cps.add(c);
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7e) cps.add(cp);
  }
  return cps;
}

/** An OpenType font holding only these characters' glyphs (plus .notdef), as file bytes. */
export function subsetFont(fontPath: string, codepoints: Iterable<number>): Buffer {
  const h = harfbuzz();
  const face = faceFor(fontPath);
  const input = h.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
  try {
    const set = h.hb_subset_input_unicode_set(input);
    for (const cp of codepoints) h.hb_set_add(set, cp);
    const sub = h.hb_subset_or_fail(face, input);
    if (sub === 0) throw new Error('hb_subset_or_fail failed');
    try {
      const blob = h.hb_face_reference_blob(sub);
      try {
        const length = h.hb_blob_get_length(blob);
        const data = h.hb_blob_get_data(blob, 0);
        return Buffer.from(new Uint8Array(h.memory.buffer, data, length));
      } finally {
        h.hb_blob_destroy(blob);
      }
    } finally {
      h.hb_face_destroy(sub);
    }
  } finally {
    h.hb_subset_input_destroy(input);
  }
}
