/** Handlers of the history import (历史数据补录). */
import type { HistoryDataApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { failure } from '../../domain/result';
import { assertIntactForWriting } from '../db/database';
import { importHistory } from '../history/importHistory';
import { listLayouts } from '../history/layouts';
import { analystTargets, seedTargets } from '../targets/evaluate';
import { clearTargetPrior, listTargetPriors, setTargetPrior } from '../targets/prior';

export function historyDataHandlers(ctx: ServiceContext): ImplTable<keyof HistoryDataApi> {
  return {
    'historyData.import': (args) => {
      if (!args || typeof args.path !== 'string' || args.path === '') throw failure('E_NO_FILES', {});
      // Nothing is written into a damaged database (a dry run writes nothing and may go ahead).
      if (!args.dryRun) assertIntactForWriting(ctx.db);
      return importHistory(ctx.db, args);
    },
    'historyData.layouts': () => listLayouts(ctx.db),
    'targets.priors': () => listTargetPriors(ctx.db),
    'targets.setPrior': (a) => {
      const def = [...seedTargets(), ...analystTargets(ctx.db)].find((t) => t.id === a.target);
      if (!def) throw failure('E_TARGET_PRIOR', { problem: `目标「${a.target}」不存在。运行 targets 命令可查看全部目标。` });
      return setTargetPrior(ctx.db, def, a);
    },
    'targets.clearPrior': (a) => {
      clearTargetPrior(ctx.db, a.target);
      return { target: a.target };
    },
  };
}
