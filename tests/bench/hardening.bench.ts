/**
 * Benchmark part for hardening: what the hostile files cost before they are
 * refused (time and peak memory of a process that imports only that file), and
 * what a backup and a restore of the sample database take.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchRow } from './types';
import { closeContext, openContext } from '../../src/services/api/context';
import { createBackup, restoreBackup } from '../../src/services/backup/backup';
import { buildCorpus } from '../hardening/corpus/badInputs';
import { runTs } from '../hardening/helpers/spawn';

interface ChildReport {
  result: { ok: boolean; value?: { files: { errors: { code: string }[] }[] } };
  ms: number;
  maxRssMb: number;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = join(ctx.outDir, 'hardening');
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'copy.sqlite');
  const src = openContext(ctx.dbPath);
  src.db.pragma('wal_checkpoint(TRUNCATE)');
  const cases = (await buildCorpus(src.db, join(dir, 'corpus'))).filter((c) => c.heavy || c.file === '五十兆.xlsx');
  closeContext(src);
  copyFileSync(ctx.dbPath, dbPath);
  for (const c of cases) {
    const out = await runTs(join(import.meta.dirname, '../hardening/fixtures/import-one.ts'), [dbPath, '2025-10-08', c.path]);
    const r = JSON.parse(out.stdout) as ChildReport;
    const code = r.result.value?.files[0]?.errors[0]?.code ?? '?';
    rows.push({ metric: `拒收「${c.file}」（${code}）耗时`, value: r.ms, unit: 'ms' });
    rows.push({ metric: `拒收「${c.file}」时进程峰值内存`, value: r.maxRssMb, unit: 'MB' });
  }
  const ctxCopy = openContext(dbPath);
  try {
    let t = performance.now();
    const b = createBackup(ctxCopy, '基准测试');
    rows.push({ metric: `备份数据库（${ctx.scale}x，${(statSync(dbPath).size / 1048576).toFixed(1)} MB）`, value: Math.round(performance.now() - t), unit: 'ms' });
    rows.push({ metric: `备份文件大小（${ctx.scale}x）`, value: Math.round((b.size / 1048576) * 10) / 10, unit: 'MB' });
    t = performance.now();
    await restoreBackup(ctxCopy, b.file);
    rows.push({ metric: `从备份恢复（${ctx.scale}x，含恢复前备份）`, value: Math.round(performance.now() - t), unit: 'ms' });
  } finally {
    closeContext(ctxCopy);
  }
  return rows;
}
