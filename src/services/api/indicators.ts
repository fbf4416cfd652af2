/** Handlers of the indicator area. */
import type { IndicatorsApi } from '../../api/assessment-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { computeIndicators, listIndicators } from '../indicators';
import { regionOrFail } from './registry';

export function indicatorsHandlers(ctx: ServiceContext): ImplTable<keyof IndicatorsApi> {
  return {
    'indicators.catalogue': () => listIndicators(),
    'indicators.compute': (args) =>
      computeIndicators(ctx.db, {
        quarter: args.quarter,
        ...(args.region ? { region: regionOrFail(ctx, args.region) } : {}),
        ...(args.ids ? { ids: args.ids } : {}),
        ...(args.scopes ? { scopes: args.scopes } : {}),
      }),
  };
}
