/** What a CLI command is: a name, help text and a run function over the handler table. */
import type { HandlerTable } from '../api/contract';
import type { ParsedArgs } from './args';
import type { CliIO } from './io';

export interface CommandEnv {
  args: ParsedArgs;
  io: CliIO;
  json: boolean;
  /** Opens the database (at --db or the default) lazily and returns the handlers. */
  handlers: () => HandlerTable;
  dbPath: string;
}

export interface CommandDef {
  name: string;
  summary: string;
  usage: string;
  /** Options that take no value. */
  booleanFlags?: string[];
  /** True when this invocation only reads the database: it is then opened read-only and never changed. */
  readsOnly?: (args: ParsedArgs) => boolean;
  run: (env: CommandEnv) => Promise<number>;
}
