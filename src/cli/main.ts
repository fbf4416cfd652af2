/**
 * `npm run cli -- <command>`: the command-line face of the same handler table
 * the desktop app uses. Exit code 0 on success, non-zero with a Chinese message.
 */
import { resolve } from 'node:path';
import { CliParseError, CliUsageError, GLOBAL_OPTIONS, findCommand, opt, parseCommandArgs } from './args';
import { processIO, type CliIO } from './io';
import { COMMANDS } from './commands/index';
import type { HandlerTable } from '../api/contract';
import { closeContext, defaultDbPath, openContext, type ServiceContext } from '../services/api/context';
import { createHandlers } from '../services/api/handlers';
import { toResult } from '../services/api/wrap';
import { AppFailure, formatError } from '../domain/result';
import { errorMessage } from '../domain/errors';

function help(io: CliIO): void {
  io.out('用法：npm run cli -- <命令> [选项]    （所有命令均支持 --db PATH 与 --json；<命令> --help 显示该命令的用法）\n');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const { command, rest } = findCommand(argv);
  const cmd = command === null || command === 'help' ? null : COMMANDS.find((c) => c.name === command);
  if (cmd === undefined) {
    io.err(`错误：${errorMessage('E_CLI_COMMAND', { command: String(command) })}`);
    return 1;
  }
  let args;
  try {
    args = parseCommandArgs(command, rest, cmd ?? { options: GLOBAL_OPTIONS });
  } catch (e) {
    if (!(e instanceof CliParseError)) throw e;
    io.err(`错误：${e.message}\n用法：${cmd ? cmd.usage : 'npm run cli -- <命令> [选项]（npm run cli -- help 查看全部命令）'}`);
    return 2;
  }
  const json = args.flags.has('json');
  if (!cmd) {
    help(io);
    return command || args.flags.has('help') ? 0 : 1;
  }
  if (args.flags.has('help')) {
    io.out(`用法：npm run cli -- ${cmd.usage}\n  ${cmd.summary}`);
    return 0;
  }
  const dbPath = resolve(opt(args, 'db') ?? defaultDbPath());
  let ctx: ServiceContext | null = null;
  let table: HandlerTable | null = null;
  const handlers = (): HandlerTable => {
    if (!table) {
      ctx = openContext(dbPath, { readOnly: cmd.readsOnly?.(args) === true });
      table = createHandlers(ctx);
    }
    return table;
  };
  try {
    return await cmd.run({ args, io, json, handlers, dbPath });
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.err(`错误：${e.message}\n用法：${cmd.usage}`);
      return 1;
    }
    if (e instanceof AppFailure) {
      io.err(`错误：${formatError(e.appError)}`);
      return 1;
    }
    // Never the English message or a stack with install paths: toResult says it in Chinese (RFM_DEBUG=1 shows the detail).
    const r = toResult(e);
    io.err(`错误：${r.ok ? '' : formatError(r.error)}`);
    return 1;
  } finally {
    if (ctx) closeContext(ctx);
  }
}

const isMain = process.argv[1] !== undefined && /[\\/]cli[\\/]main\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const r = toResult(e);
      process.stderr.write(`错误：${r.ok ? '' : formatError(r.error)}\n`);
      process.exitCode = 1;
    },
  );
}
