/** Handlers of region facts and coverage lists. */
import type { CoverageApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { addCoverage, coverageStatus, importCoverage, listCoverage, listRegionFacts, removeCoverage, setRegionFact } from '../coverage';
import { formatDate } from '../../domain/quarter';
import { today } from '../../domain/clock';
import { regionOrFail } from './registry';

export function coverageHandlers(ctx: ServiceContext): ImplTable<keyof CoverageApi> {
  const region = (r?: string): string => (r ? regionOrFail(ctx, r) : 'bishan');
  return {
    'coverage.facts': (a) => listRegionFacts(ctx.db, region(a.region)),
    'coverage.setFact': (a) => setRegionFact(ctx.db, { ...a, region: region(a.region) }),
    'coverage.status': (a) => coverageStatus(ctx.db, region(a.region), a.kind, a.date ?? formatDate(today())),
    'coverage.list': (a) => listCoverage(ctx.db, region(a.region), a.kind, a.unit),
    'coverage.add': (a) => addCoverage(ctx.db, { ...a, region: region(a.region) }),
    'coverage.remove': (a) => {
      removeCoverage(ctx.db, a.id);
      return { id: a.id };
    },
    'coverage.import': (a) => importCoverage(ctx.db, a.path, { region: region(a.region), kind: a.kind, ...(a.asOf ? { asOf: a.asOf } : {}), ...(a.source ? { source: a.source } : {}) }),
  };
}
