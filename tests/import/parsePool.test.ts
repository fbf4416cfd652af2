/**
 * The parse pool posts a second job to a busy worker so it never waits for the
 * main thread; these tests prove that a job queued behind one that hangs or kills
 * its worker is not lost or blamed: only the guilty file fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ParsePool } from '../../src/services/import/parsePool';
import { AppFailure } from '../../src/domain/result';

const scripted = new URL('./workers/scripted-worker.mjs', import.meta.url);
const pools: ParsePool[] = [];

function pool(timeoutMs = 60_000): ParsePool {
  const p = new ParsePool({ size: 1, timeoutMs, workerUrl: scripted });
  pools.push(p);
  return p;
}

async function outcome(p: ParsePool, text: string): Promise<string> {
  try {
    const s = await p.parse({ bytes: new TextEncoder().encode(text), format: 'xlsx', encoding: null });
    return `ok:${s.snapshot.sheetNames[0] ?? ''}`;
  } catch (e) {
    return e instanceof AppFailure ? e.appError.code : String(e);
  }
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('parse pool with two jobs per worker', () => {
  it('keeps two jobs in flight per worker', () => {
    expect(pool().capacity).toBe(2);
  });

  it('a hanging parse times out alone; the files queued behind it are parsed by a fresh worker', async () => {
    const p = pool(400);
    const results = await Promise.all(['hang', 'a', 'b'].map((t) => outcome(p, t)));
    expect(results).toEqual(['E_PARSE_TIMEOUT', 'ok:a', 'ok:b']);
  });

  it('a worker that dies rejects only the file it was parsing', async () => {
    const p = pool();
    const results = await Promise.all(['a', 'die', 'b', 'c'].map((t) => outcome(p, t)));
    expect(results).toEqual(['ok:a', 'E_PARSE_CRASH', 'ok:b', 'ok:c']);
  });
});
