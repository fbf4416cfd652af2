/**
 * Bench part for the import: the whole pipeline (byte detection, SheetJS parse
 * in the worker pool, reading by defined name, value parsing, validation, one
 * transaction per file) on the sample set at the bench's scale, into a fresh
 * database, against a bare single-threaded SheetJS parse (XLSX.read) of the
 * same files, so the pipeline's overhead over parsing is visible.
 *
 * Standalone: `npx tsx tests/bench/import.bench.ts [SCALE]` generates the sample
 * set into bench-out/ and prints the rows.
 */
import * as XLSX from 'xlsx';
import { existsSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchContext, BenchRow } from './types';
import { openDatabase } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { sampleInstitutions } from '../../src/services/template/syntheticInstitutions';

function reportFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(xlsx|xls|et|ods|csv)$/i.test(e.name) && !e.name.startsWith('~$')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Arrival dates from the sample set's manifest, so timeliness is computed as in the demo. */
function manifestDates(dir: string): Record<string, string> | undefined {
  const p = join(dir, 'manifest.json');
  if (!existsSync(p)) return undefined;
  const m = JSON.parse(readFileSync(p, 'utf8')) as { files?: { file: string; receivedDate: string }[] };
  return m.files ? Object.fromEntries(m.files.map((f) => [f.file, f.receivedDate])) : undefined;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const files = reportFiles(ctx.sampleDir);
  const bytes = files.map((f) => readFileSync(f));
  const totalMb = bytes.reduce((s, b) => s + b.length, 0) / 1048576;

  // Bare SheetJS: read every file once, default options, on this thread.
  const t0 = performance.now();
  for (const b of bytes) XLSX.read(b, { type: 'buffer' });
  const bareS = (performance.now() - t0) / 1000;

  mkdirSync(ctx.outDir, { recursive: true });
  const dbPath = join(ctx.outDir, `import-bench-x${ctx.scale}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const db = openDatabase(dbPath);
  // At scale N the sample set reports for N× the banks: register the same synthetic ones here.
  sampleInstitutions(db, ctx.scale);
  let accepted = 0;
  let rejected = 0;
  let values = 0;
  let seconds = 0;
  try {
    const dates = manifestDates(ctx.sampleDir);
    const t1 = performance.now();
    const r = await importFiles(db, { paths: [ctx.sampleDir], ...(dates ? { receivedDates: dates } : {}) });
    seconds = (performance.now() - t1) / 1000;
    accepted = r.accepted;
    rejected = r.rejected;
    values = (db.prepare('SELECT COUNT(*) AS n FROM submission_values').get() as { n: number }).n;
  } finally {
    db.close();
  }
  return [
    { metric: `导入示例报表（${ctx.scale}x，全流程）`, value: files.length / seconds, unit: 'files/s', note: `${files.length} 个文件（${totalMb.toFixed(1)} MB），接收 ${accepted}，拒收 ${rejected}，${seconds.toFixed(1)} s` },
    { metric: `导入示例报表（${ctx.scale}x，全流程）`, value: values / seconds, unit: 'values/s', note: `${values} 个填报值（含空白项），每个文件一个事务` },
    { metric: `SheetJS 单纯解析同一批文件（${ctx.scale}x）`, value: bareS, unit: 's', note: `XLSX.read，单线程，${(files.length / bareS).toFixed(1)} files/s` },
    { metric: `导入全流程耗时 ÷ 单纯解析耗时（${ctx.scale}x）`, value: seconds / bareS, unit: '×', note: '全流程在 2 个解析子线程中并行解析' },
  ];
}

const isMain = process.argv[1] !== undefined && /import\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  const scale = Number(process.argv[2] ?? '1');
  const out = resolve('bench-out');
  const sampleDir = join(out, `import-sample-x${scale}`);
  const { generateSampleSet } = await import('../../src/services/template/sampleSet');
  rmSync(sampleDir, { recursive: true, force: true });
  const gen = openDatabase(join(out, `import-gen-x${scale}.sqlite`));
  await generateSampleSet(gen, { out: sampleDir, scale });
  gen.close();
  const rows = await run({ scale, sampleDir, dbPath: join(out, 'unused.sqlite'), outDir: out });
  for (const r of rows) process.stdout.write(`${r.metric}\t${r.value.toFixed(2)} ${r.unit}\t${r.note ?? ''}\n`);
}
