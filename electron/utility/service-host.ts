/**
 * The utility process's side: serves the handler table to the main process.
 * Each call gets an AbortController (cancel aborts its signal) and reports
 * progress under its id; every call ends in exactly one result message.
 */
import type { CallContext, HandlerTable } from '../../src/api/contract';
import { appErrorOf, type Result } from '../../src/domain/result';
import { toResult } from '../../src/services/api/wrap';
import type { FromService, ToService } from '../shared/messages';

type AnyHandler = (args: unknown, call: CallContext) => Promise<Result<unknown>>;

export interface ServiceHost {
  /** Feed every message from the main process here. */
  receive(message: ToService): void;
  /** Calls still running (for tests and for a clean shutdown). */
  running(): number;
}

export function createServiceHost(handlers: HandlerTable, post: (message: FromService) => void): ServiceHost {
  const table = handlers as unknown as Record<string, AnyHandler>;
  const controllers = new Map<number, AbortController>();

  async function run(id: number, method: string, args: unknown): Promise<void> {
    const handler = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!handler) {
      post({ type: 'result', id, result: { ok: false, error: appErrorOf('E_IPC_METHOD', { method }) } });
      return;
    }
    const controller = new AbortController();
    controllers.set(id, controller);
    let result: Result<unknown>;
    try {
      result = await handler(args, { onProgress: (progress) => post({ type: 'progress', id, progress }), signal: controller.signal });
    } catch (e) {
      // Handlers are wrapped and should never throw; if one does, the caller still gets a Result.
      result = toResult(e);
    } finally {
      controllers.delete(id);
    }
    post({ type: 'result', id, result });
  }

  return {
    receive(message) {
      if (message.type === 'call') void run(message.id, message.method, message.args);
      else controllers.get(message.id)?.abort();
    },
    running: () => controllers.size,
  };
}

export function readyMessage(handlers: HandlerTable): FromService {
  return { type: 'ready', methods: Object.keys(handlers).sort() };
}
