/** Handlers of the targets tracker. */
import { resolve } from 'node:path';
import type { TargetsApi } from '../../api/assessment-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { addTarget, evaluateTargets, exportTargets, removeTarget } from '../targets';
import { regionOrFail } from './registry';
import { pricingSheets, pricingTable } from '../pricing';
import { listRegions } from '../registry/regions';
import { latestQuarterWithData } from '../data/latestQuarter';
import { currentReportCount, requireReportsInQuarter } from '../data/reportsPresent';

export function targetsHandlers(ctx: ServiceContext): ImplTable<keyof TargetsApi> {
  const opts = (a: { quarter?: string; region?: string }) => ({ ...(a.quarter ? { quarter: a.quarter } : {}), ...(a.region ? { region: regionOrFail(ctx, a.region) } : {}) });
  return {
    'targets.evaluate': (a) => evaluateTargets(ctx.db, opts(a)),
    'targets.add': (a) => addTarget(ctx.db, a.target),
    'targets.remove': (a) => {
      removeTarget(ctx.db, a.id);
      return { id: a.id };
    },
    'targets.export': async (a) => {
      // Judged without a single report (at the quarter asked, else each region's latest), every target is 无数据: no export.
      const regions = a.region ? [regionOrFail(ctx, a.region)] : listRegions(ctx.db).map((r) => r.code);
      const judged = regions.filter((r) => {
        const q = a.quarter ?? latestQuarterWithData(ctx.db, r);
        return q !== null && currentReportCount(ctx.db, r, q, q) > 0;
      });
      if (judged.length === 0) requireReportsInQuarter(ctx.db, regions[0] ?? 'ankang', a.quarter ?? '', '目标跟踪表');
      const rows = evaluateTargets(ctx.db, opts(a));
      // A region's export carries the pricing tables its LPR target is judged by, at the same quarter.
      const quarter = rows.find((r) => r.quarter)?.quarter;
      const region = opts(a).region;
      const detail = region && quarter ? pricingSheets(pricingTable(ctx.db, { region, quarter })) : [];
      return { path: await exportTargets(resolve(a.out), rows, detail), rows };
    },
  };
}
