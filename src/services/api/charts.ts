/** Handlers of the charts area: the catalogue, options, export and the report pack. */
import type { ChartsApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { buildChart, chartImage, exportChart, listCharts, writePack } from '../charts';
import { chartFigures } from '../explain';

export function chartsHandlers(ctx: ServiceContext): ImplTable<keyof ChartsApi> {
  return {
    'charts.list': () => listCharts(),
    'charts.option': (args) => {
      const built = buildChart(ctx.db, args.id, args.params, {
        ...(args.amountUnit ? { amountUnit: args.amountUnit } : {}),
        ...(args.animation !== undefined ? { animation: args.animation } : {}),
      });
      return { id: built.id, title: built.title, params: built.params, option: built.option, aspect: built.aspect, figures: chartFigures(ctx.db, built.id, built.params) };
    },
    'charts.export': (args) => exportChart(ctx.db, args),
    'charts.image': (args) => chartImage(ctx.db, args),
    'charts.pack': (args, call) =>
      writePack(
        ctx.db,
        {
          quarter: args.quarter,
          out: args.out,
          ...(args.region ? { region: args.region } : {}),
          ...(args.widthCm !== undefined ? { widthCm: args.widthCm } : {}),
          ...(args.dpi !== undefined ? { dpi: args.dpi } : {}),
          ...(args.date ? { date: args.date } : {}),
          ...(args.newFolder ? { newFolder: true } : {}),
        },
        (p) => call.onProgress?.({ stage: p.stage, done: p.done, total: p.total, ...(p.file ? { file: p.file } : {}) }),
        call.signal,
      ),
  };
}
