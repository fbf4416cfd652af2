/** What a CLI command is: a name, help text and a run function over the handler table. */
import type { HandlerTable } from '../api/contract';
import type { OptionSpec, ParsedArgs } from './args';
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
  /** One line per form of the command; names every option it declares. */
  usage: string;
  /**
   * Every option the command reads besides --db, --json and --help, with its kind
   * ('string' takes a value, 'boolean' none). Anything else on the command line is an
   * error (exit 2), and reading an undeclared one is a program error.
   */
  options: OptionSpec;
  /** True when the command takes arguments that are not options (import's files). */
  positionals?: boolean;
  /** True when this invocation only reads the database: it is then opened read-only and never changed. */
  readsOnly?: (args: ParsedArgs) => boolean;
  run: (env: CommandEnv) => Promise<number>;
}
