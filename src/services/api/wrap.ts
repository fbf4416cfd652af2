/**
 * Turns service functions (which may throw AppFailure) into handlers that
 * always resolve to a Result: nothing is swallowed, no promise hangs.
 */
import { AppFailure, err, ok, type Result } from '../../domain/result';
import type { ArgsOf, CallContext, Handler, Method, ResultOf } from '../../api/contract';

export type Impl<M extends Method> = (args: ArgsOf<M>, call: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
export type ImplTable<K extends Method> = { [M in K]: Impl<M> };

export function toResult(e: unknown): Result<never> {
  if (e instanceof AppFailure) return { ok: false, error: e.appError };
  if (e instanceof Error && e.name === 'AbortError') return err('E_CANCELLED', '操作已取消，数据未作改动。');
  const msg = e instanceof Error ? e.message : String(e);
  if (/SQLITE_FULL|database or disk is full|ENOSPC/i.test(msg)) return err('E_DISK_FULL', '磁盘空间已满，操作未完成，数据库保持原样。请清理磁盘后重试。');
  if (/SQLITE_READONLY|readonly database|EACCES|EPERM|EROFS/i.test(msg)) {
    return err('E_READ_ONLY', `没有写入权限，操作未完成，数据库保持原样：${msg}`);
  }
  if (/SQLITE_BUSY|database is locked/i.test(msg)) return err('E_DB_BUSY', '数据库正被另一个程序使用，请关闭其他窗口后重试。');
  return err('E_INTERNAL', `程序内部错误：${msg}`);
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
