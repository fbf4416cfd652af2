/**
 * The handler behind the ONE invoke channel (ipcMain.handle(CALL_CHANNEL)).
 * In order: the sender must be one of our pages; the envelope and call id must
 * be well-formed; the method must be one the shell or the service table knows;
 * the args must be a plain JSON object of bounded size and match the method's schema
 * (src/api/schemas.ts, one per contract method); every file path in them
 * must come from this session's dialogs or a drop (path-grants.ts). Only then is the call
 * answered by the shell (dialogs) or relayed to the utility process, with its
 * progress sent back to the calling page under the caller's call id.
 */
import type { BridgeArgs, BridgeResult, ShellMethod } from '../../src/api/contract';
import type { Progress } from '../../src/api/types';
import { appErrorOf, type AppError, type Result } from '../../src/domain/result';
import { argumentProblem } from '../../src/api/schemas';
import { EVENT_CHANNEL, type RendererEvent } from '../shared/messages';
import type { ServiceRelay } from './service-relay';
import { argsProblem, methodProblem, parseRequest } from './validate';
import { PathGrants } from './path-grants';

/** The part of an IpcMainInvokeEvent this handler uses (a real event satisfies it). */
export interface InvokeEventLike {
  sender: { id: number; send(channel: string, event: RendererEvent): void; isDestroyed(): boolean };
  senderFrame: { url: string } | null;
}

export type ShellHandlers = {
  [M in ShellMethod]: (args: BridgeArgs<M>, event: InvokeEventLike) => Promise<Result<BridgeResult<M>>>;
};

export interface CallHandlerDeps {
  relay: Pick<ServiceRelay, 'methods' | 'call' | 'cancel'>;
  shell: ShellHandlers;
  isTrustedSender(url: string): boolean;
  /** The paths this session's dialogs and drops produced (shared with the shell's dialogs); default: none. */
  grants?: PathGrants;
  /** The per-method argument check (default: the contract's schema table). */
  argumentProblem?: (method: string, args: unknown) => AppError | null;
}

/** The backups a result names (backup.list/create/setKeep/restore): the services' own answer, so they may be restored. */
function backupsIn(method: string, result: Result<unknown>): string[] {
  if (!result.ok || !method.startsWith('backup.')) return [];
  const v = result.value as { backups?: { file?: unknown }[]; file?: unknown; restored?: { file?: unknown }; safetyBackup?: { file?: unknown } };
  const files = [...(v.backups ?? []).map((b) => b.file), v.file, v.restored?.file, v.safetyBackup?.file];
  return files.filter((f): f is string => typeof f === 'string');
}

const refused = (error: AppError): Result<never> => ({ ok: false, error });

export function createCallHandler(deps: CallHandlerDeps): (event: InvokeEventLike, raw: unknown) => Promise<Result<unknown>> {
  const shellMethods = new Set(Object.keys(deps.shell));
  const grants = deps.grants ?? new PathGrants();
  const schemaProblem = deps.argumentProblem ?? argumentProblem;
  /** "<webContents id>:<callId>" → the relay's id (null for shell calls, which cannot be cancelled). */
  const inFlight = new Map<string, number | null>();

  return async (event, raw) => {
    const url = event.senderFrame?.url ?? '';
    if (!deps.isTrustedSender(url)) return refused(appErrorOf('E_IPC_SENDER', {}));
    const parsed = parseRequest(raw);
    if (!parsed.ok) return refused(parsed.error);
    const req = parsed.request;
    const key = `${event.sender.id}:${req.callId}`;

    if (req.kind === 'dropped') {
      grants.grantRead(req.paths);
      return { ok: true, value: true };
    }

    if (req.kind === 'cancel') {
      const id = inFlight.get(key);
      if (typeof id === 'number') deps.relay.cancel(id);
      return { ok: true, value: typeof id === 'number' };
    }

    if (inFlight.has(key)) return refused(appErrorOf('E_IPC_BUSY', { id: req.callId }));

    if (shellMethods.has(req.method)) {
      const bad = argsProblem(req.method, req.args) ?? schemaProblem(req.method, req.args);
      if (bad) return refused(bad);
      inFlight.set(key, null);
      try {
        const handler = deps.shell[req.method as ShellMethod] as (args: unknown, e: InvokeEventLike) => Promise<Result<unknown>>;
        return await handler(req.args, event);
      } finally {
        inFlight.delete(key);
      }
    }

    const known = await deps.relay.methods();
    if ('error' in known) return refused(known.error);
    const badMethod = methodProblem(req.method, known.methods);
    if (badMethod) return refused(badMethod);
    const badArgs = argsProblem(req.method, req.args) ?? schemaProblem(req.method, req.args);
    if (badArgs) return refused(badArgs);
    // Only paths this session's dialogs (or a drop) produced reach the services.
    const badPath = grants.problem(req.method, req.args);
    if (badPath) return refused(badPath);

    const onProgress = (progress: Progress): void => {
      if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, { kind: 'progress', callId: req.callId, progress });
    };
    const { id, result } = deps.relay.call(req.method, req.args, onProgress);
    inFlight.set(key, id);
    try {
      const answer = await result;
      grants.grantBackups(backupsIn(req.method, answer));
      return answer;
    } finally {
      inFlight.delete(key);
    }
  };
}
