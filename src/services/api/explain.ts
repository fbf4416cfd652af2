/** Handlers of provenance: a figure's explanation (数据来源) and the report view (报表查看) with its version diff. */
import type { ExplainApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { failure } from '../../domain/result';
import { explainFigure, reportDiff, reportView } from '../explain';

export function explainHandlers(ctx: ServiceContext): ImplTable<keyof ExplainApi> {
  return {
    'figure.explain': (args) => {
      if (!args || typeof args !== 'object' || typeof args.kind !== 'string') throw failure('E_FIGURE_KIND', { kind: '' });
      return explainFigure(ctx.db, args);
    },
    'report.view': (args) => reportView(ctx.db, args),
    'report.diff': (args) => reportDiff(ctx.db, args.from, args.to),
  };
}
