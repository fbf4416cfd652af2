/** Handlers of the targets tracker. */
import { resolve } from 'node:path';
import type { TargetsApi } from '../../api/assessment-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { addTarget, evaluateTargets, exportTargets, removeTarget } from '../targets';
import { regionOrFail } from './registry';
import { pricingSheets, pricingTable } from '../pricing';

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
      const rows = evaluateTargets(ctx.db, opts(a));
      // A region's export carries the pricing tables its LPR target is judged by, at the same quarter.
      const quarter = rows.find((r) => r.quarter)?.quarter;
      const region = opts(a).region;
      const detail = region && quarter ? pricingSheets(pricingTable(ctx.db, { region, quarter })) : [];
      return { path: await exportTargets(resolve(a.out), rows, detail), rows };
    },
  };
}
