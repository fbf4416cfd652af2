import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { acquireInstanceLock, lockFileFor } from '../../src/services/db/instance-lock';
import { integrityCheck } from '../../src/services/db/database';
import type { Institution } from '../../src/domain/catalogue/types';
import { dumpConnection, dumpDatabase } from './helpers/db-dump';
import { CLI, finished, runTs, spawnTs } from './helpers/spawn';
import { tempDir } from './helpers/temp';

const tmp = tempDir('faults');
// Other users (the unprivileged child below) must be able to reach the folders inside.
chmodSync(tmp.dir, 0o755);
afterAll(() => tmp.cleanup());

let n = 0;
function freshContext(): ServiceContext {
  return openContext(join(tmp.dir, `db${++n}`, 'rfm.sqlite'));
}

/** An institution whose 400 long aliases need far more pages than a full disk has left. */
function bulkyBank(code: string): Institution {
  const aliases = Array.from({ length: 400 }, (_, i) => `${code}的很长的简称${i}-${'长'.repeat(300)}`);
  return { code, name: `${code}测试银行`, aliases, type: '村镇银行', region: 'ankang', county: null, legalPerson: true, size: '小型', sample: false, example: false, active: true };
}

describe('disk full and read-only storage', () => {
  it('disk full: a clear Chinese error and the database exactly as before', async () => {
    const ctx = freshContext();
    const h = createHandlers(ctx);
    const before = dumpConnection(ctx.db);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    // The database may not grow by a single page: SQLite answers SQLITE_FULL, as on a full disk.
    ctx.db.pragma(`max_page_count = ${ctx.db.pragma('page_count', { simple: true }) as number}`);
    const r = await h['registry.saveInstitution']({ institution: bulkyBank('AK-FULL') }, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_DISK_FULL');
    expect(r.error.message).toContain('磁盘空间已满');
    expect(r.error.message).toContain('数据库保持原样');
    expect(dumpConnection(ctx.db)).toEqual(before);
    expect(integrityCheck(ctx.db).ok).toBe(true);
    // With room again the very same save goes through: it was the space, not the input.
    ctx.db.pragma('max_page_count = 1073741823');
    expect((await h['registry.saveInstitution']({ institution: bulkyBank('AK-FULL') }, {})).ok).toBe(true);
    closeContext(ctx);
    expect(dumpDatabase(ctx.dbPath).tables['institutions']?.rows.length).toBe((before.tables['institutions']?.rows.length ?? 0) + 1);
  });

  it('a database that turned read-only under an open connection: E_READ_ONLY, nothing changed', async () => {
    const ctx = freshContext();
    const h = createHandlers(ctx);
    const before = dumpConnection(ctx.db);
    ctx.db.pragma('query_only = ON');
    const r = await h['registry.saveInstitution']({ institution: bulkyBank('AK-RO') }, {});
    expect(r.ok ? '' : r.error.code).toBe('E_READ_ONLY');
    expect(r.ok ? '' : r.error.message).toContain('没有写入权限');
    expect(dumpConnection(ctx.db)).toEqual(before);
    closeContext(ctx);
  });

  // Tests run as root here, and root ignores permission bits; the CLI is therefore run
  // as the unprivileged user `nobody`, for whom a write-protected folder really is one.
  const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

  for (const variant of ['folder', 'file'] as const) {
    it(`a read-only database ${variant}: the CLI refuses clearly and nothing is lost`, async () => {
      const dir = join(tmp.dir, `ro-${variant}`);
      const dbPath = join(dir, 'rfm.sqlite');
      const ctx = openContext(dbPath);
      closeContext(ctx);
      const before = dumpDatabase(dbPath);
      if (process.getuid?.() === 0) chownSync(dir, 0, 0);
      chmodSync(dir, variant === 'folder' ? 0o555 : 0o755);
      chmodSync(dbPath, variant === 'folder' ? 0o644 : 0o444);
      try {
        for (const cmd of [['backup'], ['init']]) {
          const out = await runTs(CLI, [...cmd, '--db', dbPath], { ...asUnprivileged, env: { ...process.env, HOME: tmp.dir } });
          expect(out.code, out.stderr).toBe(1);
          expect(out.stderr).toContain('只读');
          expect(out.stderr).toContain(resolve(dbPath));
          expect(out.stderr).toContain('数据未作任何改动');
        }
      } finally {
        chmodSync(dir, 0o755);
        chmodSync(dbPath, 0o644);
      }
      expect(dumpDatabase(dbPath)).toEqual(before);
    });
  }
});

describe('two programs on one database', () => {
  it('a second desktop instance is refused while the first runs; a crashed one leaves a stale lock that is taken over', async () => {
    const dbPath = join(tmp.dir, 'lock', 'rfm.sqlite');
    closeContext(openContext(dbPath));
    const holder = spawnTs(join(import.meta.dirname, 'fixtures/hold-lock.ts'), [dbPath]);
    const done = finished(holder);
    await new Promise<void>((res, rej) => {
      holder.stdout?.on('data', (d: Buffer) => d.toString().includes('locked') && res());
      holder.on('exit', () => rej(new Error('lock holder exited early')));
    });
    expect(() => acquireInstanceLock(dbPath)).toThrowError(new RegExp(`已被另一个程序窗口打开（进程 ${holder.pid}`, 'u'));
    holder.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // The app died without releasing: its lock names a pid that no longer runs.
    expect(existsSync(lockFileFor(dbPath))).toBe(true);
    const lock = acquireInstanceLock(dbPath);
    expect(JSON.parse(readFileSync(lockFileFor(dbPath), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => acquireInstanceLock(dbPath)).toThrowError(/E_DB_IN_USE|已被另一个程序窗口打开/u);
    lock.release();
    expect(existsSync(lockFileFor(dbPath))).toBe(false);
  });

  it('a lock from another computer (shared folder) is respected; a garbled lock file is stale', () => {
    const dbPath = join(tmp.dir, 'lock2', 'rfm.sqlite');
    closeContext(openContext(dbPath));
    writeFileSync(lockFileFor(dbPath), JSON.stringify({ pid: 1234, host: 'analyst-pc-2', startedAt: '2026-01-01T00:00:00Z', app: 'desktop' }));
    expect(() => acquireInstanceLock(dbPath)).toThrowError(/计算机「analyst-pc-2」上的进程 1234/u);
    writeFileSync(lockFileFor(dbPath), '{"pid": 12');
    const lock = acquireInstanceLock(dbPath);
    lock.release();
    expect(existsSync(lockFileFor(dbPath))).toBe(false);
  });

  it('two processes writing at once: every save lands, in one transaction each, and the database is consistent', async () => {
    const dbPath = join(tmp.dir, 'concurrent', 'rfm.sqlite');
    const ctx = openContext(dbPath);
    const seeded = (ctx.db.prepare('SELECT count(*) AS c FROM institutions').get() as { c: number }).c;
    closeContext(ctx);
    const writer = join(import.meta.dirname, 'fixtures/writer.ts');
    const barrier = join(tmp.dir, 'concurrent', 'barrier');
    const [a, b] = await Promise.all([runTs(writer, [dbPath, 'BS-A', '300', barrier, '2']), runTs(writer, [dbPath, 'BS-B', '300', barrier, '2'])]);
    const perWriter = [a, b].map((o) => {
      expect(o.code, o.stderr).toBe(0);
      return o.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { code: string; ok: boolean; error: { code: string; message: string } | null; at: number });
    });
    const [linesA, linesB] = perWriter;
    const lines = perWriter.flat();
    expect(lines).toHaveLength(600);
    // The two runs overlapped in time: each started before the other finished.
    const span = (ls: { at: number }[] | undefined): [number, number] => [ls?.[0]?.at ?? NaN, ls?.at(-1)?.at ?? NaN];
    const [a0, a1] = span(linesA);
    const [b0, b1] = span(linesB);
    expect(a0 < b1 && b0 < a1).toBe(true);
    // Write transactions start IMMEDIATE, so the two writers queue on SQLite's lock
    // (busy timeout) instead of failing on a stale snapshot: every save lands.
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    const landed = lines.map((l) => l.code);
    const after = openContext(dbPath);
    try {
      expect(integrityCheck(after.db).ok).toBe(true);
      const codes = (after.db.prepare(`SELECT code FROM institutions WHERE code LIKE 'BS-A-%' OR code LIKE 'BS-B-%' ORDER BY code`).all() as { code: string }[]).map((r) => r.code);
      expect(codes).toEqual([...landed].sort());
      expect((after.db.prepare('SELECT count(*) AS c FROM institutions').get() as { c: number }).c).toBe(seeded + landed.length);
      // Each landed save wrote its alias and its audit entry in the same transaction.
      expect((after.db.prepare(`SELECT count(*) AS c FROM institution_aliases WHERE alias LIKE '简称BS-%'`).get() as { c: number }).c).toBe(landed.length);
      expect((after.db.prepare(`SELECT count(*) AS c FROM audit_log WHERE action = 'institution.create' AND entity_id LIKE 'BS-%'`).get() as { c: number }).c).toBe(landed.length);
    } finally {
      closeContext(after);
    }
  });
});
