/**
 * §11: no export may land on the live database, its -wal/-shm, its lock or in
 * its backups folder — named directly, through a symbolic link or through `..`.
 * Every command and handler that writes a file is tried against every such
 * target: each is refused with a Chinese message, writes nothing, and leaves
 * the database dump and the backups exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { createBackup } from '../../src/services/backup/backup';
import { backupDir } from '../../src/services/backup/files';
import { writeReport } from '../import/fixtures';
import { cli } from '../helpers/cli';
import { dumpDatabase, dumpHash } from '../hardening/helpers/db-dump';
import { tempDir } from '../hardening/helpers/temp';

const tmp = tempDir('outputs');
const dbPath = join(tmp.dir, 'data', 'rfm.sqlite');
const backups = backupDir(dbPath);
let chartId = '';

function sha(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** What must not change: the stored data, every backup's bytes, and the list of files beside the database. */
function state(): string {
  const files = readdirSync(join(tmp.dir, 'data')).filter((n) => !/-(wal|shm)$/.test(n)).sort();
  const kept = readdirSync(backups).sort().map((n) => `${n}:${sha(join(backups, n))}`);
  return JSON.stringify({ dump: dumpHash(dumpDatabase(dbPath)), files, kept });
}

beforeAll(async () => {
  mkdirSync(join(tmp.dir, 'data'), { recursive: true });
  const ctx = openContext(dbPath);
  const h = createHandlers(ctx);
  const r = await h['import.files']({ paths: [writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3' }, join(tmp.dir, 'in', 'a.xlsx'))], receivedDate: '2025-10-08' }, {});
  expect(r.ok && r.value.accepted).toBe(1);
  createBackup(ctx, '测试');
  const charts = await h['charts.list']({}, {});
  chartId = charts.ok ? (charts.value[0]?.id ?? '') : '';
  closeContext(ctx);
  // Ways to reach the protected files without naming them.
  mkdirSync(join(tmp.dir, 'elsewhere'), { recursive: true });
  symlinkSync(dbPath, join(tmp.dir, 'elsewhere', '看似报表.xlsx'));
  symlinkSync(`${dbPath}-wal`, join(tmp.dir, 'elsewhere', '悬空链接.xlsx'));
  symlinkSync(backups, join(tmp.dir, 'elsewhere', '导出'));
}, 120_000);

afterAll(() => tmp.cleanup());

const targets = (): [string, string][] => [
  ['the database', dbPath],
  ['its -wal', `${dbPath}-wal`],
  ['its -shm', `${dbPath}-shm`],
  ['its lock', `${dbPath}.lock`],
  ['through ..', join(tmp.dir, 'elsewhere', '..', 'data', 'rfm.sqlite')],
  ['a symlink to it', join(tmp.dir, 'elsewhere', '看似报表.xlsx')],
  ['a dangling symlink to its -wal', join(tmp.dir, 'elsewhere', '悬空链接.xlsx')],
  ['the backups folder', join(backups, '报表.xlsx')],
  ['a symlinked folder into the backups', join(tmp.dir, 'elsewhere', '导出', '报表.xlsx')],
];

const commands = (out: string): string[][] => [
  ['status', '--quarter', '2025Q3', '--out', out],
  ['score', '--region', 'ankang', '--year', '2025', '--out', out],
  ['progress', '--year', '2025', '--quarter', '3', '--out', out],
  ['targets', '--quarter', '2025Q3', '--out', out],
  ['scheme', '--export', out, '--region', 'ankang'],
  ['chart', '--id', chartId, '--quarter', '2025Q3', '--format', 'svg', '--out', out],
  ['template', '--blank', '--region', 'ankang', '--out', out],
  ['template', '--blank', '--region', 'ankang', '--format', 'csv', '--out', out],
];

describe('--out onto the database or its backups', () => {
  it('every CLI command that writes a file refuses each protected target, in Chinese, and nothing changes', async () => {
    const before = state();
    for (const [what, out] of targets()) {
      for (const argv of commands(out)) {
        const r = await cli([...argv, '--db', dbPath]);
        const label = `${argv[0]} → ${what}`;
        expect(r.code, `${label}: ${r.out}${r.err}`).not.toBe(0);
        expect(r.err, label).toMatch(/不能把导出文件写到「.+」：(那是本程序正在使用的数据库|它在数据库的备份文件夹)/u);
        expect(r.err, label).toContain('未写入任何文件');
      }
      expect(state(), what).toBe(before);
    }
  });

  it('folder outputs (pack, sample) into the backups folder are refused; a folder that holds the database is fine', async () => {
    const before = state();
    for (const argv of [
      ['pack', '--quarter', '2025Q3', '--out', backups],
      ['pack', '--quarter', '2025Q3', '--out', join(tmp.dir, 'elsewhere', '导出', '报告包')],
      ['sample', '--out', join(backups, '示例'), '--years', '2025-2025'],
    ]) {
      const r = await cli([...argv, '--db', dbPath]);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err).toMatch(/不能把导出文件夹写到「.+」：它在数据库的备份文件夹/u);
    }
    expect(state()).toBe(before);
    // An export next to the database (its folder, not its files) is an ordinary export.
    const ok = await cli(['status', '--quarter', '2025Q3', '--out', join(tmp.dir, 'data', '报送情况.xlsx'), '--db', dbPath]);
    expect(ok.code, ok.err).toBe(0);
    expect(readFileSync(join(tmp.dir, 'data', '报送情况.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('the window gets the same refusal from the handler table (one check for both)', async () => {
    const ctx = openContext(dbPath);
    try {
      const h = createHandlers(ctx);
      const before = dumpHash(dumpDatabase(dbPath));
      const calls = [
        () => h['status.export']({ quarter: '2025Q3', out: dbPath }, {}),
        () => h['assessment.exportScores']({ region: 'ankang', year: 2025, out: `${dbPath}-wal` }, {}),
        () => h['assessment.exportScheme']({ region: 'ankang', out: join(backups, 'x.json') }, {}),
        () => h['progress.export']({ year: 2025, quarter: 3, out: join(tmp.dir, 'elsewhere', '看似报表.xlsx') }, {}),
        () => h['targets.export']({ out: `${dbPath}-shm` }, {}),
        () => h['charts.export']({ id: chartId, params: { quarter: '2025Q3' }, format: 'png', out: dbPath }, {}),
        () => h['charts.pack']({ quarter: '2025Q3', out: backups }, {}),
        () => h['template.generate']({ blank: true, region: 'ankang', out: dbPath }, {}),
        () => h['sample.generate']({ out: backups }, {}),
        () => h['sample.load']({ out: backups }, {}),
      ];
      for (const call of calls) {
        const r = await call();
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('E_OUT_PROTECTED');
          expect(r.error.message).toContain('未写入任何文件');
        }
      }
      ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(dumpHash(dumpDatabase(dbPath))).toBe(before);
      expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      closeContext(ctx);
    }
  });
});
