/**
 * The handler table: one object, keyed by method name, that Electron IPC, the
 * CLI and the browser harness all call. Each area contributes its handlers;
 * every `out` they are given is checked first (outputs.ts).
 */
import type { HandlerTable, Method } from '../../api/contract';
import type { ServiceContext } from './context';
import { wrapAll } from './wrap';
import { DataRevision } from './revision';
import { registryHandlers } from './registry';
import { dataHandlers } from './data';
import { templateHandlers } from './template';
import { backupHandlers } from './backup';
import { assessmentAreaHandlers } from './assessment-area';
import { importHandlers } from './import';
import { chartsHandlers } from './charts';
import { ledgerHandlers } from './ledger';
import { coverageHandlers } from './coverage';
import { pricingHandlers } from './pricing';
import { withOutputChecks } from './outputs';
import { explainHandlers } from './explain';
import { calendarHandlers } from './calendar';
import { historyDataHandlers } from './history';
import { deskHandlers } from './desk';
import { tableExportHandlers } from './table-export';

export function createHandlers(ctx: ServiceContext): HandlerTable {
  const revision = new DataRevision(() => ctx.db);
  const table = wrapAll(
    withOutputChecks(ctx, {
      ...registryHandlers(ctx),
      ...dataHandlers(ctx, revision),
      ...templateHandlers(ctx),
      ...backupHandlers(ctx),
      ...assessmentAreaHandlers(ctx),
      ...importHandlers(ctx),
      ...chartsHandlers(ctx),
      ...ledgerHandlers(ctx),
      ...coverageHandlers(ctx),
      ...pricingHandlers(ctx),
      ...explainHandlers(ctx),
      ...calendarHandlers(ctx),
      ...historyDataHandlers(ctx),
      ...deskHandlers(ctx),
      ...tableExportHandlers(),
    }),
  );
  return observedBy(table, revision);
}

/**
 * Every call is bracketed by a look at SQLite's change counters (see revision.ts):
 * whatever a handler writes moves the data revision, with no handler having to say so.
 */
function observedBy(table: HandlerTable, revision: DataRevision): HandlerTable {
  const out = {} as Record<Method, unknown>;
  for (const method of Object.keys(table) as Method[]) {
    const handler = table[method] as (args: unknown, call: unknown) => Promise<unknown>;
    out[method] = async (args: unknown, call: unknown) => {
      revision.observe();
      try {
        return await handler(args, call);
      } finally {
        revision.observe();
      }
    };
  }
  return out as HandlerTable;
}
