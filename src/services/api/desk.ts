/** Handlers of the analyst's desk: the banks' texts. */
import type { DeskTextsApi } from '../../api/desk-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { listTexts } from '../texts/list';

export function deskHandlers(ctx: ServiceContext): ImplTable<keyof DeskTextsApi> {
  return {
    'texts.list': (args) => listTexts(ctx.db, args),
  };
}
