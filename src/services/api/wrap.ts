/**
 * Turns service functions (which may throw AppFailure) into handlers that
 * always resolve to a Result: nothing is swallowed, no promise hangs.
 */
import { AppFailure, err, ok, type Result } from '../../domain/result';
import { INTERNAL_ERROR_MESSAGE, debugDetail, storageFailure } from '../db/storageErrors';
import type { ArgsOf, CallContext, Handler, Method, ResultOf } from '../../api/contract';

export type Impl<M extends Method> = (args: ArgsOf<M>, call: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
export type ImplTable<K extends Method> = { [M in K]: Impl<M> };

export function toResult(e: unknown): Result<never> {
  if (e instanceof AppFailure) return { ok: false, error: e.appError };
  if (e instanceof Error && e.name === 'AbortError') return err('E_CANCELLED', '操作已取消，数据未作改动。');
  const storage = storageFailure(e);
  if (storage) return { ok: false, error: storage };
  // A defect: its English message and stack are for a developer (RFM_DEBUG=1), not the user.
  debugDetail('E_INTERNAL', e);
  return err('E_INTERNAL', INTERNAL_ERROR_MESSAGE);
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
