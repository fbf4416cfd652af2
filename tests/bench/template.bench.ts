/**
 * Bench part for the report template and the sample set: how fast the sample
 * reports are written at the bench's scale, and how long one styled template takes.
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { BenchPart, BenchRow } from './types';
import { openDatabase } from '../../src/services/db/database';
import { generateSampleSet } from '../../src/services/template/sampleSet';
import { generateTemplate } from '../../src/services/template/generate';

export const run: BenchPart = async (ctx) => {
  const db = openDatabase(ctx.dbPath);
  try {
    const dir = join(ctx.outDir, `sample-bench-x${ctx.scale}`);
    rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    const r = await generateSampleSet(db, { out: dir, scale: ctx.scale });
    const seconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const rounds = 5;
    for (let i = 0; i < rounds; i++) await generateTemplate(db, { institution: 'AK-ABC', quarter: '2025Q3', out: join(ctx.outDir, 'template-bench.xlsx') });
    const templateMs = (performance.now() - t1) / rounds;
    const rows: BenchRow[] = [
      { metric: `示例报表生成（${ctx.scale}x）`, value: r.files.length / seconds, unit: 'files/s', note: `${r.files.length} 个文件，${seconds.toFixed(1)} s` },
      { metric: `示例报表生成（${ctx.scale}x）`, value: r.values / seconds, unit: 'values/s', note: `${r.values} 个填报值` },
      { metric: '按机构生成一份报表模板', value: templateMs, unit: 'ms', note: 'ExcelJS 绘制样式、数据验证与定义名称' },
    ];
    return rows;
  } finally {
    db.close();
  }
};


