/**
 * Imports 金融兴产强县 targets from a sheet analysts keep (.xlsx, .xls, .csv):
 * one row per county with 年度目标 and optionally 三年目标, 年度, 指标/口径.
 * The whole sheet is checked first; one bad cell rejects it, named by sheet and cell.
 */
import { basename } from 'node:path';
import type { DB } from '../db/database';
import type { CountyTarget, SetCountyTargetArgs } from '../../api/assessment-types';
import { fail, type Location } from '../../domain/result';
import { cellName, parseSheetNumber, readAnalystWorkbook, sheetGrid } from '../sheets/analystSheet';
import { measureByName } from './measures';
import { resolveCounty, setCountyTarget } from './targets';

type Column = 'county' | 'annual' | 'three' | 'year' | 'indicator' | 'from' | 'to' | 'window';

const HEADERS: [Column, RegExp][] = [
  ['three', /三年(行动)?目标/u],
  ['annual', /年度目标|全年目标|本年目标/u],
  ['window', /三年行动期|行动期/u],
  ['from', /起始年/u],
  ['to', /结束年/u],
  ['indicator', /指标|口径/u],
  ['year', /^(年度|年份)$/u],
  ['county', /县|区县|地区/u],
];

/** 万元 unless the header says otherwise: 亿元 ×10,000, 元 ÷10,000. */
function unitFactor(header: string): number {
  if (/亿元/u.test(header)) return 10000;
  if (/(^|[^万亿])元/u.test(header)) return 0.0001;
  return 1;
}

export function importCountyTargets(db: DB, path: string, opts: { year?: number; actor?: string } = {}): { file: string; sheet: string; targets: CountyTarget[] } {
  const file = basename(path);
  const wb = readAnalystWorkbook(path, '目标表');
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName];
    if (!ws) continue;
    const grid = sheetGrid(ws);
    const isText = (c: unknown, re: RegExp): boolean => typeof c === 'string' && re.test(c);
    const headerAt = grid.findIndex((row, i) => i < 15 && row.some((c) => isText(c, /县|区县/u)) && row.some((c) => isText(c, /年度目标|全年目标|本年目标|三年(行动)?目标/u)));
    if (headerAt < 0) continue;
    const header = (grid[headerAt] ?? []).map((c) => (c === null ? '' : String(c).trim()));
    const cols = new Map<Column, number>();
    header.forEach((h, i) => {
      const hit = HEADERS.find(([col, re]) => !cols.has(col) && re.test(h));
      if (hit) cols.set(hit[0], i);
    });
    const countyCol = cols.get('county');
    if (countyCol === undefined || (cols.get('annual') === undefined && cols.get('three') === undefined)) continue;
    const where = (r: number, c: number): Location => ({ file, sheet: sheetName, cell: cellName(r, c) });
    const pending: { args: SetCountyTargetArgs; where: Location }[] = [];
    const problems: { message: string; where: Location }[] = [];
    for (let r = headerAt + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const name = row[countyCol];
      if (name === null || name === undefined || String(name).trim() === '') continue;
      if (/合计|总计|全市|小计/u.test(String(name))) continue;
      const cellAt = (col: Column): [unknown, number] | null => {
        const c = cols.get(col);
        return c === undefined ? null : [row[c], c];
      };
      const num = (col: Column): number | null => {
        const got = cellAt(col);
        if (!got) return null;
        const v = parseSheetNumber(got[0]);
        if (v === 'bad') {
          problems.push({ message: `「${String(got[0])}」不是数字`, where: where(r, got[1]) });
          return null;
        }
        return v === null ? null : v * unitFactor(header[got[1]] ?? '');
      };
      try {
        resolveCounty(db, String(name), where(r, countyCol));
      } catch (e) {
        problems.push({ message: (e as Error).message, where: where(r, countyCol) });
        continue;
      }
      const year = num('year') ?? opts.year ?? null;
      if (year === null) {
        problems.push({ message: '没有「年度」列，请在命令中用 --year 指定年度', where: where(r, countyCol) });
        continue;
      }
      const args: SetCountyTargetArgs = { county: String(name), year, annualTarget: num('annual'), threeYearTarget: num('three'), source: `导入：${file}`, ...(opts.actor ? { actor: opts.actor } : {}) };
      const ind = cellAt('indicator');
      if (ind && ind[0] !== null && String(ind[0]).trim() !== '') {
        const m = measureByName(String(ind[0]));
        if (!m) problems.push({ message: `口径「${String(ind[0])}」不可用（可写 余额、累放、新增）`, where: where(r, ind[1]) });
        else args.indicator = m.id;
      }
      const win = cellAt('window');
      const span = win && win[0] !== null ? /(\d{4})\D+(\d{4})/u.exec(String(win[0])) : null;
      args.threeYearFrom = span ? Number(span[1]) : num('from');
      args.threeYearTo = span ? Number(span[2]) : num('to');
      pending.push({ args, where: where(r, countyCol) });
    }
    if (problems.length) {
      const first = problems[0] as { message: string; where: Location };
      fail('E_TARGETS_SHEET', { count: problems.length, problems: problems.map((p) => `${p.where.cell} ${p.message}`).join('；') }, first.where);
    }
    if (pending.length === 0) fail('E_TARGETS_EMPTY', {}, { file, sheet: sheetName });
    const targets = db.transaction(() => pending.map((p) => setCountyTarget(db, p.args, p.where)))();
    return { file, sheet: sheetName, targets };
  }
  fail('E_TARGETS_HEADER', {}, { file });
}
