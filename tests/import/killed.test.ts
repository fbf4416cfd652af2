/**
 * An import killed midway (SIGKILL: no cleanup runs) leaves a consistent
 * database that holds only whole files.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/services/db/database';
import { layoutFor } from '../../src/services/catalogue/fields';
import { quarterId, quarterRange } from '../../src/domain/quarter';
import { tempDir, writeReport } from './fixtures';

const ROOT = resolve(import.meta.dirname, '../..');

function committed(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('a power cut', () => {
  it('loses no committed file: the store syncs every commit to disk (WAL with synchronous FULL)', () => {
    const db = openDatabase(join(tempDir(), 'durable.sqlite'));
    try {
      // SQLite: with NORMAL a WAL commit may roll back after a power loss; FULL syncs it first.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });
});

describe('an import killed midway', () => {
  it('keeps the database consistent with only whole files', async () => {
    const dir = tempDir('rfm-killed-');
    const dbPath = join(dir, 'killed.sqlite');
    const files = join(dir, 'files');
    const db = openDatabase(dbPath);
    const quarters = quarterRange({ year: 2021, q: 1 }, { year: 2025, q: 2 }).map(quarterId);
    const institutions = ['AK-ABC', 'AK-ICBC', 'BS-ABC', 'BS-PSBC'];
    let total = 0;
    for (const inst of institutions) {
      for (const q of quarters) {
        writeReport(db, { institution: inst, quarter: q }, join(files, `${inst}-${q}.xlsx`));
        total++;
      }
    }
    const expected = { ankang: layoutFor(db, 'ankang').inputs.length, bishan: layoutFor(db, 'bishan').inputs.length };
    db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'import', files, '--db', dbPath, '--received', '2025-10-04', '--confirm', '--json'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    const deadline = Date.now() + 60_000;
    while (committed(dbPath) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = new Database(dbPath);
    try {
      const integrity = after.pragma('integrity_check') as { integrity_check: string }[];
      expect(integrity).toEqual([{ integrity_check: 'ok' }]);
      expect(after.pragma('foreign_key_check')).toEqual([]);
      const subs = after
        .prepare(
          `SELECT s.id, i.region, (SELECT COUNT(*) FROM submission_values v WHERE v.submission_id = s.id) AS n
           FROM submissions s JOIN institutions i ON i.code = s.institution`,
        )
        .all() as { id: number; region: 'ankang' | 'bishan'; n: number }[];
      expect(subs.length).toBeGreaterThanOrEqual(1);
      // Killed midway: not every file made it.
      expect(subs.length).toBeLessThan(total);
      for (const s of subs) expect(s.n).toBe(expected[s.region]);
      const batch = after.prepare('SELECT accepted, file_count FROM import_batches').get() as { accepted: number; file_count: number };
      expect(batch.accepted).toBe(subs.length);
      const orphans = after.prepare('SELECT COUNT(*) AS n FROM submission_values WHERE submission_id NOT IN (SELECT id FROM submissions)').get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      after.close();
    }
  });
});
