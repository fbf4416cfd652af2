/**
 * Sorting and filtering of table rows, shared by every table in the window.
 * Pure: the window keeps only the state (which column, which direction, what text).
 */

export type SortDir = 'asc' | 'desc';

export interface SortState {
  key: string;
  dir: SortDir;
}

export type CellValue = string | number | boolean | null | undefined;

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });

/**
 * Compares two cells: numbers numerically, text in Chinese (pinyin) order with
 * embedded numbers compared as numbers; empty cells always sort last.
 */
export function compareCells(a: CellValue, b: CellValue): number {
  const ea = a === null || a === undefined || a === '';
  const eb = b === null || b === undefined || b === '';
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** A stable sort by one column; empty cells stay last in both directions. */
export function sortRows<R>(rows: readonly R[], sort: SortState | null, get: (row: R, key: string) => CellValue): R[] {
  if (!sort) return rows.slice();
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: get(row, sort.key) }))
    .sort((x, y) => {
      const ex = x.v === null || x.v === undefined || x.v === '';
      const ey = y.v === null || y.v === undefined || y.v === '';
      if (ex || ey) return ex === ey ? x.i - y.i : ex ? 1 : -1;
      return sign * compareCells(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** The next sort state when a header is clicked: asc → desc → none. */
export function nextSort(current: SortState | null, key: string): SortState | null {
  if (!current || current.key !== key) return { key, dir: 'asc' };
  if (current.dir === 'asc') return { key, dir: 'desc' };
  return null;
}

/**
 * Keeps rows where every whitespace-separated term of the query occurs in one
 * of the given cells (case- and width-insensitive: ＡＢＣ matches abc).
 */
export function filterRows<R>(rows: readonly R[], query: string, cells: (row: R) => CellValue[]): R[] {
  const terms = normaliseText(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return rows.slice();
  return rows.filter((row) => {
    const hay = cells(row)
      .map((c) => (c === null || c === undefined ? '' : normaliseText(String(c))))
      .join('\u0001');
    return terms.every((t) => hay.includes(t));
  });
}

export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim();
}

/** The slice of rows to draw for a scrolled window of fixed-height rows. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): { start: number; end: number } {
  if (total === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewport) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end: Math.max(start, end) };
}
