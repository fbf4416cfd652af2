/**
 * The parse worker: SheetJS runs here, off the main thread, so a large or
 * hostile file cannot freeze the app, and a runaway parse can be terminated.
 * Message in: { id, job }; out: { id, ok: true, snapshot } | { id, ok: false, message, error? }
 * (error: the AppError of a deliberate refusal, e.g. a zip bomb, passed on unchanged).
 */
import { parentPort } from 'node:worker_threads';
import { parseSnapshot, type ParseJob } from './snapshot';
import { AppFailure } from '../../domain/result';

interface Request {
  id: number;
  job: ParseJob;
}

const port = parentPort;
if (port) {
  port.on('message', (req: Request) => {
    try {
      port.postMessage({ id: req.id, ok: true, snapshot: parseSnapshot(req.job) });
    } catch (e) {
      port.postMessage({ id: req.id, ok: false, message: e instanceof Error ? e.message : String(e), ...(e instanceof AppFailure ? { error: e.appError } : {}) });
    }
  });
  port.postMessage({ ready: true });
}
