/**
 * The handlers' output-path resolution: every call whose arguments name an
 * `out` (a file or, for the methods below, a folder) has it checked and
 * resolved by resolveOutput before the handler runs, so no handler — and no
 * new one added later — can write onto the database or into its backups.
 */
import type { ArgsOf, Method } from '../../api/contract';
import type { ServiceContext } from './context';
import type { Impl, ImplTable } from './wrap';
import { resolveOutput, type OutputKind } from '../files/outputs';

/** Methods whose `out` is a folder they fill; every other `out` is one file. */
const FOLDER_OUTPUTS: ReadonlySet<Method> = new Set<Method>(['sample.generate', 'sample.load', 'charts.pack']);

function checked<M extends Method>(ctx: ServiceContext, method: M, args: ArgsOf<M>): ArgsOf<M> {
  const out = (args as { out?: unknown } | undefined)?.out;
  if (out === undefined) return args;
  const kind: OutputKind = FOLDER_OUTPUTS.has(method) ? 'folder' : 'file';
  return { ...args, out: resolveOutput(ctx.dbPath, typeof out === 'string' ? out : '', kind) };
}

export function withOutputChecks<K extends Method>(ctx: ServiceContext, impls: ImplTable<K>): ImplTable<K> {
  const guarded = {} as Record<K, unknown>;
  for (const method of Object.keys(impls) as K[]) {
    const impl = impls[method] as Impl<typeof method>;
    guarded[method] = ((args, call) => impl(checked(ctx, method, args), call)) satisfies Impl<typeof method>;
  }
  return guarded as ImplTable<K>;
}
