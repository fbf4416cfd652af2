/**
 * What the bench parts share when one runs on its own (`npx tsx tests/bench/<part>.ts SCALE
 * [--reuse]`) and when a part measures in a fresh Node process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/services/db/database';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_OUT = join(REPO, 'bench-out');

/** The scales named on the command line (default 1). */
export function scalesArg(): number[] {
  const scales = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  return scales.length > 0 ? scales : [1];
}

/** The first scale named on the command line (default 1). */
export function scaleArg(): number {
  return scalesArg()[0] ?? 1;
}

/** bench-out/import-sample-x<scale>, generated afresh unless `--reuse` finds one there. */
export async function standaloneSample(scale: number): Promise<string> {
  const sampleDir = join(BENCH_OUT, `import-sample-x${scale}`);
  if (process.argv.includes('--reuse') && existsSync(join(sampleDir, 'manifest.json'))) return sampleDir;
  const { generateSampleSet } = await import('../../src/services/template/sampleSet');
  rmSync(sampleDir, { recursive: true, force: true });
  const gen = openDatabase(':memory:');
  try {
    await generateSampleSet(gen, { out: sampleDir, scale });
  } finally {
    gen.close();
  }
  return sampleDir;
}

/** Runs a measuring script of tests/bench in a fresh Node process (the app's zone) and returns the JSON it prints. */
export function measureInFreshProcess<T>(script: string, request: unknown, nodeArgs: string[] = []): T {
  const out = execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', join(REPO, 'tests', 'bench', script), JSON.stringify(request)], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, TZ: process.env['TZ'] ?? 'Asia/Shanghai' },
  });
  return JSON.parse(out) as T;
}
