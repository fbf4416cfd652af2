/** Handlers of the LPR pricing table. */
import { resolve } from 'node:path';
import type { PricingApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { exportPricing, lprListing, pricingTable } from '../pricing';
import { addLprMonth, removeLprMonth } from '../targets/lpr';
import { latestQuarter } from '../targets/evaluate';
import { failure } from '../../domain/result';
import { regionOrFail } from './registry';

export function pricingHandlers(ctx: ServiceContext): ImplTable<keyof PricingApi> {
  const args = (a: { region?: string; quarter?: string }): { region: string; quarter: string } => {
    const region = a.region ? regionOrFail(ctx, a.region) : 'ankang';
    const quarter = a.quarter ?? latestQuarter(ctx.db, region);
    if (!quarter) throw failure('E_PRICING_NO_DATA', { region: (ctx.db.prepare('SELECT name FROM regions WHERE code = ?').get(region) as { name: string }).name });
    return { region, quarter };
  };
  return {
    'pricing.table': (a) => pricingTable(ctx.db, args(a)),
    'pricing.export': async (a) => {
      const t = pricingTable(ctx.db, args(a));
      return { path: await exportPricing(resolve(a.out), t), quarter: t.quarter };
    },
    'pricing.lpr': () => lprListing(ctx.db),
    'pricing.lprAdd': (a) => {
      addLprMonth(ctx.db, a);
      return lprListing(ctx.db);
    },
    'pricing.lprRemove': (a) => {
      removeLprMonth(ctx.db, a.month, a.reason);
      return lprListing(ctx.db);
    },
  };
}
