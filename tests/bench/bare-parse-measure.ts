/**
 * The bare SheetJS parse of the files an import picks up from a folder: XLSX.read of each,
 * default options, on this thread, in the order the import takes them — what the import's
 * figures are set beside. Run in a fresh process (the bench parts start it) or imported.
 *
 *   node --import tsx tests/bench/bare-parse-measure.ts '{"sampleDir": "..."}'   → BareParse JSON
 */
import * as XLSX from 'xlsx';
import { readFileSync } from 'node:fs';
import { expandPaths } from '../../src/services/import/importFiles';

export interface BareParse {
  files: number;
  megabytes: number;
  seconds: number;
  cpuSeconds: number;
}

export async function measureBareParse(sampleDir: string): Promise<BareParse> {
  const files = (await expandPaths([sampleDir])).map((c) => c.path);
  const bytes = files.map((f) => readFileSync(f));
  const megabytes = bytes.reduce((s, b) => s + b.length, 0) / 1048576;
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const c0 = cpu();
  const t0 = performance.now();
  for (const b of bytes) XLSX.read(b, { type: 'buffer' });
  return { files: files.length, megabytes, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpu() - c0 };
}

const request = process.argv[2];
if (request !== undefined && /bare-parse-measure\.ts$/.test(process.argv[1] ?? '')) {
  const { sampleDir } = JSON.parse(request) as { sampleDir: string };
  process.stdout.write(JSON.stringify(await measureBareParse(sampleDir)));
}
