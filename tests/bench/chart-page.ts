/**
 * The 图表 page as the window opens it: one `charts.option` call (the option and its
 * 数据来源 figures) per chart of the quarter, both regions, through the handler table. The
 * user-flow bench and the charts part time the same calls.
 */
import type { DB } from '../../src/services/db/database';
import type { createHandlers } from '../../src/services/api/handlers';
import { chartInstances } from '../../src/services/charts';

export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Every chart option of the quarter for each region; returns how many were built. */
export async function openChartPage(h: ReturnType<typeof createHandlers>, db: DB, quarter: string, regions: readonly string[]): Promise<number> {
  let n = 0;
  for (const region of regions) {
    for (const i of chartInstances(db, quarter, region)) {
      const r = await h['charts.option']({ id: i.id, params: i.params, amountUnit: 'auto', animation: false }, {});
      if (!r.ok) throw new Error(r.error.message);
      n++;
    }
  }
  return n;
}

/** One visit: wall time, this process's CPU time and the calls made. */
export async function timed(run: () => Promise<number>): Promise<{ ms: number; cpuMs: number; calls: number }> {
  const c = cpuMs();
  const t = performance.now();
  const calls = await run();
  return { ms: performance.now() - t, cpuMs: cpuMs() - c, calls };
}
