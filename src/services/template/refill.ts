/**
 * Fast refilling of a drawn form. ExcelJS writes the styled, validated,
 * named form once (every input empty); its package is then split around the
 * input cells so that each filled report only joins strings and compresses
 * the changed sheets. Cells keep their style index, so the look, the defined
 * names and the validations are exactly those of the drawn form.
 */
import type { DrawnTemplate } from './workbook';
import type { FormValue } from '../../domain/catalogue/layout';
import { dayNumber } from '../../domain/quarter';
import { fillForm } from './fill';
import { packEntry, readZip, writeZip, type PackedEntry } from './zip';

interface Slot {
  name: string;
  ref: string;
  style: string;
}

type Part =
  | { kind: 'fixed'; entry: PackedEntry }
  | { kind: 'sheet'; path: string; segments: string[]; slots: Slot[] }
  | { kind: 'core'; path: string; segments: string[] };

export interface RefillTemplate {
  parts: Part[];
  inputs: number;
}

export interface RefillMeta {
  /** Written as the workbook's created and modified time, and as the ZIP entries' time. */
  when: Date;
  subject: string;
}

const STAMP_MARK = '2000-01-01T00:00:00Z';
const SUBJECT_MARK = 'RFM-SUBJECT-MARK';

function escapeXml(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const EXCEL_EPOCH = dayNumber({ y: 1899, m: 12, d: 30 });

function cellXml(slot: Slot, v: FormValue): string {
  const head = `<c r="${slot.ref}" s="${slot.style}"`;
  if (v === null || v === undefined) return `${head}/>`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`${slot.name}: not a finite number`);
    return `${head}><v>${String(v)}</v></c>`;
  }
  if (typeof v === 'string') return `${head} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
  return `${head}><v>${dayNumber(v) - EXCEL_EPOCH}</v></c>`;
}

export async function prepareRefill(drawn: DrawnTemplate): Promise<RefillTemplate> {
  const wb = drawn.wb;
  fillForm(drawn, new Map());
  wb.created = new Date(STAMP_MARK);
  wb.modified = new Date(STAMP_MARK);
  wb.subject = SUBJECT_MARK;
  // Folder entries carry nothing a spreadsheet program needs.
  const entries = readZip(Buffer.from(await wb.xlsx.writeBuffer())).filter((e) => !e.name.endsWith('/'));

  const sheetPaths = new Map<string, string>();
  for (const ws of wb.worksheets) sheetPaths.set(`xl/worksheets/sheet${ws.id}.xml`, ws.name);
  const inputsBySheet = new Map<string, { name: string; ref: string }[]>();
  for (const input of drawn.layout.inputs) {
    const list = inputsBySheet.get(input.sheet) ?? [];
    list.push({ name: input.definedName, ref: input.cell });
    inputsBySheet.set(input.sheet, list);
  }

  let found = 0;
  const parts: Part[] = entries.map((e): Part => {
    const sheetName = sheetPaths.get(e.name);
    const inputs = sheetName ? inputsBySheet.get(sheetName) : undefined;
    if (sheetName && inputs) {
      const xml = e.data.toString('utf8');
      const located = inputs.map((i) => {
        const m = new RegExp(`<c r="${i.ref}" s="(\\d+)"\\s*/>`).exec(xml);
        if (!m) throw new Error(`refill: input ${i.name} (${sheetName}!${i.ref}) is not an empty styled cell in the drawn form`);
        return { slot: { name: i.name, ref: i.ref, style: m[1] ?? '0' }, at: m.index, len: m[0].length };
      });
      located.sort((a, b) => a.at - b.at);
      const segments: string[] = [];
      let from = 0;
      for (const l of located) {
        segments.push(xml.slice(from, l.at));
        from = l.at + l.len;
      }
      segments.push(xml.slice(from));
      found += located.length;
      return { kind: 'sheet', path: e.name, segments, slots: located.map((l) => l.slot) };
    }
    if (e.name === 'docProps/core.xml') {
      const xml = e.data.toString('utf8');
      return { kind: 'core', path: e.name, segments: xml.split(new RegExp(`(${STAMP_MARK}|${SUBJECT_MARK})`)) };
    }
    return { kind: 'fixed', entry: packEntry(e.name, e.data) };
  });
  if (found !== drawn.layout.inputs.length) throw new Error(`refill: found ${found} of ${drawn.layout.inputs.length} input cells`);
  return { parts, inputs: found };
}

/** The .xlsx bytes of the form with these values; inputs not in the map are left blank. */
export function refill(t: RefillTemplate, values: ReadonlyMap<string, FormValue>, meta: RefillMeta): Buffer {
  const stamp = `${meta.when.toISOString().slice(0, 19)}Z`;
  const entries = t.parts.map((p) => {
    if (p.kind === 'fixed') return p.entry;
    if (p.kind === 'core') {
      const xml = p.segments.map((s) => (s === STAMP_MARK ? stamp : s === SUBJECT_MARK ? escapeXml(meta.subject) : s)).join('');
      return packEntry(p.path, xml);
    }
    let xml = p.segments[0] ?? '';
    p.slots.forEach((slot, i) => {
      xml += cellXml(slot, values.get(slot.name) ?? null) + (p.segments[i + 1] ?? '');
    });
    return packEntry(p.path, xml);
  });
  return writeZip(entries, meta.when);
}
