/**
 * Editing a real .xlsx package at the XML level, the way a hostile or careless
 * sender could: change a cell, add defined names or sheets, then zip it again.
 * Works on the packages the template writes (inline strings, one XML per sheet).
 */
import { packEntry, readZip, writeZip } from '../../../src/services/template/zip';

export type Package = Map<string, string | Buffer>;

export function unzip(bytes: Buffer): Package {
  return new Map(readZip(bytes).map((e) => [e.name, e.name.endsWith('.xml') || e.name.endsWith('.rels') ? e.data.toString('utf8') : e.data]));
}

export function rezip(pkg: Package): Buffer {
  return writeZip(
    [...pkg].map(([name, data]) => packEntry(name, data)),
    new Date(Date.UTC(2025, 9, 8, 1, 30)),
  );
}

function text(pkg: Package, name: string): string {
  const v = pkg.get(name);
  if (typeof v !== 'string') throw new Error(`package has no XML part ${name}`);
  return v;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The part holding the sheet called `sheet` (through workbook.xml and its relationships). */
export function sheetPart(pkg: Package, sheet: string): string {
  const wb = text(pkg, 'xl/workbook.xml');
  const m = new RegExp(`<sheet [^>]*name="${escapeXml(sheet)}"[^>]*r:id="([^"]+)"`).exec(wb);
  if (!m) throw new Error(`no sheet ${sheet}`);
  const rels = text(pkg, 'xl/_rels/workbook.xml.rels');
  const r = new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
  if (!r?.[1]) throw new Error(`no relationship ${m[1]}`);
  return r[1].startsWith('/') ? r[1].slice(1) : `xl/${r[1]}`;
}

export function addDefinedNames(pkg: Package, names: { name: string; ref: string }[]): void {
  const wb = text(pkg, 'xl/workbook.xml');
  const xml = names.map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.ref)}</definedName>`).join('');
  pkg.set('xl/workbook.xml', wb.includes('<definedNames>') ? wb.replace('<definedNames>', `<definedNames>${xml}`) : wb.replace('</sheets>', `</sheets><definedNames>${xml}</definedNames>`));
}

/** Adds a sheet with the given <sheetData> content. */
export function addSheet(pkg: Package, name: string, sheetData: string, dimension = 'A1'): void {
  let n = 1;
  while (pkg.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const part = `xl/worksheets/sheet${n}.xml`;
  pkg.set(
    part,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>${sheetData}</sheetData></worksheet>`,
  );
  const rid = `rIdHardening${n}`;
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    text(pkg, 'xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    ),
  );
  const wb = text(pkg, 'xl/workbook.xml');
  const ids = [...wb.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  pkg.set('xl/workbook.xml', wb.replace('</sheets>', `<sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}" r:id="${rid}"/></sheets>`));
  pkg.set(
    '[Content_Types].xml',
    text(pkg, '[Content_Types].xml').replace(
      '</Types>',
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
  );
}

/**
 * Inserts an empty row above `row` of one sheet at the XML level (cells, rows,
 * merged areas and the dimension move down), leaving the defined names as they
 * were: stale by one row, as openpyxl's insert_rows leaves them, but in a
 * fraction of the time, so that every row of every sheet can be tried.
 */
export function insertRowXml(pkg: Package, sheet: string, row: number): void {
  const part = sheetPart(pkg, sheet);
  const shift = (r: string): number => (Number(r) >= row ? Number(r) + 1 : Number(r));
  const xml = text(pkg, part)
    .replace(/<row r="(\d+)"/g, (_m, r: string) => `<row r="${shift(r)}"`)
    .replace(/(<c r="[A-Z]+)(\d+)"/g, (_m, c: string, r: string) => `${c}${shift(r)}"`)
    .replace(/(<mergeCell ref="[A-Z]+)(\d+)(:[A-Z]+)(\d+)"/g, (_m, a: string, r1: string, b: string, r2: string) => `${a}${shift(r1)}${b}${shift(r2)}"`)
    .replace(/(<dimension ref="[A-Z]+\d+:[A-Z]+)(\d+)"/, (_m, a: string, r: string) => `${a}${Number(r) + 1}"`);
  pkg.set(part, xml);
}

/** Removes every defined name, as some programs do when they save a copy. */
export function dropDefinedNames(pkg: Package): void {
  pkg.set('xl/workbook.xml', text(pkg, 'xl/workbook.xml').replace(/<definedNames>.*?<\/definedNames>|<definedNames\/>/s, ''));
}
