/**
 * Imports a coverage list an analyst keeps (.xlsx, .xls, .csv): one row per village (or entity)
 * covered — 镇街, 名称, optionally 代码, 机构 (the bank) and 日期. The whole sheet is checked first;
 * one bad cell rejects it, named by sheet and cell. A village listed by several banks is stored per
 * bank and counted once.
 */
import { basename } from 'node:path';
import type { DB } from '../db/database';
import type { CoverageKind } from '../../api/coverage-types';
import { failure, type Location } from '../../domain/result';
import { cellName, readAnalystWorkbook, sheetDate, sheetGrid } from '../sheets/analystSheet';
import { checkCoverage, COVERAGE_KINDS, storeCoverage } from './coverage';

type Column = 'unit' | 'name' | 'code' | 'institution' | 'date';

const HEADERS: [Column, RegExp][] = [
  ['code', /代码|编码/u],
  ['institution', /机构|银行/u],
  ['date', /日期|时间/u],
  ['unit', /镇街|镇（街道）|街道|乡镇|县区|县（市、区）|所在/u],
  ['name', /行政村|村名|村$|主体|名称/u],
];

export function importCoverage(db: DB, path: string, opts: { region: string; kind: CoverageKind; asOf?: string; source?: string }): { file: string; sheet: string; added: number; kept: number } {
  const file = basename(path);
  const wb = readAnalystWorkbook(path, '覆盖名单');
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName];
    if (!ws) continue;
    const grid = sheetGrid(ws);
    const text = (c: unknown): string => (c === null || c === undefined ? '' : String(c).trim());
    const headerAt = grid.findIndex((row, i) => i < 15 && row.some((c) => /名称|行政村|村名|主体/u.test(text(c))));
    if (headerAt < 0) continue;
    const header = (grid[headerAt] ?? []).map(text);
    const cols = new Map<Column, number>();
    header.forEach((h, i) => {
      const hit = HEADERS.find(([col, re]) => !cols.has(col) && re.test(h));
      if (hit) cols.set(hit[0], i);
    });
    const nameCol = cols.get('name');
    if (nameCol === undefined) continue;
    const where = (r: number, c: number): Location => ({ file, sheet: sheetName, cell: cellName(r, c) });
    const checked: ReturnType<typeof checkCoverage>[] = [];
    const problems: { message: string; where: Location }[] = [];
    for (let r = headerAt + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const name = text(row[nameCol]);
      if (!name || /^(合计|小计|总计)$/u.test(name)) continue;
      const at = (col: Column): string => {
        const c = cols.get(col);
        return c === undefined ? '' : text(row[c]);
      };
      const dateCol = cols.get('date');
      const date = (dateCol === undefined ? null : sheetDate(row[dateCol])) || opts.asOf || '';
      try {
        if (!date) throw failure('E_COVERAGE_DATE', {}, where(r, nameCol));
        const unitCol = cols.get('unit');
        checked.push(
          checkCoverage(
            db,
            { region: opts.region, kind: opts.kind, unit: at('unit'), name, code: at('code'), institution: at('institution'), asOf: date, source: opts.source?.trim() || `导入：${file}` },
            where(r, unitCol ?? nameCol),
          ),
        );
      } catch (e) {
        const w = (e as { appError?: { where?: Location } }).appError?.where ?? where(r, nameCol);
        problems.push({ message: (e as Error).message, where: w });
      }
    }
    if (problems.length) {
      const first = problems[0] as { message: string; where: Location };
      throw failure('E_COVERAGE_SHEET', { count: problems.length, problems: `${problems.slice(0, 10).map((p) => `${p.where.cell} ${p.message}`).join('；')}${problems.length > 10 ? '……' : ''}` }, first.where);
    }
    if (checked.length === 0) throw failure('E_COVERAGE_EMPTY', { item: COVERAGE_KINDS[opts.kind].item }, { file, sheet: sheetName });
    const { added, kept } = storeCoverage(db, checked, `导入：${file}`);
    return { file, sheet: sheetName, added: added.length, kept };
  }
  throw failure('E_COVERAGE_HEADER', {}, { file });
}
