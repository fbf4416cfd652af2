/** Handlers for the report template and the sample report set. */
import type { TemplateApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { generateTemplate } from '../template/generate';

export function templateHandlers(ctx: ServiceContext): ImplTable<'template.generate'> {
  return {
    'template.generate': (args: TemplateApi['template.generate']['args']) => generateTemplate(ctx.db, args),
  };
}
