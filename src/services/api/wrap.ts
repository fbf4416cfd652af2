/**
 * Turns service functions (which may throw AppFailure) into handlers that
 * always resolve to a Result: nothing is swallowed, no promise hangs.
 */
import { AppFailure, errorOf, ok, type Result } from '../../domain/result';
import { debugDetail, storageFailure } from '../db/storageErrors';
import type { ArgsOf, CallContext, Handler, Method, ResultOf } from '../../api/contract';

export type Impl<M extends Method> = (args: ArgsOf<M>, call: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
export type ImplTable<K extends Method> = { [M in K]: Impl<M> };

export function toResult(e: unknown): Result<never> {
  if (e instanceof AppFailure) return { ok: false, error: e.appError };
  if (e instanceof Error && e.name === 'AbortError') return errorOf('E_CANCELLED', { what: '操作', left: '数据未作改动' });
  const storage = storageFailure(e);
  if (storage) return { ok: false, error: storage };
  // A defect: its English message and stack are for a developer (RFM_DEBUG=1), not the user.
  debugDetail('E_INTERNAL', e);
  return errorOf('E_INTERNAL', {});
}

export function wrap<M extends Method>(impl: Impl<M>): Handler<M> {
  return async (args, call) => {
    try {
      return ok(await impl(args ?? ({} as ArgsOf<M>), call));
    } catch (e) {
      return toResult(e);
    }
  };
}

export function wrapAll<K extends Method>(impls: ImplTable<K>): { [M in K]: Handler<M> } {
  const out = {} as { [M in K]: Handler<M> };
  for (const key of Object.keys(impls) as K[]) {
    (out as Record<K, unknown>)[key] = wrap(impls[key] as Impl<typeof key>);
  }
  return out;
}
