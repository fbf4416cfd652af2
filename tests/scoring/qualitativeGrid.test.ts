/**
 * 定性评分表: the grid the analyst downloads, the 评审组 fills in Excel (played by ExcelJS on the
 * downloaded file) and the analyst imports: a preview first, then every score stored and audited;
 * one bad cell refuses the whole sheet, named by sheet and cell, and nothing changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { listAudit } from '../../src/services/db/audit';
import { must } from '../helpers/result';
import { dumpConnection } from '../hardening/helpers/db-dump';

let dir: string;
let ctx: ServiceContext;
let h: ReturnType<typeof createHandlers>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfm-qgrid-'));
  ctx = openContext(join(dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
});
afterEach(() => {
  closeContext(ctx);
  rmSync(dir, { recursive: true, force: true });
});

interface Layout {
  header: number;
  cols: Map<string, number>;
  rowOf: Map<string, number>;
}

async function layoutOf(ws: ExcelJS.Worksheet): Promise<Layout> {
  let header = 0;
  ws.eachRow((row, n) => {
    if (!header && row.values && (row.values as unknown[]).includes('机构代码')) header = n;
  });
  const cols = new Map<string, number>();
  ws.getRow(header).eachCell((c, col) => cols.set(String(c.value), col));
  const rowOf = new Map<string, number>();
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const code = ws.getCell(r, cols.get('机构代码') ?? 1).value;
    if (typeof code === 'string' && code) rowOf.set(code, r);
  }
  return { header, cols, rowOf };
}

async function fill(path: string, out: string, cells: { code: string; column: string; value: string | number }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const l = await layoutOf(ws);
  for (const c of cells) {
    const col = l.cols.get(c.column);
    const row = l.rowOf.get(c.code);
    if (!col || !row) throw new Error(`no ${c.column} / ${c.code} in the grid`);
    ws.getCell(row, col).value = c.value;
  }
  await wb.xlsx.writeFile(out);
}

describe('定性评分表', () => {
  it('downloads the region-year grid, previews a filled one, then stores every score with its reason, audited', async () => {
    const grid = must(await h['assessment.qualitativeGrid']({ region: 'ankang', year: 2025 }, {}));
    expect(grid.items.length).toBeGreaterThan(2);
    const policy = grid.items[0]!;
    const second = grid.items[1]!;
    expect(grid.institutions.some((i) => i.code === 'AK-ABC')).toBe(true);

    const blank = join(dir, '安康市2025年度定性评分表.xlsx');
    const exported = must(await h['assessment.exportQualitativeGrid']({ region: 'ankang', year: 2025, out: blank, blank: true }, {}));
    expect([exported.institutions, exported.items]).toEqual([grid.institutions.length, grid.items.length]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const l = await layoutOf(wb.worksheets[0]!);
    const scoreCol = [...l.cols.keys()].find((k) => k.startsWith(`${policy.label}得分`));
    expect(scoreCol).toBe(`${policy.label}得分（满分${policy.max}）`);
    expect(l.cols.has(`${policy.label}理由`)).toBe(true);
    expect(String(wb.worksheets[0]!.getCell(1, 1).value)).toContain('安康市2025年度金融机构服务乡村振兴考核评估定性评分表');

    const filled = join(dir, '评审组_已填.xlsx');
    await fill(blank, filled, [
      { code: 'AK-ABC', column: scoreCol ?? '', value: policy.max - 1 },
      { code: 'AK-ABC', column: `${policy.label}理由`, value: '落实再贷款政策，专项额度执行到位' },
      { code: 'AK-BOC', column: `${second.label}得分（满分${second.max}）`, value: '2.5' },
      { code: 'AK-BOC', column: `${second.label}理由`, value: '制度较完整' },
    ]);
    const before = dumpConnection(ctx.db);
    const preview = must(await h['assessment.importQualitativeGrid']({ region: 'ankang', year: 2025, path: filled, dryRun: true }, {}));
    expect(preview.changes.map((c) => [c.institution, c.item, c.before, c.score, c.reason])).toEqual([
      ['AK-ABC', policy.id, null, policy.max - 1, '落实再贷款政策，专项额度执行到位'],
      ['AK-BOC', second.id, null, 2.5, '制度较完整'],
    ]);
    expect(preview.changes[0]?.cell).toMatch(/^[A-Z]+\d+$/);
    expect(dumpConnection(ctx.db)).toEqual(before);

    const saved = must(await h['assessment.importQualitativeGrid']({ region: 'ankang', year: 2025, path: filled }, {}));
    expect(saved.saved).toBe(2);
    const stored = must(await h['assessment.qualitative']({ region: 'ankang', year: 2025 }, {}));
    expect(stored.map((e) => [e.institution, e.item, e.score, e.reason])).toEqual([
      ['AK-ABC', policy.id, policy.max - 1, '落实再贷款政策，专项额度执行到位'],
      ['AK-BOC', second.id, 2.5, '制度较完整'],
    ]);
    expect(listAudit(ctx.db).filter((a) => a.action === 'qualitative.set')).toHaveLength(2);

    // The grid downloaded again carries the scores; imported unchanged, it stores nothing.
    const again = join(dir, '带分.xlsx');
    must(await h['assessment.exportQualitativeGrid']({ region: 'ankang', year: 2025, out: again }, {}));
    const same = must(await h['assessment.importQualitativeGrid']({ region: 'ankang', year: 2025, path: again }, {}));
    expect([same.changes.length, same.unchanged, same.saved]).toEqual([0, 2, 0]);
  });

  it('one bad cell refuses the sheet, naming each cell; nothing is stored', async () => {
    const grid = must(await h['assessment.qualitativeGrid']({ region: 'ankang', year: 2025 }, {}));
    const policy = grid.items[0]!;
    const blank = join(dir, 'blank.xlsx');
    must(await h['assessment.exportQualitativeGrid']({ region: 'ankang', year: 2025, out: blank, blank: true }, {}));
    const l = await (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(blank);
      return layoutOf(wb.worksheets[0]!);
    })();
    const score = `${policy.label}得分（满分${policy.max}）`;
    const reason = `${policy.label}理由`;
    const colLetter = (name: string): string => String.fromCharCode(64 + (l.cols.get(name) ?? 0));
    const bad = join(dir, 'bad.xlsx');
    await fill(blank, bad, [
      { code: 'AK-ABC', column: score, value: policy.max + 1 },
      { code: 'AK-ABC', column: reason, value: '超过满分' },
      { code: 'AK-BOC', column: score, value: 3 },
      { code: 'AK-CCB', column: score, value: '4分5' },
      { code: 'AK-CCB', column: reason, value: '写错' },
    ]);
    const before = dumpConnection(ctx.db);
    const r = await h['assessment.importQualitativeGrid']({ region: 'ankang', year: 2025, path: bad }, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_QUAL_GRID_CELLS');
    expect(r.error.message).toContain('有 3 处错误，未导入任何评分');
    expect(r.error.message).toContain(`${colLetter(score)}${l.rowOf.get('AK-ABC')}：「${policy.label}」的得分 ${policy.max + 1} 超出 0 到 ${policy.max} 分`);
    expect(r.error.message).toContain(`${colLetter(reason)}${l.rowOf.get('AK-BOC')}：「${policy.label}」的得分须写明理由`);
    expect(r.error.message).toContain(`${colLetter(score)}${l.rowOf.get('AK-CCB')}：「${policy.label}」的得分「4分5」不是数字`);
    expect(r.error.where).toMatchObject({ file: 'bad.xlsx', sheet: '定性评分表' });
    expect(dumpConnection(ctx.db)).toEqual(before);

    // A row whose bank name disagrees with its code (rows sorted or pasted out of line) is refused.
    const shifted = join(dir, 'shifted.xlsx');
    await fill(blank, shifted, [{ code: 'AK-ABC', column: '机构名称', value: '中国银行安康分行' }]);
    const s = await h['assessment.importQualitativeGrid']({ region: 'ankang', year: 2025, path: shifted }, {});
    expect(s.ok ? '' : s.error.message).toMatch(/机构代码「AK-ABC」是「中国农业银行安康分行」，但本行机构名称为「中国银行安康分行」，请核对是否错行/);
  });
});
