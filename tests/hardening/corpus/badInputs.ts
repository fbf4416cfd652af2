/**
 * The bad-input corpus: every kind of file a careless or hostile sender could
 * deliver, generated from a valid report (the importer's own test fixtures) or
 * from scratch. Nothing here is checked in as a binary.
 */
import { mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../../../src/services/db/database';
import { layoutFor } from '../../../src/services/catalogue/fields';
import { packEntry, writeZip, type PackedEntry } from '../../../src/services/template/zip';
import { writeReport, type ReportSpec } from '../../import/fixtures';
import { addDefinedNames, addSheet, rezip, unzip, type Package } from './workbookEdit';
import { bombEntry } from './bomb';
import { pdfDocument, pngPicture, wordDocument } from './foreignFiles';
export { INJECTIONS } from './injections';

export interface BadCase {
  /** The file name the importer sees (and must name in its error). */
  file: string;
  path: string;
  /** Error codes any one of which is the right answer. */
  codes: string[];
  /** The cell the error must point at, when there is one. */
  cell?: { sheet: string; cell: string };
  /** Heavy cases run in a child process whose memory and time are measured. */
  heavy?: boolean;
}

/** What the bomb inflates to: far beyond any report, and beyond the worker's memory if it were parsed. */
export const BOMB_BYTES = 256 * 1024 * 1024;

export const GOOD: ReportSpec = { institution: 'AK-ABC', quarter: '2025Q3' };

export function goodReport(db: DB, dir: string, spec: ReportSpec = GOOD, name = `${spec.institution}-${spec.quarter}.xlsx`): string {
  return writeReport(db, spec, join(dir, name));
}

function repack(pkg: Package, replace: PackedEntry[] = []): Buffer {
  const byName = new Map(replace.map((e) => [e.name, e]));
  return writeZip(
    [...pkg].map(([name, data]) => byName.get(name) ?? packEntry(name, data)),
    new Date(Date.UTC(2025, 9, 8, 1, 30)),
  );
}

/** The cover sheet's name and the cell of a field there, from the layout the importer reads. */
export function inputCell(db: DB, region: string, key: string): { sheet: string; cell: string; definedName: string } {
  const input = layoutFor(db, region).inputs.find((i) => i.key === key && i.member === null);
  if (!input) throw new Error(`no input ${key}`);
  return { sheet: input.sheet, cell: input.cell, definedName: input.definedName };
}

export async function buildCorpus(db: DB, dir: string): Promise<BadCase[]> {
  mkdirSync(dir, { recursive: true });
  const goodPath = goodReport(db, join(dir, 'source'));
  const good = readFileSync(goodPath);
  const cases: BadCase[] = [];
  const add = (file: string, bytes: Buffer | string, codes: string[], extra: Partial<BadCase> = {}): void => {
    const path = join(dir, file);
    writeFileSync(path, bytes);
    cases.push({ file, path, codes, ...extra });
  };

  add('空文件.xlsx', Buffer.alloc(0), ['E_FILE_EMPTY']);
  add('截断.xlsx', good.subarray(0, Math.floor(good.length * 0.6)), ['E_FILE_FORMAT', 'E_PARSE', 'E_ZIP_CORRUPT']);
  {
    // Central directory intact, compressed data of every part scrambled.
    const bytes = Buffer.from(good);
    for (let i = 200; i < bytes.length * 0.8; i += 13) bytes[i] = (bytes[i] ?? 0) ^ 0xa5;
    add('损坏.xlsx', bytes, ['E_FILE_FORMAT', 'E_PARSE', 'E_ZIP_CORRUPT']);
  }
  add('其实是Word.xlsx', await wordDocument(), ['E_FILE_FORMAT']);
  add('其实是PDF.xlsx', pdfDocument(), ['E_FILE_FORMAT']);
  add('其实是图片.xlsx', pngPicture(), ['E_FILE_FORMAT']);

  {
    // 256 MB of rows from under 1 MB, sizes declared honestly in the ZIP headers.
    const pkg = unzip(good);
    addSheet(pkg, '明细', '');
    const part = [...pkg.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).sort().pop() ?? '';
    const bomb = await bombEntry(part, BOMB_BYTES, 'honest');
    add('压缩炸弹.xlsx', repack(pkg, [bomb]), ['E_ZIP_BOMB'], { heavy: true });
    // The same bomb whose headers lie (claim 4 KB): only the inflater can notice.
    add('压缩炸弹-伪造大小.xlsx', repack(pkg, [{ ...bomb, size: 4096 }]), ['E_ZIP_BOMB'], { heavy: true });
  }
  {
    const pkg = unzip(good);
    // Rows without numbers are rows one after another (as some writers emit them).
    addSheet(pkg, '百万行', '<row><c><v>1</v></c></row>'.repeat(1_000_000), 'A1:A1000000');
    add('一百万行.xlsx', rezip(pkg), ['E_SHEET_TOO_LARGE'], { heavy: true, cell: { sheet: '百万行', cell: 'A10001' } });
  }
  {
    const pkg = unzip(good);
    const cells: string[] = [];
    for (let c = 0; c < 10_000; c++) cells.push(`<c r="${columnName(c)}1"><v>${c}</v></c>`);
    addSheet(pkg, '一万列', `<row r="1">${cells.join('')}</row>`, `A1:${columnName(9999)}1`);
    add('一万列.xlsx', rezip(pkg), ['E_SHEET_TOO_LARGE'], { heavy: true, cell: { sheet: '一万列', cell: columnName(1000) + '1' } });
  }
  {
    // 50 MB: a valid report with a big picture stored in it.
    const path = join(dir, '五十兆.xlsx');
    writeFileSync(path, good);
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    cases.push({ file: '五十兆.xlsx', path, codes: ['E_FILE_TOO_LARGE'] });
  }
  return cases;
}

export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export { addDefinedNames, unzip, rezip };

/**
 * Files that are real workbooks but the wrong report: each must be refused at
 * the cover cell that is wrong. Plus hostile keys and injection strings.
 */
export function buildContentCases(db: DB, dir: string): BadCase[] {
  const layout = layoutFor(db, 'ankang');
  const at = (key: string): { sheet: string; cell: string } => {
    const i = inputCell(db, 'ankang', key);
    return { sheet: i.sheet, cell: i.cell };
  };
  const out: BadCase[] = [];
  const report = (file: string, spec: Partial<ReportSpec>, codes: string[], cell?: { sheet: string; cell: string }, kind: 'xlsx' | 'csv-gbk' = 'xlsx'): void => {
    const path = writeReport(db, { ...GOOD, ...spec }, join(dir, file), kind);
    out.push({ file, path, codes, ...(cell ? { cell } : {}) });
  };
  report('旧模板版本.xlsx', { templateVersion: 'RV-2019.1' }, ['E_TEMPLATE_VERSION'], layout.versionCell);
  report('安康机构用璧山模板.xlsx', { region: 'bishan' }, ['E_INSTITUTION_REGION'], layoutFor(db, 'bishan').inputs.find((i) => i.key === 'cover_institution'));
  report('第五季度.xlsx', { quarter: '2025Q5' }, ['E_QUARTER_INVALID'], at('cover_quarter'));
  report('未来季度.xlsx', { quarter: '2035Q4' }, ['E_QUARTER_FUTURE'], at('cover_quarter'));
  report('名录外机构.xlsx', { institutionText: '不存在的乡村振兴村镇银行', cells: { cover_institution_code: '' } }, ['E_INSTITUTION_UNKNOWN'], at('cover_institution'));
  report('名录外机构-GBK.csv', { institution: 'BS-PSBC', institutionText: '璧山区不存在的银行', cells: { cover_institution_code: '' } }, ['E_INSTITUTION_UNKNOWN'], undefined, 'csv-gbk');
  return out;
}

/**
 * A real input's defined name redirected to a sheet called "constructor" that does not
 * exist: the name is not followed (a plain key lookup, nothing polluted) and the form's
 * own labelled cell is read.
 */
export function redirectedToConstructor(db: DB, dir: string): string {
  const pkg = unzip(readFileSync(goodReport(db, join(dir, 'source'), GOOD, 'redirect-source.xlsx')));
  const target = inputCell(db, 'ankang', 'loans_total_bal');
  const wb = pkg.get('xl/workbook.xml');
  if (typeof wb !== 'string') throw new Error('no workbook.xml');
  const re = new RegExp(`(<definedName name="${target.definedName}"[^>]*>)[^<]*(</definedName>)`);
  if (!re.test(wb)) throw new Error(`no defined name ${target.definedName}`);
  pkg.set(
    'xl/workbook.xml',
    wb.replace(re, (_m, open: string, close: string) => `${open}constructor!$B$2${close}`),
  );
  const path = join(dir, '定义名称指向constructor.xlsx');
  writeFileSync(path, rezip(pkg));
  return path;
}

/** A valid report that also carries __proto__ / constructor / prototype as sheet names, defined names and cell text. */
export function prototypeKeysReport(db: DB, dir: string): string {
  const src = goodReport(db, join(dir, 'source'), { ...GOOD, cells: { text_cases: '__proto__', cover_reviewer: 'constructor' } }, 'proto-source.xlsx');
  const pkg = unzip(readFileSync(src));
  addSheet(pkg, '__proto__', '<row r="1"><c r="A1" t="inlineStr"><is><t>polluted</t></is></c><c r="B1"><v>1</v></c></row>', 'A1:B1');
  addSheet(pkg, 'constructor', '<row r="1"><c r="A1" t="inlineStr"><is><t>prototype</t></is></c></row>');
  addDefinedNames(pkg, [
    { name: '__proto__', ref: "'__proto__'!$A$1" },
    { name: 'constructor', ref: 'constructor!$A$1' },
    { name: 'prototype', ref: "'__proto__'!$B$1" },
    { name: 'hasOwnProperty', ref: "'__proto__'!$B$1" },
  ]);
  const path = join(dir, '原型键.xlsx');
  writeFileSync(path, rezip(pkg));
  return path;
}
