import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { freshDb, writeReport } from './fixtures';

let dir: string;
let dbPath: string;

beforeAll(() => {
  const f = freshDb();
  ({ dir, dbPath } = f);
  writeReport(f.db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { loans_total_bal: 100000 } }, join(dir, 'in', 'a.xlsx'));
  writeReport(f.db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { loans_total_bal: 105000 } }, join(dir, 'v2', 'a2.xlsx'));
  writeReport(f.db, { institution: 'AK-ICBC', quarter: '2025Q3', cells: { agri_loans_bal: 'abc' } }, join(dir, 'in', 'b.xlsx'));
  f.db.close();
});
afterAll(() => undefined);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) };
  const code = await runCli([...argv, '--db', dbPath], io);
  return { code, out, err };
}

describe('CLI import, dump, status, history, rollback, batches', () => {
  it('import --dry-run --json previews and exits non-zero when a file would be rejected', async () => {
    const r = await cli('import', join(dir, 'in'), '--dry-run', '--received', '2025-10-04', '--json');
    expect(r.code).toBe(2);
    const s = JSON.parse(r.out) as { accepted: number; rejected: number; dryRun: boolean; files: { file: string; status: string; submissionId: number | null }[] };
    expect(s).toMatchObject({ accepted: 1, rejected: 1, dryRun: true });
    expect(s.files.every((f) => f.submissionId === null)).toBe(true);
    const d = await cli('dump', '--quarter', '2025Q3', '--json');
    expect(JSON.parse(d.out)).toEqual([]);
  });

  it('import prints each file with its errors (file, sheet, cell, message)', async () => {
    const r = await cli('import', join(dir, 'in'), '--received', '2025-10-04');
    expect(r.code).toBe(2);
    expect(r.out).toContain('已接收  a.xlsx  AK-ABC 中国农业银行安康分行 2025Q3 第1版');
    expect(r.out).toMatch(/已拒收 {2}b\.xlsx/);
    expect(r.out).toMatch(/错误 {2}b\.xlsx 信贷总量!B\d+：「涉农贷款余额」应填写数字/);
    expect(r.out).toContain('导入批次 1');
  });

  it('import --json has the stable shape; a clean import exits 0', async () => {
    const r = await cli('import', join(dir, 'v2', 'a2.xlsx'), '--received', '2025-10-05', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { accepted: number; rejected: number; files: Record<string, unknown>[] };
    expect(s).toMatchObject({ accepted: 1, rejected: 0 });
    expect(s.files[0]).toMatchObject({ file: 'a2.xlsx', status: 'accepted', institution: 'AK-ABC', quarter: '2025Q3', version: 2, errors: [], warnings: [] });
    expect(typeof s.files[0]?.['submissionId']).toBe('number');
  });

  it('dump --json gives the issue 2 shape', async () => {
    const r = await cli('dump', '--quarter', '2025Q3', '--institution', 'AK-ABC', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    const loans = rows.find((x) => x['definedName'] === 'RV_loans_total_bal');
    expect(Object.keys(loans ?? {}).sort()).toEqual(['cell', 'definedName', 'institution', 'key', 'member', 'quarter', 'sheet', 'submissionId', 'value']);
    expect(loans).toMatchObject({ institution: 'AK-ABC', quarter: '2025Q3', key: 'loans_total_bal', member: null, value: 105000, sheet: '信贷总量' });
  });

  it('status shows 已报 with the 重报 count', async () => {
    const r = await cli('status', '--quarter', '2025Q3', '--region', 'ankang');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/AK-ABC\s+中国农业银行安康分行\s+已报（重报1）/);
    expect(r.out).toMatch(/AK-ICBC\s+中国工商银行安康分行\s+未报/);
  });

  it('history --restore makes version 1 current again; rollback undoes a batch once', async () => {
    const h = await cli('history', '--institution', 'AK-ABC', '--quarter', '2025Q3', '--json');
    const list = JSON.parse(h.out) as { id: number; version: number; status: string; batchId: number }[];
    expect(list.map((x) => [x.version, x.status])).toEqual([
      [1, 'superseded'],
      [2, 'current'],
    ]);
    const first = list[0]?.id ?? 0;
    const restored = await cli('history', '--institution', 'AK-ABC', '--quarter', '2025Q3', '--restore', String(first));
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`已将报送记录 ${first}`);
    const batch2 = list[1]?.batchId ?? 0;
    const rb = await cli('rollback', '--batch', String(batch2));
    expect(rb.code).toBe(0);
    const again = await cli('rollback', '--batch', String(batch2));
    expect(again.code).toBe(1);
    expect(again.err).toContain('不能重复撤销');
    const b = await cli('batches', '--json');
    expect((JSON.parse(b.out) as { id: number; status: string }[]).find((x) => x.id === batch2)?.status).toBe('rolled_back');
  });

  it('bad arguments fail with a Chinese message', async () => {
    const r = await cli('dump', '--quarter', '2025Q9');
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是有效的季度');
    const u = await cli('import');
    expect(u.code).toBe(1);
    expect(u.err).toContain('请指定要导入的文件或文件夹');
  });
});
