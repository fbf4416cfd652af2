/**
 * The parse worker: SheetJS runs here, off the main thread, so a large or
 * hostile file cannot freeze the app, and a runaway parse can be terminated.
 * Message in: { id, job }; out: { id, ok: true, packed } | { id, ok: false, message, error? }
 * (packed: the snapshot as packed.ts packs it, transferred, not copied; error: the AppError
 * of a deliberate refusal, e.g. a zip bomb, passed on unchanged).
 */
import { parentPort } from 'node:worker_threads';
import { parseSnapshot, type ParseJob } from './snapshot';
import { packSnapshot } from './packed';
import { AppFailure } from '../../domain/result';

interface Request {
  id: number;
  job: ParseJob;
}

const port = parentPort;
if (port) {
  const handle = async (req: Request): Promise<void> => {
    try {
      const packed = packSnapshot(await parseSnapshot(req.job));
      port.postMessage({ id: req.id, ok: true, packed }, [packed.buffer]);
    } catch (e) {
      port.postMessage({ id: req.id, ok: false, message: e instanceof Error ? e.message : String(e), ...(e instanceof AppFailure ? { error: e.appError } : {}) });
    }
  };
  // One job at a time, replies in the order the jobs came: the pool matches each reply
  // to the oldest job it posted here (an .xls waiting for its code pages must not be overtaken).
  let queue = Promise.resolve();
  port.on('message', (req: Request) => {
    queue = queue.then(() => handle(req));
  });
  port.postMessage({ ready: true });
}
