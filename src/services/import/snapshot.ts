/**
 * SheetJS read → WorkbookSnapshot. Runs inside the parse worker (and in-process
 * only when workers cannot start); kept free of the database so it can.
 */
import * as XLSX from 'xlsx';
import type { DefinedNameRef, RawCell, WorkbookSnapshot } from '../../domain/import/workbook';
import { CSV_SHEET, csvRowBeyond } from '../../domain/import/csvLayout';
import { AppFailure, failure } from '../../domain/result';
import type { SheetFormat, TextEncoding } from './detect';
import { MAX_SHEET_ROWS, checkSheetExtent, cleanArchive, verifiedEntries } from './zipGuard';

let codepages: Promise<void> | null = null;

/**
 * Code pages: .xls/.et files written by Chinese Excel/WPS carry GBK (cp936) strings.
 * Only BIFF needs them (.xlsx/.ods are UTF-8 XML, a CSV is decoded before SheetJS sees
 * it), and building their tables costs ~0.1 s of CPU per thread, so only an .xls pays.
 */
export function loadCodepages(): Promise<void> {
  codepages ??= import('xlsx/dist/cpexcel.full').then((cptable) => XLSX.set_cptable(cptable));
  return codepages;
}

export interface ParseJob {
  bytes: Uint8Array;
  format: SheetFormat;
  encoding: TextEncoding | null;
  /** The file's name, for messages. */
  file?: string;
}

const CELL_TYPES = new Set<RawCell['t']>(['s', 'n', 'b', 'e', 'd', 'z']);

/**
 * Reads a workbook the way the importer needs it: formulas, number formats, no dates-as-Date.
 * A .xlsx/.ods package is inflated once by the guard (zipGuard.ts: structure, sizes, CRC,
 * hard cap) and SheetJS parses only the verified entries, rebuilt as a clean archive: it
 * never sees the sender's ZIP headers. SheetJS's console output (「ODS number format may be
 * incorrect」…) is kept out of the user's terminal, and its English errors become Chinese.
 */
export function readWorkbook(job: ParseJob): XLSX.WorkBook {
  // One row past the cap is read, so that checkSheetExtent can tell "too many rows" from "exactly enough".
  const sheetRows = MAX_SHEET_ROWS + 1;
  const file = job.file ?? '';
  if (job.format === 'csv') {
    const text = new TextDecoder(job.encoding ?? 'utf-8').decode(job.bytes).replace(/^\uFEFF/, '');
    refuseRowsBeyondCap(text, sheetRows - 1, file);
    // raw: keep every CSV field as typed text; parseValue.ts reads it like a clerk's cell.
    return quietly(file, () => XLSX.read(text, { type: 'string', raw: true, cellDates: false, sheetRows }));
  }
  const entries = job.format === 'xlsx' || job.format === 'ods' ? verifiedEntries(job.bytes, file) : null;
  const bytes = entries ? cleanArchive(entries) : job.bytes;
  // cellText off: formatted text is not needed (number formats come from cellNF) and costs ~20% of the parse.
  // sheetStubs (.xlsx only): a formula saved without its result is otherwise dropped, and the cell looks blank.
  const wb = quietly(file, () => XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: false, cellDates: false, cellStyles: false, sheetStubs: job.format === 'xlsx', sheetRows }));
  if (entries && job.format === 'xlsx') markHiddenLines(wb, entries);
  return wb;
}

const xmlText = (b: Uint8Array | undefined): string => (b ? new TextDecoder().decode(b) : '');
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * Rows and columns an .xlsx hides (<row hidden="1">, <col hidden="1">), marked on the
 * sheets as SheetJS marks them for .xls and .ods. SheetJS reads them from .xlsx only with
 * cellStyles, which triples the parse (10 → 30 ms per form); the sheet parts are at hand.
 */
function markHiddenLines(wb: XLSX.WorkBook, entries: Map<string, Uint8Array>): void {
  const rels = new Map<string, string>();
  for (const tag of xmlText(entries.get('xl/_rels/workbook.xml.rels')).match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const tag of xmlText(entries.get('xl/workbook.xml')).match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const part = rels.get(attr(tag, 'r:id') ?? '');
    const ws = name !== undefined && Object.hasOwn(wb.Sheets, unescapeXml(name)) ? wb.Sheets[unescapeXml(name)] : undefined;
    if (!ws || !part) continue;
    const bytes = entries.get(part);
    // Most sheets hide nothing: look for the attribute in the bytes before decoding the part.
    if (!bytes || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('hidden=') < 0) continue;
    const xml = xmlText(bytes);
    for (const [row] of xml.matchAll(/<row\b[^>]*\shidden="(?:1|true)"[^>]*>/g)) {
      const r = Number(attr(row, 'r'));
      if (Number.isInteger(r) && r >= 1 && r <= MAX_SHEET_ROWS + 1) (ws['!rows'] ??= [])[r - 1] = { hidden: true };
    }
    for (const [col] of xml.matchAll(/<col\b[^>]*\shidden="(?:1|true)"[^>]*>/g)) {
      const min = Number(attr(col, 'min'));
      const max = Math.min(Number(attr(col, 'max')), 16_384);
      for (let c = min; Number.isInteger(c) && c >= 1 && c <= max; c++) (ws['!cols'] ??= [])[c - 1] = { hidden: true };
    }
  }
}

/** What SheetJS's own errors mean for the user, in Chinese (its messages are English). */
function parserFailure(e: unknown, file: string): AppFailure {
  if (e instanceof AppFailure) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(msg)) {
    return failure('E_FILE_ENCRYPTED', { file }, { file });
  }
  return failure('E_PARSE', {}, { file });
}

/**
 * Runs a SheetJS call with its console output captured (it warns on stderr about
 * number formats and records it skips); the messages go nowhere a user reads, and
 * RFM_DEBUG=1 shows them to a developer. Its exceptions become AppFailures.
 */
function quietly<T>(file: string, read: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  const heard: string[] = [];
  const hear = (...args: unknown[]): void => void heard.push(args.map(String).join(' '));
  Object.assign(console, { log: hear, warn: hear, error: hear, info: hear });
  try {
    return read();
  } catch (e) {
    throw parserFailure(e, file);
  } finally {
    Object.assign(console, saved);
    if (heard.length > 0 && process.env['RFM_DEBUG']) saved.error(`[SheetJS ${file}] ${heard.join(' | ')}`);
  }
}

/** How a number format shows a number, when not as a plain number (see RawCell.looks). */
function looksOf(z: string): RawCell['looks'] {
  if (z === 'General' || z === '@') return undefined;
  // Quoted literals and [..] sections (colours, locales, conditions) say nothing about the kind.
  const bare = z.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  if (XLSX.SSF.is_date(z)) return /[yde]/i.test(bare) ? 'date' : 'time';
  return bare.includes('%') ? 'percent' : undefined;
}

/** sheetRows drops the rows past the cap without a word: a CSV with content there is refused instead. */
function refuseRowsBeyondCap(text: string, maxRows: number, file: string): void {
  const row = csvRowBeyond(text, maxRows);
  if (row === null) return;
  throw failure('E_CSV_ROWS_AFTER_GAP', { file, row, max: maxRows }, { file, sheet: CSV_SHEET, cell: `A${row}` });
}

export function snapshotOf(wb: XLSX.WorkBook, format: SheetFormat): WorkbookSnapshot {
  // No prototype: a sheet named "__proto__" or "constructor" is an ordinary own key, not the object's prototype.
  const sheets: WorkbookSnapshot['sheets'] = Object.create(null) as WorkbookSnapshot['sheets'];
  const hidden = Object.create(null) as Record<string, 'hidden' | 'veryHidden'>;
  const hiddenLines = Object.create(null) as NonNullable<WorkbookSnapshot['hiddenLines']>;
  const sheetNames: string[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws) return;
    // A CSV has one nameless sheet; it is called CSV in every message.
    const shown = format === 'csv' && i === 0 ? CSV_SHEET : name;
    sheetNames.push(shown);
    const state = wb.Workbook?.Sheets?.[i]?.Hidden;
    if (state === 1 || state === 2) hidden[shown] = state === 2 ? 'veryHidden' : 'hidden';
    const rows = (ws['!rows'] ?? []).flatMap((r, k) => (r?.hidden ? [k + 1] : []));
    const cols = (ws['!cols'] ?? []).flatMap((c, k) => (c?.hidden ? [k + 1] : []));
    if (rows.length || cols.length) hiddenLines[shown] = { rows, cols };
    const cells: Record<string, RawCell> = {};
    for (const addr of Object.keys(ws)) {
      if (addr.startsWith('!')) continue;
      const c = ws[addr] as XLSX.CellObject | undefined;
      if (!c || !CELL_TYPES.has(c.t)) continue;
      // A stub is an empty cell; it is kept only when it holds a formula whose result was
      // never saved (openpyxl writes <f> without <v>), and then without SheetJS's stand-in 0.
      if (c.t === 'z') {
        if (c.f !== undefined) cells[addr] = { t: 'z', f: c.f };
        continue;
      }
      const out: RawCell = { t: c.t };
      if (c.v !== undefined && (typeof c.v === 'string' || typeof c.v === 'number' || typeof c.v === 'boolean')) out.v = c.v;
      if (c.f !== undefined) out.f = c.f;
      if (c.w !== undefined) out.w = c.w;
      if (typeof c.z === 'string') {
        out.z = c.z;
        const looks = typeof c.v === 'number' ? looksOf(c.z) : undefined;
        if (looks) {
          out.looks = looks;
          // What the clerk saw, for messages and text fields (formatted text is off in the read).
          out.w ??= XLSX.SSF.format(c.z, c.v as number);
        }
      }
      cells[addr] = out;
    }
    sheets[shown] = cells;
  });
  const names: DefinedNameRef[] = (wb.Workbook?.Names ?? [])
    .filter((n) => typeof n.Ref === 'string' && typeof n.Name === 'string')
    .map((n) => ({ name: n.Name, ref: n.Ref, sheetScoped: n.Sheet !== undefined && n.Sheet !== null }));
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return { sheetNames, sheets, names, date1904, hidden, hiddenLines };
}

export async function parseSnapshot(job: ParseJob): Promise<WorkbookSnapshot> {
  if (job.format === 'xls') await loadCodepages();
  const wb = readWorkbook(job);
  checkSheetExtent(wb.Sheets, wb.SheetNames, job.file ?? '');
  return snapshotOf(wb, job.format);
}
