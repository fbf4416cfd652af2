/**
 * The import bench's measurement, run in a fresh process of its own
 * (tests/bench/import.bench.ts starts it): the bare SheetJS parse and the imports
 * are timed side by side, not after the bench's sample generation and other parts
 * have filled the heap of the bench process.
 *
 *   node --import tsx tests/bench/import-measure.ts <request JSON>   → result JSON on stdout
 */
import { existsSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertIntactForWriting, openDatabase } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { measureBareParse } from './bare-parse-measure';
import { acksFrom, receivedDatesFrom } from '../../src/cli/commands/import';
import { ParsePool, type ParsePoolOptions } from '../../src/services/import/parsePool';
import { sampleInstitutions } from '../../src/services/template/syntheticInstitutions';

export interface MeasureRequest {
  scale: number;
  sampleDir: string;
  outDir: string;
  /** The built parse worker (file URL). */
  workerUrl: string;
}

export interface Timed {
  seconds: number;
  accepted: number;
  rejected: number;
  values: number;
  /** PRAGMA quick_check on the database just filled (what every committing import runs first). */
  quickCheckMs: number;
  databaseMb: number;
}

export interface Measured {
  files: number;
  megabytes: number;
  bareSeconds: number;
  /** The desktop app: parse workers started with the services, before the import. */
  app: Timed;
  /** A one-shot run (the CLI): the import starts its own workers. */
  cli: Timed;
}

/** Arrival dates from the sample set's manifest, so timeliness is computed as in the demo. */
function manifestDates(dir: string): Record<string, string> | undefined {
  const p = join(dir, 'manifest.json');
  return existsSync(p) ? receivedDatesFrom(p) : undefined;
}

/** One whole import of the sample set into a fresh database. */
async function importOnce(req: MeasureRequest, label: string, pool: ParsePool | ParsePoolOptions): Promise<Timed> {
  const dbPath = join(req.outDir, `import-bench-x${req.scale}-${label}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const db = openDatabase(dbPath);
  try {
    // At scale N the sample set reports for N× the banks: register the same synthetic ones here.
    sampleInstitutions(db, req.scale);
    const dates = manifestDates(req.sampleDir);
    const manifest = join(req.sampleDir, 'manifest.json');
    const acks = existsSync(manifest) ? acksFrom(manifest) : undefined;
    const t1 = performance.now();
    const r = await importFiles(db, { paths: [req.sampleDir], ...(dates ? { receivedDates: dates } : {}), ...(acks ? { acks } : {}) }, {}, { pool });
    const seconds = (performance.now() - t1) / 1000;
    const values = (db.prepare('SELECT COUNT(*) AS n FROM submission_values').get() as { n: number }).n;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const q0 = performance.now();
    assertIntactForWriting(db);
    const quickCheckMs = performance.now() - q0;
    const databaseMb = ((db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)) / 1048576;
    return { seconds, accepted: r.accepted, rejected: r.rejected, values, quickCheckMs, databaseMb };
  } finally {
    db.close();
  }
}

export async function measure(req: MeasureRequest): Promise<Measured> {
  // Bare SheetJS: read every file the import picks up once, default options, on this thread.
  const bare = await measureBareParse(req.sampleDir);

  mkdirSync(req.outDir, { recursive: true });
  const workerUrl = new URL(req.workerUrl);
  const kept = new ParsePool({ workerUrl });
  let app: Timed;
  try {
    await kept.warm();
    app = await importOnce(req, 'app', kept);
  } finally {
    await kept.close();
  }
  const cli = await importOnce(req, 'cli', { workerUrl });
  return { files: bare.files, megabytes: bare.megabytes, bareSeconds: bare.seconds, app, cli };
}

const request = process.argv[2];
if (request !== undefined && /import-measure\.ts$/.test(process.argv[1] ?? '')) {
  process.stdout.write(JSON.stringify(await measure(JSON.parse(request) as MeasureRequest)));
}
