/**
 * The desktop app's services keep one parse pool for their whole life, started
 * with them (openContext keepParsePool): imports through the handler table use
 * those workers instead of starting their own, a worker lost on the way is
 * replaced, and an idle kept pool never holds a process open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import type { ImportSummary } from '../../src/api/types';
import { dumpValues } from '../../src/services/import/dump';
import { tempDir, writeReport } from './fixtures';

const REPO = join(import.meta.dirname, '..', '..');
const WORKERS = Math.min(2, availableParallelism());

let dir: string;
let ctx: ServiceContext;
let h: HandlerTable;

beforeAll(() => {
  dir = tempDir('rfm-kept-pool-');
  ctx = openContext(join(dir, 'rfm.sqlite'), { keepParsePool: true });
  h = createHandlers(ctx);
});
afterAll(() => closeContext(ctx));

async function importOk(paths: string[]): Promise<ImportSummary> {
  // Earlier quarters' reports arriving long after their deadline: confirmed (W_RECEIVED_VERY_LATE).
  const r = await h['import.files']({ paths, receivedDate: '2025-10-04', confirmAll: true }, {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('a parse pool kept by the services', () => {
  it('starts its workers with the services, before any import', async () => {
    const pool = ctx.parsePool;
    expect(pool).toBeDefined();
    await pool?.warm();
    expect(pool?.spawned).toBe(WORKERS);
    expect(pool?.mode).toBe('worker');
  });

  it('serves one import after another without starting a worker again', async () => {
    const first = await importOk([writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q2', cells: { loans_total_bal: 123456.7 } }, join(dir, 'a', 'abc.xlsx'))]);
    const second = await importOk([
      writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q2' }, join(dir, 'b', 'icbc.xls'), 'xls'),
      writeReport(ctx.db, { institution: 'AK-BOC', quarter: '2025Q2' }, join(dir, 'b', 'boc.csv'), 'csv-gbk'),
    ]);
    expect([first.accepted, first.rejected, second.accepted, second.rejected]).toEqual([1, 0, 2, 0]);
    expect(second.files.map((f) => f.format)).toEqual(['xls', 'csv']);
    expect(second.files.flatMap((f) => f.notes).filter((n) => n.code === 'N_IN_PROCESS')).toEqual([]);
    expect(dumpValues(ctx.db, '2025Q2', 'AK-ABC').find((r) => r.definedName === 'RV_loans_total_bal')?.value).toBe(123456.7);
    expect(ctx.parsePool?.spawned).toBe(WORKERS);
  });

  it('does not keep a process alive once its imports are done', { timeout: 60_000 }, () => {
    // A one-shot host that forgets to close its kept pool must still exit by itself.
    const script = join(dir, 'idle-pool.mts');
    const file = writeReport(ctx.db, { institution: 'AK-CCB', quarter: '2025Q1' }, join(dir, 'c', 'ccb.xlsx'));
    writeFileSync(
      script,
      [
        `import { openContext, importOptions } from ${JSON.stringify(join(REPO, 'src/services/api/context.ts'))};`,
        `import { importFiles } from ${JSON.stringify(join(REPO, 'src/services/import/importFiles.ts'))};`,
        `const ctx = openContext(${JSON.stringify(join(dir, 'other.sqlite'))}, { keepParsePool: true });`,
        `const r = await importFiles(ctx.db, { paths: [${JSON.stringify(file)}], receivedDate: '2025-04-03' }, {}, importOptions(ctx));`,
        `process.stdout.write(JSON.stringify({ accepted: r.accepted, spawned: ctx.parsePool.spawned }));`,
      ].join('\n'),
    );
    // Exits with the import's output (a pool holding the process open would hit the timeout and throw).
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(out)).toEqual({ accepted: 1, spawned: WORKERS });
  });
});
