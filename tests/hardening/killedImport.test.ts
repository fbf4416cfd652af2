/**
 * An import killed with SIGKILL (no cleanup, no finally) at random points, 50
 * times: the CLI imports a folder in a child process, which is killed after a
 * random number of committed files plus a random delay (or at a random moment
 * of its start-up). Each time the database passes integrity_check and holds
 * exactly the files whose commit finished — a prefix of the folder in import
 * order, each file whole: its submission, every value, every warning — and the
 * import can simply be run again to finish the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { writeReport } from '../import/fixtures';
import { CLI, spawnTs } from './helpers/spawn';
import { tempDir } from './helpers/temp';

const RUNS = 50;
const PARALLEL = 2;
// 2025Q1/Q2 reports received in October: long after their deadline, confirmed (--confirm, W_RECEIVED_VERY_LATE).
const RECEIVED = '2025-10-08';
const SEED = Number(process.env['RFM_KILL_SEED'] ?? Date.now() % 2 ** 31);
const tmp = tempDir('killed');
const base = join(tmp.dir, 'base.sqlite');
const folder = join(tmp.dir, 'files');

interface Expected {
  file: string;
  sha256: string;
  institution: string;
  quarter: string;
  values: number;
  issues: number;
}
let expected: Expected[] = [];

/** mulberry32: a small seeded generator, so a failing run can be replayed with RFM_KILL_SEED. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function storedFiles(db: Database.Database): (Expected & { status: string })[] {
  return db
    .prepare(
      `SELECT s.file_name AS file, s.sha256, s.institution, s.quarter, s.status,
              (SELECT count(*) FROM submission_values v WHERE v.submission_id = s.id) AS "values",
              (SELECT count(*) FROM submission_issues i WHERE i.submission_id = s.id) AS issues
       FROM submissions s ORDER BY s.id`,
    )
    .all() as (Expected & { status: string })[];
}

beforeAll(async () => {
  const ctx = openContext(base);
  const institutions = ['AK-ABC', 'AK-ICBC', 'BS-ABC', 'BS-PSBC'];
  let n = 0;
  for (const quarter of ['2025Q1', '2025Q2']) {
    for (const institution of institutions) writeReport(ctx.db, { institution, quarter }, join(folder, `${String(++n).padStart(2, '0')}-${institution}-${quarter}.xlsx`));
  }
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  closeContext(ctx);
  // The reference: the same folder imported without interruption.
  const refPath = join(tmp.dir, 'reference.sqlite');
  copyFileSync(base, refPath);
  const ref = openContext(refPath);
  const r = await createHandlers(ref)['import.files']({ paths: [folder], receivedDate: RECEIVED, confirmAll: true }, {});
  expect(r.ok && r.value.accepted).toBe(8);
  expected = storedFiles(ref.db).map(({ status: _s, ...e }) => e);
  closeContext(ref);
  expect(new Set(expected.map((e) => e.values)).size).toBe(2); // both regions' layouts are in play
}, 60_000);

afterAll(() => tmp.cleanup());

interface RunOutcome {
  run: number;
  committed: number;
  killed: boolean;
}

async function killOnce(run: number, random: () => number): Promise<RunOutcome> {
  const dbPath = join(tmp.dir, `run-${run}.sqlite`);
  copyFileSync(base, dbPath);
  const child = spawnTs(CLI, ['import', folder, '--db', dbPath, '--received', RECEIVED, '--confirm', '--json'], { stdio: 'ignore' });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  // Kill after `target` files are committed (0: somewhere in start-up), plus a random delay.
  const target = Math.floor(random() * (expected.length + 1));
  const watcher = new Database(dbPath, { readonly: true });
  try {
    const count = watcher.prepare('SELECT count(*) AS n FROM submissions');
    const deadline = Date.now() + 30_000;
    if (target === 0) await new Promise((r) => setTimeout(r, random() * 1200));
    else while (!done && Date.now() < deadline && (count.get() as { n: number }).n < target) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, random() * 25));
  } finally {
    watcher.close();
  }
  child.kill('SIGKILL');
  const exit = await exited;
  // The child may finish on its own between the last look and the kill: then it exited 0, unkilled.
  const killed = exit.signal === 'SIGKILL';
  if (!killed) expect(exit.code, `run ${run}: the import ended on its own`).toBe(0);

  const db = new Database(dbPath);
  try {
    const why = `run ${run} (seed ${SEED}, target ${target})`;
    expect(db.pragma('integrity_check'), why).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check'), why).toEqual([]);
    const stored = storedFiles(db);
    // Exactly the first files of the folder, each one whole.
    expect(stored.map(({ status: _s, ...e }) => e), why).toEqual(expected.slice(0, stored.length));
    expect(stored.every((s) => s.status === 'current'), why).toBe(true);
    if (!killed) expect(stored.length, why).toBe(expected.length);
    const batches = db.prepare('SELECT accepted, file_count FROM import_batches').all() as { accepted: number; file_count: number }[];
    expect(batches.length, why).toBeLessThanOrEqual(1);
    if (stored.length > 0) expect(batches[0], why).toEqual({ accepted: stored.length, file_count: stored.length });
    return { run, committed: stored.length, killed };
  } finally {
    db.close();
  }
}

describe('an import killed at random points', () => {
  it(`SIGKILL ${RUNS} times: integrity_check passes and exactly the committed files are there, whole`, async () => {
    const random = rng(SEED);
    const outcomes: RunOutcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < RUNS) outcomes.push(await killOnce(next++, random));
      }),
    );
    expect(outcomes).toHaveLength(RUNS);
    // The kills really landed at different points: before any commit, between commits, at the end.
    const points = new Set(outcomes.filter((o) => o.killed).map((o) => o.committed));
    expect(points.size, `seed ${SEED}: ${JSON.stringify(outcomes)}`).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((o) => o.killed).length).toBeGreaterThanOrEqual(RUNS * 0.8);

    // After a crash the import is simply run again: the rest goes in, what was there is recognised.
    const partial = outcomes.find((o) => o.killed && o.committed > 0 && o.committed < expected.length);
    expect(partial, `seed ${SEED}`).toBeDefined();
    if (!partial) return;
    const ctx = openContext(join(tmp.dir, `run-${partial.run}.sqlite`));
    try {
      const r = await createHandlers(ctx)['import.files']({ paths: [folder], receivedDate: RECEIVED, confirmAll: true }, {});
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.accepted).toBe(expected.length - partial.committed);
      expect(r.value.files.filter((f) => f.status === 'rejected').map((f) => f.errors[0]?.code)).toEqual(Array(partial.committed).fill('E_DUPLICATE_FILE'));
      expect(storedFiles(ctx.db).map(({ status: _s, ...e }) => e)).toEqual(expected);
    } finally {
      closeContext(ctx);
    }
  }, 600_000);
});
