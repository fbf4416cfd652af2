/**
 * §15: a FIFO, /dev/zero, a socket or a device named explicitly must not hang
 * the services process (an open of a FIFO waits for a writer forever; a read of
 * /dev/zero never ends). Every command that reads a path is tried with each, in
 * a process of its own that is killed if it hangs: each answers at once with a
 * Chinese message saying the path is not a regular file, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { closeContext, openContext } from '../../src/services/api/context';
import { CLI, spawnTs, finished } from '../hardening/helpers/spawn';
import { cli } from '../helpers/cli';
import { dumpDatabase, dumpHash } from '../hardening/helpers/db-dump';
import { tempDir } from '../hardening/helpers/temp';

const tmp = tempDir('special-files');
const dbPath = join(tmp.dir, 'rfm.sqlite');
const fifo = join(tmp.dir, '报表.xlsx');
const socket = join(tmp.dir, 'sock.xlsx');
let server: Server;

beforeAll(async () => {
  closeContext(openContext(dbPath));
  execFileSync('mkfifo', [fifo]);
  server = createServer();
  await new Promise<void>((res) => server.listen(socket, res));
});

afterAll(async () => {
  await new Promise((res) => server.close(res));
  tmp.cleanup();
});

/** Runs the CLI; a run that has not finished after 20 s is a hang (killed, and the test fails). */
async function run(args: string[]): Promise<{ code: number | null; text: string; hung: boolean }> {
  const child = spawnTs(CLI, args);
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, 20_000);
  const f = await finished(child);
  clearTimeout(timer);
  return { code: f.code, text: f.stdout + f.stderr, hung };
}

const commands = (p: string): string[][] => [
  ['import', p, '--dry-run'],
  ['restore', '--backup', p],
  ['scheme', '--import', p],
  ['progress', '--import-targets', p, '--year', '2025'],
  ['targets', '--add', p],
  ['import', join(tmp.dir, 'none.xlsx'), '--dry-run', '--received-from', p],
];

describe('special files given as explicit paths', () => {
  it('a FIFO: every command that reads a path answers at once, in Chinese (each in a process that is killed if it hangs)', async () => {
    const before = dumpHash(dumpDatabase(dbPath));
    for (const argv of [...commands(fifo), ['integrity']]) {
      const r = await run([...argv, '--db', argv[0] === 'integrity' ? fifo : dbPath]);
      const label = argv.join(' ');
      expect(r.hung, `${label} hung`).toBe(false);
      expect(r.code, `${label}: ${r.text}`).not.toBe(0);
      expect(r.text, label).toMatch(/「报表\.xlsx」是命名管道（FIFO），不是普通文件/u);
    }
    expect(dumpHash(dumpDatabase(dbPath))).toBe(before);
  }, 120_000);

  it('/dev/zero, /dev/null and a socket: refused as what they are, nothing read, nothing changed', async () => {
    const before = dumpHash(dumpDatabase(dbPath));
    const kinds: [string, RegExp][] = [
      ['/dev/zero', /「zero」是设备文件，不是普通文件/u],
      ['/dev/null', /「null」是设备文件，不是普通文件/u],
      [socket, /「sock\.xlsx」是套接字，不是普通文件/u],
    ];
    for (const [path, kind] of kinds) {
      for (const argv of commands(path)) {
        const r = await cli([...argv, '--db', dbPath]);
        expect(r.code, argv.join(' ')).not.toBe(0);
        expect(r.out + r.err, argv.join(' ')).toMatch(kind);
      }
    }
    const db = await cli(['integrity', '--db', '/dev/zero']);
    expect(db.err).toMatch(/数据库文件「zero」是设备文件，不是普通文件/u);
    expect(dumpHash(dumpDatabase(dbPath))).toBe(before);
  });
});
