/**
 * The handler table: one object, keyed by method name, that Electron IPC, the
 * CLI and the browser harness all call. Each area contributes its handlers;
 * every `out` they are given is checked first (outputs.ts).
 */
import type { HandlerTable } from '../../api/contract';
import type { ServiceContext } from './context';
import { wrapAll } from './wrap';
import { registryHandlers } from './registry';
import { templateHandlers } from './template';
import { backupHandlers } from './backup';
import { assessmentAreaHandlers } from './assessment-area';
import { importHandlers } from './import';
import { chartsHandlers } from './charts';
import { ledgerHandlers } from './ledger';
import { coverageHandlers } from './coverage';
import { withOutputChecks } from './outputs';
import { explainHandlers } from './explain';
import { calendarHandlers } from './calendar';
import { historyDataHandlers } from './history';
import { deskHandlers } from './desk';

export function createHandlers(ctx: ServiceContext): HandlerTable {
  return wrapAll(
    withOutputChecks(ctx, {
      ...registryHandlers(ctx),
      ...templateHandlers(ctx),
      ...backupHandlers(ctx),
      ...assessmentAreaHandlers(ctx),
      ...importHandlers(ctx),
      ...chartsHandlers(ctx),
      ...ledgerHandlers(ctx),
      ...coverageHandlers(ctx),
      ...explainHandlers(ctx),
      ...calendarHandlers(ctx),
      ...historyDataHandlers(ctx),
      ...deskHandlers(ctx),
    }),
  );
}
