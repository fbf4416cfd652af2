/** Handlers of the 金融兴产强县 progress area. */
import { resolve } from 'node:path';
import type { ProgressApi } from '../../api/assessment-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { defaultMeasure, exportProgress, getCountyTargets, importCountyTargets, listMeasures, progressSettings, progressTable, setCountyTarget, setProgressSettings } from '../progress';
import { regionOrFail } from './registry';
import { requireReportsInQuarter } from '../data/reportsPresent';

export function progressHandlers(ctx: ServiceContext): ImplTable<keyof ProgressApi> {
  const region = (r?: string): string => (r ? regionOrFail(ctx, r) : 'ankang');
  return {
    'progress.table': (a) => progressTable(ctx.db, { year: a.year, quarter: a.quarter, region: region(a.region) }),
    'progress.export': async (a) => {
      const table = progressTable(ctx.db, { year: a.year, quarter: a.quarter, region: region(a.region) });
      requireReportsInQuarter(ctx.db, table.region, table.quarter, '「金融兴产强县」进度表');
      return { path: await exportProgress(resolve(a.out), table), table };
    },
    'progress.targets': (a) => getCountyTargets(ctx.db, region(a.region), a.year),
    'progress.setTarget': (a) => setCountyTarget(ctx.db, a),
    'progress.importTargets': (a) => importCountyTargets(ctx.db, a.path, a.year !== undefined ? { year: a.year } : {}),
    'progress.measures': () =>
      listMeasures().map((m) => ({ id: m.id, label: m.label, short: m.short, kind: m.kind, judge: m.judge, definition: m.definition, isDefault: m.id === defaultMeasure().id })),
    'progress.settings': (a) => progressSettings(ctx.db, region(a.region)),
    'progress.setSettings': (a) => setProgressSettings(ctx.db, region(a.region), { timeMethod: a.timeMethod }),
  };
}
