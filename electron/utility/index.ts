/**
 * Entry of the utility process (utilityProcess.fork): takes the database's
 * instance lock (one desktop window per database, src/services/db/instance-lock.ts),
 * opens the database in the user data folder, builds the handler table and
 * serves it to the main process over parentPort. Heavy work (import, export,
 * scoring) runs here, so it never blocks a window.
 */
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { toResult } from '../../src/services/api/wrap';
import { appErrorOf } from '../../src/domain/result';
import { acquireInstanceLock, type InstanceLock } from '../../src/services/db/instance-lock';
import type { FromService, ToService } from '../shared/messages';
import { chooseSqliteBinding } from './native-binding';
import { createServiceHost, readyMessage } from './service-host';

// V8 lets a heap with a 4 GB ceiling grow to up to 4× what survived its last full collection
// before collecting again; over a 10× import (3,420 reports) the main heap held ~46 MB alive
// yet reached 186 MB, most of the services' peak. Growing by half instead held it at ~106 MB
// (peak RSS 514 → 422 MB) for the same CPU (measured 2026-12-01, tests/bench/user-flow.bench.ts).
// V8 reads this flag at every full collection, so setting it here takes effect at once.
setFlagsFromString('--heap-growing-percent=50');

const port = process.parentPort;
const post = (message: FromService): void => port.postMessage(message);

let lock: InstanceLock | null = null;

function start(): ServiceContext | null {
  const appRoot = process.env['RFM_APP_ROOT'] ?? '';
  const dbPath = process.env['RFM_DB_PATH'];
  if (!dbPath) {
    post({ type: 'failed', error: appErrorOf('E_INTERNAL', {}) });
    return null;
  }
  const binding = chooseSqliteBinding(appRoot, existsSync);
  if (binding.kind === 'missing') {
    post({ type: 'failed', error: binding.error });
    return null;
  }
  if (binding.kind === 'dev') process.env['RFM_SQLITE_BINDING'] = binding.path;
  try {
    lock = acquireInstanceLock(dbPath);
    // The parse workers start with the services, so the first import does not wait for them.
    const ctx = openContext(dbPath, { keepParsePool: true });
    const handlers = createHandlers(ctx);
    const host = createServiceHost(handlers, post);
    port.on('message', (e) => host.receive(e.data as ToService));
    post(readyMessage(handlers));
    return ctx;
  } catch (e) {
    lock?.release();
    lock = null;
    const r = toResult(e);
    post({ type: 'failed', error: r.ok ? appErrorOf('E_INTERNAL', {}) : r.error });
    return null;
  }
}

const ctx = start();
process.on('exit', () => {
  if (ctx) closeContext(ctx);
  lock?.release();
});
