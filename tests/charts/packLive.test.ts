/**
 * The report pack while it runs: its progress reaches the caller chart by chart (the event
 * loop runs between charts, so IPC and the browser bridge can send it), a 取消 that arrives
 * as a message stops it, and a write to the database meanwhile stops it too — in each case
 * nothing half made is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import type { Progress } from '../../src/api/types';
import { memoryDb } from '../helpers/reports';
import { fillChartFixture } from './fixture';
import { chartsHandlers } from '../../src/services/api/charts';
import { wrapAll } from '../../src/services/api/wrap';
import { ERROR_MESSAGES } from '../../src/domain/errors';

const handlers = (d: DB) => wrapAll(chartsHandlers({ db: d, dbPath: ':memory:' }));
type Handlers = ReturnType<typeof handlers>;

let db: DB;
let work: string;
let pack: Handlers['charts.pack'];

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
  work = mkdtempSync(join(tmpdir(), 'rfm-pack-live-'));
  pack = handlers(db)['charts.pack'];
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('report pack while it runs', () => {
  it('lets the event loop run between charts, so each chart’s progress is sent while the next is drawn', async () => {
    // A counter moved by the event loop: a pack that never yields would report every chart at one count.
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const out = join(work, 'live');
    const r = await pack({ quarter: '2025Q3', out, region: 'ankang', dpi: 72, date: '2025-10-10' }, { onProgress: (p: Progress) => p.stage === '绘制图表' && seen.push(turns) });
    ticking = false;
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen).size).toBe(seen.length);
  }, 120_000);

  it('stops at a 取消 that arrives while it draws, and removes the folder it made', async () => {
    const ac = new AbortController();
    let drawn = 0;
    const r = await pack(
      { quarter: '2025Q3', out: join(work, 'cancelled'), region: 'ankang', dpi: 72, date: '2025-10-10', newFolder: true },
      {
        signal: ac.signal,
        onProgress: (p: Progress) => {
          if (p.stage !== '绘制图表') return;
          // The 取消 comes from outside (the window's message), not from inside the progress call.
          if (++drawn === 3) setImmediate(() => ac.abort());
        },
      },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_PACK_CANCELLED');
    expect(r.error.message).toBe(ERROR_MESSAGES.E_PACK_CANCELLED);
    expect(drawn).toBeLessThan(10);
    expect(existsSync(join(work, 'cancelled'))).toBe(true);
    expect(readdirSync(join(work, 'cancelled'))).toEqual([]);
  }, 120_000);

  it('stops when the database is written meanwhile, and takes back what it wrote into the given folder', async () => {
    const out = join(work, 'given');
    rmSync(out, { recursive: true, force: true });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(out);
    writeFileSync(join(out, '已有文件.txt'), '分析人员自己的文件');
    let drawn = 0;
    const r = await pack(
      { quarter: '2025Q3', out, region: 'ankang', dpi: 72, date: '2025-10-10' },
      {
        onProgress: (p: Progress) => {
          if (p.stage === '绘制图表' && ++drawn === 2) {
            // Another call — an import, a setting saved — writes between two charts.
            setImmediate(() => db.prepare("INSERT INTO meta (key, value) VALUES ('pack-live-test', '1')").run());
          }
        },
      },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_PACK_DATA_CHANGED');
    expect(r.error.message).toBe(ERROR_MESSAGES.E_PACK_DATA_CHANGED);
    expect(readdirSync(out)).toEqual(['已有文件.txt']);
  }, 120_000);
});
