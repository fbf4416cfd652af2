/** A small argv parser: `cmd pos1 pos2 --flag --key value --key=value`. */
export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const out: ParsedArgs = { command: null, positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) {
        push(out, name, a.slice(eq + 1));
      } else if (booleanFlags.has(name) || i + 1 >= argv.length || (argv[i + 1] ?? '').startsWith('--')) {
        out.flags.add(name);
      } else {
        push(out, name, argv[++i] ?? '');
      }
    } else if (out.command === null) {
      out.command = a;
    } else {
      out.positionals.push(a);
    }
  }
  return out;
}

function push(out: ParsedArgs, name: string, value: string): void {
  const list = out.options.get(name) ?? [];
  list.push(value);
  out.options.set(name, list);
}

export function opt(a: ParsedArgs, name: string): string | undefined {
  const v = a.options.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function optNumber(a: ParsedArgs, name: string): number | undefined {
  const v = opt(a, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliUsageError(`参数 --${name} 应为数字，收到「${v}」。`);
  return n;
}

export function required(a: ParsedArgs, name: string): string {
  const v = opt(a, name);
  if (v === undefined || v === '') throw new CliUsageError(`缺少参数 --${name}。`);
  return v;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
