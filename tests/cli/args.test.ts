/**
 * The command line is read strictly: an option the command does not declare, a missing
 * value, a value given to a flag or a stray argument is a Chinese error with the
 * command's usage and exit code 2 — never silently ignored.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cli } from '../helpers/cli';
import { COMMANDS } from '../../src/cli/commands/index';
import { GLOBAL_OPTIONS, findCommand, opt, parseCommandArgs } from '../../src/cli/args';
import { CLI, runTs } from '../hardening/helpers/spawn';

const usageOf = (name: string): string => COMMANDS.find((c) => c.name === name)?.usage ?? '';

describe('strict command lines', () => {
  it('an unknown option: exit 2, the option named, the likely one suggested, the usage shown; nothing runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rfm-args-'));
    try {
      const db = join(dir, 'never.sqlite');
      const r = await cli(['institutions', '--regoin', 'bishan', '--db', db]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`错误：未知选项 --regoin（是否想输入 --region？）。\n用法：${usageOf('institutions')}\n`);
      const { existsSync } = await import('node:fs');
      expect(existsSync(db)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing value, a value given to a flag, a stray argument, a short option: exit 2 in Chinese', async () => {
    const cases: Array<[string[], string]> = [
      [['dump', '--quarter'], '选项 --quarter 缺少取值。'],
      [['dump', '--quarter', '--json'], '选项 --quarter 缺少取值。'],
      [['institutions', '--all=yes'], '选项 --all 不带取值，收到「yes」。'],
      [['institutions', 'bishan'], '多余的参数「bishan」：此命令不接受选项以外的参数。'],
      [['batches', '-n', '5'], '未知选项 -n。'],
      [['status', '--quater', '2025Q3'], '未知选项 --quater（是否想输入 --quarter？）。'],
      [['init', '--dbb', 'x'], '未知选项 --dbb（是否想输入 --db？）。'],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.split('\n')[0], argv.join(' ')).toBe(`错误：${message}`);
      expect(r.err).toContain('用法：');
    }
  });

  it('values may be given as --name=value, may start with a dash after =, and a repeated option keeps every value', () => {
    const importDef = COMMANDS.find((c) => c.name === 'import');
    if (!importDef) throw new Error('no import command');
    const { command, rest } = findCommand(['--db', 'x.sqlite', 'import', 'a.xlsx', '--explain=K1=说明一', '--explain', 'K2=说明二', '--note=-备注', '--dry-run', '--', '--odd.xlsx']);
    expect(command).toBe('import');
    const a = parseCommandArgs(command, rest, importDef);
    expect(a.positionals).toEqual(['a.xlsx', '--odd.xlsx']);
    expect(a.options.get('explain')).toEqual(['K1=说明一', 'K2=说明二']);
    expect(opt(a, 'note')).toBe('-备注');
    expect(opt(a, 'db')).toBe('x.sqlite');
    expect(a.flags).toEqual(new Set(['dry-run']));
  });

  it('reading an option the command did not declare is a program error, not a silent undefined', () => {
    const a = parseCommandArgs('init', [], { options: {} });
    expect(() => opt(a, 'region')).toThrow(/does not declare/);
  });

  it('<command> --help shows that command’s usage and exits 0', async () => {
    const r = await cli(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`用法：npm run cli -- ${usageOf('import')}`);
  });

  it('every command declares exactly the options its usage names', () => {
    const globals = new Set(Object.keys(GLOBAL_OPTIONS));
    for (const c of COMMANDS) {
      const named = new Set([...c.usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string));
      const declared = new Set(Object.keys(c.options));
      expect([...declared].filter((o) => !named.has(o)), `${c.name}: declared but not in its usage`).toEqual([]);
      expect([...named].filter((o) => !declared.has(o) && !globals.has(o)), `${c.name}: in its usage but not declared`).toEqual([]);
    }
  });

  it('the real command: `institutions --regoin x` exits 2 with the Chinese sentence', async () => {
    const r = await runTs(CLI, ['institutions', '--regoin', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：未知选项 --regoin（是否想输入 --region？）。');
  }, 60_000);
});
