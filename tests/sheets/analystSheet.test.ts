/**
 * Sheets analysts keep themselves (目标表, 覆盖名单, 定性评分表) share one reader: a file that is
 * not a readable table is refused in Chinese, naming what it was meant to be and the file, and
 * nothing changes; the ZIP guard's own refusals pass through unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { dumpConnection } from '../hardening/helpers/db-dump';

let dir: string;
let ctx: ServiceContext;
let h: ReturnType<typeof createHandlers>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfm-analyst-sheet-'));
  ctx = openContext(join(dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
});
afterEach(() => {
  closeContext(ctx);
  rmSync(dir, { recursive: true, force: true });
});

/** Starts like an old Excel (OLE) file and is not one: SheetJS throws in English. */
function brokenXls(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)]));
  return path;
}

describe('a sheet the analyst names that is not a readable table', () => {
  const calls = [
    { what: '目标表', call: (path: string) => h['progress.importTargets']({ path }, {}) },
    { what: '覆盖名单', call: (path: string) => h['coverage.import']({ path, region: 'bishan', kind: 'villages' }, {}) },
    { what: '定性评分表', call: (path: string) => h['assessment.importQualitativeGrid']({ path, region: 'ankang', year: 2025, dryRun: true }, {}) },
  ];
  for (const c of calls) {
    it(`is refused in Chinese as a ${c.what}, naming the file, and changes nothing`, async () => {
      const path = brokenXls(`${c.what}.xls`);
      const before = dumpConnection(ctx.db);
      const r = await c.call(path);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('E_ANALYST_SHEET_READ');
      expect(r.error.message).toBe(`无法读取${c.what}「${c.what}.xls」：文件已损坏或不是 Excel/WPS/CSV 表格。请用 Excel/WPS 打开并另存为 .xlsx 后重试。`);
      expect(r.error.where).toEqual({ file: `${c.what}.xls` });
      expect(dumpConnection(ctx.db)).toEqual(before);
    });
  }

  it('keeps the ZIP guard’s own refusal of a damaged package', async () => {
    const path = join(dir, '目标表.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]));
    const r = await h['progress.importTargets']({ path }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('E_ZIP_CORRUPT');
  });
});
