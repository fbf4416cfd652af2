/** Handlers for the report template and the sample report set. */
import type { TemplateApi } from '../../api/contract';
import { importOptions, type ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { generateTemplate } from '../template/generate';
import { assertIntactForWriting } from '../db/database';
import { loadSampleData } from '../template/loadSample';
import { generateSampleSet } from '../template/sampleSet';

export function templateHandlers(ctx: ServiceContext): ImplTable<keyof TemplateApi> {
  return {
    'template.generate': (args) => generateTemplate(ctx.db, args),
    'sample.generate': async (args, call) => {
      const r = await generateSampleSet(ctx.db, args, call.onProgress);
      return { files: r.files.map((f) => f.path), institutions: r.institutions, quarters: r.quarters };
    },
    'sample.load': (args, call) => {
      assertIntactForWriting(ctx.db, '加载示例数据');
      return loadSampleData(ctx.db, ctx.dbPath, args, call, importOptions(ctx));
    },
  };
}
