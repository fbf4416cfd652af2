/**
 * The command line, strictly: `<command> [positionals] --option value --flag --option=value`,
 * read by Node's util.parseArgs. Each command declares its options (CommandDef.options);
 * an option it does not declare, a missing value, a value given to a flag or a positional
 * where the command takes none is a CliParseError (exit 2, with the command's usage), in
 * Chinese, never silently ignored.
 */
import { parseArgs as parseNodeArgs } from 'node:util';

/** 'string' takes a value (and may be repeated; the last one counts unless the command reads all); 'boolean' takes none. */
export type OptionKind = 'string' | 'boolean';
export type OptionSpec = Readonly<Record<string, OptionKind>>;

/** What every command accepts besides its own options. */
export const GLOBAL_OPTIONS = { db: 'string', json: 'boolean', help: 'boolean' } as const satisfies OptionSpec;

export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  /** Every value of each string option, in the order given. */
  options: Map<string, string[]>;
  flags: Set<string>;
  /** The options the command declared (with the global ones): reading any other is a program error. */
  declared: ReadonlySet<string>;
}

/** The command line is wrong in a way that needs the usage shown (missing or bad option values). Exit 1. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** The command line could not be read at all: unknown option, missing value, stray argument. Exit 2. */
export class CliParseError extends CliUsageError {
  override name = 'CliParseError';
}

/** What a command tells the parser: its options and whether it takes positional arguments. */
export interface CommandSyntax {
  options: OptionSpec;
  positionals?: boolean;
}

/** The first argument that is not a global option (or its value) is the command. */
export function findCommand(argv: readonly string[]): { command: string | null; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--db') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return { command: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { command: null, rest: [...argv] };
}

/** Edit distance, to suggest the option a typo meant (--regoin → --region). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

function suggestion(name: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(1, Math.floor(name.length / 3)) ? `（是否想输入 --${best.k}？）` : '';
}

/**
 * Reads the arguments after the command against its syntax (plus the global options).
 * util.parseArgs runs without `strict` only so that every problem gets a Chinese
 * sentence here; the checks below are those of strict mode, and nothing unknown passes.
 */
export function parseCommandArgs(command: string | null, rest: readonly string[], syntax: CommandSyntax): ParsedArgs {
  const spec: Record<string, OptionKind> = { ...GLOBAL_OPTIONS, ...syntax.options };
  const names = Object.keys(spec);
  const { tokens } = parseNodeArgs({
    args: [...rest],
    options: Object.fromEntries(names.map((n) => [n, { type: spec[n] as OptionKind, multiple: true }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const out: ParsedArgs = { command, positionals: [], options: new Map(), flags: new Set(), declared: new Set(names) };
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      if (!syntax.positionals) throw new CliParseError(`多余的参数「${t.value}」：此命令不接受${t.value.startsWith('-') ? '这个选项' : '选项以外的参数'}。`);
      out.positionals.push(t.value);
      continue;
    }
    const kind = Object.hasOwn(spec, t.name) ? spec[t.name] : undefined;
    if (kind === undefined || t.rawName.length === 2) {
      throw new CliParseError(`未知选项 ${t.rawName}${suggestion(t.name, names)}。`);
    }
    if (kind === 'boolean') {
      if (t.value !== undefined) throw new CliParseError(`选项 --${t.name} 不带取值，收到「${t.value}」。`);
      out.flags.add(t.name);
      continue;
    }
    // A string option needs a value: `--quarter` last, or followed by another option, has none.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) throw new CliParseError(`选项 --${t.name} 缺少取值。`);
    const list = out.options.get(t.name) ?? [];
    list.push(t.value);
    out.options.set(t.name, list);
  }
  return out;
}

function declared(a: ParsedArgs, name: string): void {
  // A program error, not a user's: the command reads an option it did not declare.
  if (!a.declared.has(name)) throw new Error(`command ${a.command ?? '(none)'} reads --${name}, which it does not declare in CommandDef.options`);
}

export function opt(a: ParsedArgs, name: string): string | undefined {
  declared(a, name);
  const v = a.options.get(name);
  return v ? v[v.length - 1] : undefined;
}

/** Every value of a repeatable option (`--explain A=… --explain B=…`). */
export function optAll(a: ParsedArgs, name: string): string[] {
  declared(a, name);
  return a.options.get(name) ?? [];
}

export function flag(a: ParsedArgs, name: string): boolean {
  declared(a, name);
  return a.flags.has(name);
}

export function optNumber(a: ParsedArgs, name: string): number | undefined {
  const v = opt(a, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new CliUsageError(`参数 --${name} 应为数字，收到「${v}」。`);
  return n;
}

export function required(a: ParsedArgs, name: string): string {
  const v = opt(a, name);
  if (v === undefined || v === '') throw new CliUsageError(`缺少参数 --${name}。`);
  return v;
}
