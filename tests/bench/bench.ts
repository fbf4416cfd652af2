/**
 * `npm run bench`: one table of figures at 1x (both regions, 5 years of
 * quarterly reports, the 17 sample institutions) and 10x (ten times the
 * institutions). For each scale: generate the sample set, import it into a
 * fresh database, then run every part (tests/bench/*.bench.ts) against that
 * database, and compare with the obvious alternative an analyst has — a
 * Python script reading the same files with openpyxl.
 *
 *   npm run bench              # 1x and 10x
 *   npm run bench -- 1         # only the scales given
 *
 * Figures, never pass/fail: this prints, it does not assert.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchPart, BenchRow } from './types';
import { openDatabase } from '../../src/services/db/database';
import { generateSampleSet, receivedDatesOf } from '../../src/services/template/sampleSet';
import { importFiles } from '../../src/services/import/importFiles';
import { printTable, type Measured } from './table';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(here, '..', '..', 'bench-out');

async function loadParts(): Promise<{ name: string; run: BenchPart }[]> {
  const parts: { name: string; run: BenchPart }[] = [];
  for (const f of readdirSync(here).filter((n) => n.endsWith('.bench.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { run?: BenchPart };
    if (typeof mod.run === 'function') parts.push({ name: f.replace(/\.bench\.ts$/, ''), run: mod.run });
  }
  return parts;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function openpyxlAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}

function runOpenpyxl(dir: string): { files: number; seconds: number } | null {
  if (!openpyxlAvailable()) return null;
  const r = spawnSync('/usr/bin/python3', [join(here, 'openpyxl_sum.py'), dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(`openpyxl 对照脚本失败：${r.stderr}\n`);
    return null;
  }
  return JSON.parse(r.stdout) as { files: number; seconds: number };
}

async function measureScale(scale: number, parts: { name: string; run: BenchPart }[]): Promise<Measured> {
  const outDir = join(OUT, `x${scale}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const sampleDir = join(outDir, 'sample');
  const dbPath = join(outDir, 'bench.sqlite');
  const rows: BenchRow[] = [];

  process.stderr.write(`[${scale}x] 生成示例报表…\n`);
  const db = openDatabase(dbPath);
  let importSeconds = 0;
  let files = 0;
  try {
    const t0 = performance.now();
    const sample = await generateSampleSet(db, { out: sampleDir, scale });
    rows.push({ metric: '示例报表', value: sample.files.length, unit: '个', note: `${sample.institutions} 家机构 × ${sample.quarters} 个季度（含重报）` });
    process.stderr.write(`[${scale}x] ${sample.files.length} 个文件，${((performance.now() - t0) / 1000).toFixed(1)} s；导入…\n`);
    const t1 = performance.now();
    const imported = await importFiles(db, { paths: [sampleDir], receivedDates: receivedDatesOf(sample.files), acks: sample.acks });
    importSeconds = (performance.now() - t1) / 1000;
    files = sample.files.length;
    rows.push({ metric: '导入到基准数据库', value: importSeconds, unit: 's', note: `接收 ${imported.accepted}，拒收 ${imported.rejected}` });
  } finally {
    db.close();
  }
  rows.push({ metric: '数据库文件大小', value: statSync(dbPath).size / 1048576, unit: 'MB' });

  const ctx: BenchContext = { scale, sampleDir, dbPath, outDir };
  for (const part of parts) {
    process.stderr.write(`[${scale}x] ${part.name}…\n`);
    try {
      rows.push(...(await part.run(ctx)));
    } catch (e) {
      rows.push({ metric: `${part.name}（出错）`, value: Number.NaN, unit: '', note: e instanceof Error ? e.message : String(e) });
    }
  }

  process.stderr.write(`[${scale}x] openpyxl 对照…\n`);
  const py = runOpenpyxl(sampleDir);
  if (py) {
    rows.push({ metric: 'openpyxl 脚本读取同批文件并求合计', value: py.seconds, unit: 's', note: `${py.files} 个 .xlsx，${(py.files / py.seconds).toFixed(1)} files/s（只读 3 个合计项，不校验、不入库）` });
    rows.push({ metric: 'openpyxl 耗时 ÷ 本程序全流程导入耗时', value: py.seconds / importSeconds, unit: '×', note: `本程序 ${(files / importSeconds).toFixed(1)} files/s` });
  } else {
    rows.push({ metric: 'openpyxl 对照', value: Number.NaN, unit: '', note: '未安装 python3-openpyxl（apt-get install python3-openpyxl）' });
  }
  rows.push({ metric: '进程内存峰值（RSS）', value: peakRssMb(), unit: 'MB', note: '至本规模测完为止' });
  return { scale, rows };
}

async function main(): Promise<void> {
  const scales = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const parts = await loadParts();
  process.stderr.write(`基准测试：${parts.map((p) => p.name).join('、')}；机器 ${(await import('node:os')).cpus().length} 核，Node ${process.version}\n`);
  mkdirSync(OUT, { recursive: true });
  const all: Measured[] = [];
  for (const scale of scales.length ? scales : [1, 10]) all.push(await measureScale(scale, parts));
  printTable(all);
  if (!existsSync(OUT)) return;
  process.stdout.write(`\n输出与中间文件：${OUT}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`基准测试失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
