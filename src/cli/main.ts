/**
 * `npm run cli -- <command>`: the command-line face of the same handler table
 * the desktop app uses. Exit code 0 on success, non-zero with a Chinese message.
 */
import { resolve } from 'node:path';
import { CliUsageError, opt, parseArgs } from './args';
import { processIO, type CliIO } from './io';
import { COMMANDS } from './commands/index';
import type { HandlerTable } from '../api/contract';
import { closeContext, defaultDbPath, openContext, type ServiceContext } from '../services/api/context';
import { createHandlers } from '../services/api/handlers';
import { toResult } from '../services/api/wrap';
import { AppFailure, formatError } from '../domain/result';

function help(io: CliIO): void {
  io.out('用法：npm run cli -- <命令> [选项]    （所有命令均支持 --db PATH 与 --json）\n');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const allFlags = new Set(['json', 'help', ...COMMANDS.flatMap((c) => c.booleanFlags ?? [])]);
  const args = parseArgs(argv, allFlags);
  const json = args.flags.has('json');
  if (!args.command || args.command === 'help' || args.flags.has('help')) {
    help(io);
    return args.command ? 0 : 1;
  }
  const cmd = COMMANDS.find((c) => c.name === args.command);
  if (!cmd) {
    io.err(`错误：未知命令「${args.command}」。运行 npm run cli -- help 查看全部命令。`);
    return 1;
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
