/** History sheets written by the tests with SheetJS, the way analysts keep them in Excel. */
import * as XLSX from 'xlsx';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { HistoryImportArgs, HistoryImportResult } from '../../src/api/history-types';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { tempDir } from '../hardening/helpers/temp';
import { must } from '../helpers/result';

XLSX.set_fs(fs);

export interface SheetSpec {
  name: string;
  rows: (string | number | null | XLSX.CellObject)[][];
  /** Merged areas as Excel writes them: "B1:E1". */
  merges?: string[];
}

/** Writes an .xlsx workbook with the given sheets and returns its path. */
export function writeHistoryBook(dir: string, file: string, sheets: SheetSpec[]): string {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows.map((r) => r.map((c) => (c === null ? null : typeof c === 'object' ? c : c))));
    // aoa_to_sheet writes cell objects given as values as strings: set them by address.
    s.rows.forEach((r, ri) =>
      r.forEach((c, ci) => {
        if (c !== null && typeof c === 'object') ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = c;
      }),
    );
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  const path = join(dir, file);
  XLSX.writeFile(wb, path);
  return path;
}

export const LONG_HEADER = ['机构', '报告期', '字段', '成员', '数值'];

/** One test file's database and handlers (clock fixed in January 2026, after 2025Q4), made before and removed after its tests. */
export interface HistoryEnv {
  ctx: ServiceContext;
  h: HandlerTable;
  dbPath: string;
  dir: string;
  /** historyData.import through the handlers; a failed call throws its Chinese message. */
  run: (path: string, extra?: Partial<HistoryImportArgs>) => Promise<HistoryImportResult>;
}

export function historyEnv(prefix: string): HistoryEnv {
  const tmp = tempDir(prefix);
  const env = {
    dbPath: join(tmp.dir, 'rfm.sqlite'),
    dir: tmp.dir,
    run: async (path: string, extra: Partial<HistoryImportArgs> = {}) => must(await env.h['historyData.import']({ path, ...extra }, {})),
  } as HistoryEnv;
  let clock: Clock | null = null;
  beforeAll(() => {
    clock = setClock(fixedClock('2026-01-06T10:00:00+08:00'));
    env.ctx = openContext(env.dbPath);
    env.h = createHandlers(env.ctx);
  });
  afterAll(() => {
    closeContext(env.ctx);
    if (clock) setClock(clock);
    tmp.cleanup();
  });
  return env;
}
