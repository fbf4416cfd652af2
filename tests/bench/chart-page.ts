/**
 * The 图表 page as the window opens it: one `charts.option` call (the option and its
 * 数据来源 figures) per chart of the quarter, both regions — through the handler table (the
 * charts part) or sent to the services process (the user-flow bench). Both time the same calls.
 */
import type { DB } from '../../src/services/db/database';
import type { ChartOptionArgs } from '../../src/api/charts-types';
import type { Result } from '../../src/domain/result';
import { chartInstances } from '../../src/services/charts';

/** How a bench makes a charts.option call. */
export type ChartOptionCall = (args: ChartOptionArgs) => Promise<Result<unknown>>;

export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Every chart option of the quarter for each region; returns how many were built. */
export async function openChartPage(call: ChartOptionCall, db: DB, quarter: string, regions: readonly string[]): Promise<number> {
  let n = 0;
  for (const region of regions) {
    for (const i of chartInstances(db, quarter, region)) {
      const r = await call({ id: i.id, params: i.params, amountUnit: 'auto', animation: false });
      if (!r.ok) throw new Error(r.error.message);
      n++;
    }
  }
  return n;
}

/** One visit: wall time, CPU time (this process's, or what `cpu` reads: the services process's) and the calls made. */
export async function timed(run: () => Promise<number>, cpu: () => number | Promise<number> = cpuMs): Promise<{ ms: number; cpuMs: number; calls: number }> {
  const c = await cpu();
  const t = performance.now();
  const calls = await run();
  const ms = performance.now() - t;
  return { ms, cpuMs: (await cpu()) - c, calls };
}
