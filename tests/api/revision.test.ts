/**
 * The data revision (src/services/api/revision.ts) through the real handler table
 * over a real database file: every kind of change moves it, including a write by
 * another connection to the same file; no read a page makes moves it (otherwise a
 * page reloading on a new revision would reload for ever).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import type { HandlerTable } from '../../src/api/contract';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';

let work: string;
let ctx: ServiceContext;
let h: HandlerTable;
let previousClock: Clock;
let files: { file: string; institution: string; quarter: string; receivedDate: string; resubmission: boolean }[];

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function revision(): Promise<number> {
  return must(await h['data.revision']({}, {})).revision;
}

beforeAll(async () => {
  previousClock = setClock(fixedClock('2026-02-10T10:00:00+08:00'));
  work = mkdtempSync(join(tmpdir(), 'rfm-revision-'));
  ctx = openContext(join(work, 'rfm.sqlite'));
  h = createHandlers(ctx);
  must(await h['sample.generate']({ out: join(work, 'sample'), years: '2025' }, {}));
  files = (JSON.parse(readFileSync(join(work, 'sample', 'manifest.json'), 'utf8')) as { files: typeof files }).files;
  const first = files.filter((f) => f.quarter !== '2025Q4' && !f.resubmission);
  must(await h['import.files']({ paths: first.map((f) => join(work, 'sample', f.file)), receivedDates: Object.fromEntries(first.map((f) => [join(work, 'sample', f.file), f.receivedDate])) }, {}));
}, 120_000);

afterAll(() => {
  closeContext(ctx);
  rmSync(work, { recursive: true, force: true });
  setClock(previousClock);
});

describe('data revision', () => {
  it('tells today by the services’ clock', async () => {
    expect(must(await h['data.revision']({}, {})).today).toBe('2026-02-10');
    expect(must(await h['app.info']({}, {})).today).toBe('2026-02-10');
  });

  it('stays the same for every read a page makes', async () => {
    const reads: (() => Promise<unknown>)[] = [
      () => h['app.info']({}, {}),
      () => h['registry.regions']({}, {}),
      () => h['registry.institutions']({ includeInactive: true }, {}),
      () => h['data.latestQuarter']({ region: 'ankang' }, {}),
      () => h['settings.localUser']({}, {}),
      () => h['indicators.compute']({ quarter: '2025Q3', region: 'ankang', scopes: ['region', 'chain'] }, {}),
      () => h['status.matrix']({ from: '2025Q1', to: '2025Q4', region: 'ankang' }, {}),
      () => h['charts.option']({ id: 'chain.institutions', params: { quarter: '2025Q3', chain: 'selenium_tea' } }, {}),
      () => h['assessment.schemes']({ region: 'ankang' }, {}),
      () => h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}),
      () => h['assessment.qualitative']({ region: 'ankang', year: 2025 }, {}),
      () => h['assessment.whatIf']({ region: 'ankang', year: 2025, weights: {} }, {}),
      () => h['progress.table']({ year: 2025, quarter: 3, region: 'ankang' }, {}),
      () => h['progress.targets']({ year: 2025, region: 'ankang' }, {}),
      () => h['targets.evaluate']({ region: 'ankang' }, {}),
      () => h['batch.list']({ limit: 200 }, {}),
      () => h['backup.list']({}, {}),
      () => h['db.integrity']({}, {}),
      () => h['import.files']({ paths: [join(work, 'sample', files.find((f) => f.quarter === '2025Q4')?.file ?? '')], dryRun: true }, {}),
    ];
    // A first read may store what ships with the program (the default schemes, on first use):
    // once. After that, reading again and again must never look like a change.
    for (const read of reads) await read();
    const before = await revision();
    for (const read of reads) {
      const r = (await read()) as { ok: boolean; error?: { message: string } };
      expect(r.ok, r.error?.message).toBe(true);
      expect(await revision(), read.toString()).toBe(before);
    }
  });

  it('moves with every kind of change', async () => {
    const q4 = files.filter((f) => f.quarter === '2025Q4' && !f.resubmission);
    const q4Paths = q4.map((f) => join(work, 'sample', f.file));
    const scheme = join(work, 'scheme.json');
    const changes: [string, () => Promise<unknown>][] = [
      ['import commit', () => h['import.files']({ paths: q4Paths, receivedDate: '2026-01-04' }, {})],
      ['batch rollback', async () => h['batch.rollback']({ batchId: must(await h['batch.list']({}, {}))[0]?.id ?? 0 }, {})],
      ['import again', () => h['import.files']({ paths: q4Paths, receivedDate: '2026-01-04' }, {})],
      [
        'history restore',
        async () => {
          // A resubmission makes the first version restorable.
          const resub = files.find((f) => f.resubmission);
          if (!resub) throw new Error('the sample set has no resubmission');
          // On the day the sample set says it came (a report received months late would wait for a confirmation).
          must(await h['import.files']({ paths: [join(work, 'sample', resub.file)], receivedDate: resub.receivedDate }, {}));
          const versions = must(await h['history.list']({ institution: resub.institution, quarter: resub.quarter }, {}));
          const older = versions.find((v) => v.status === 'superseded');
          if (!older) throw new Error('no superseded version');
          return h['history.restore']({ submissionId: older.id }, {});
        },
      ],
      ['qualitative score', () => h['assessment.setQualitative']({ institution: 'AK-ABC', year: 2025, item: must(qualItem()), score: 2, reason: '制度建设3项' }, {})],
      ['county target', () => h['progress.setTarget']({ county: '汉阴县', year: 2025, annualTarget: 500000 }, {})],
      ['analyst target', () => h['targets.add']({ target: { id: 'analyst-t1', source: '分析人员设定', clause: '各项贷款不低于10万元', region: 'ankang', who: '安康市', scope: 'region', indicator: 'loans_total_bal', goal: { kind: 'value', op: '>=', value: 10 }, byLabel: '每季度' } }, {})],
      ['analyst target removed', () => h['targets.remove']({ id: 'analyst-t1' }, {})],
      [
        'scheme import',
        async () => {
          must(await h['assessment.exportScheme']({ out: scheme, region: 'ankang' }, {}));
          const s = JSON.parse(readFileSync(scheme, 'utf8')) as { name: string };
          writeFileSync(scheme, JSON.stringify({ ...s, name: `${s.name}（修订）` }));
          return h['assessment.importScheme']({ path: scheme }, {});
        },
      ],
      [
        'registry edit',
        async () => {
          const abc = must(await h['registry.institutions']({}, {})).find((i) => i.code === 'AK-ABC');
          if (!abc) throw new Error('no AK-ABC');
          return h['registry.saveInstitution']({ institution: { ...abc, aliases: [...abc.aliases, '安康农行营业部'] } }, {});
        },
      ],
      ['本机使用人', () => h['settings.setLocalUser']({ name: '王分析' }, {})],
      ['backups kept', () => h['backup.setKeep']({ keep: 12 }, {})],
      [
        'backup restore',
        async () => {
          const b = must(await h['backup.create']({ reason: '手动备份' }, {}));
          return h['backup.restore']({ file: b.file }, {});
        },
      ],
      ['sample load', () => h['sample.load']({ years: '2025' }, {})],
    ];
    let qualItemId: string | null = null;
    function qualItem(): { ok: true; value: string } | { ok: false; error: { message: string } } {
      return qualItemId ? { ok: true, value: qualItemId } : { ok: false, error: { message: 'no qualitative item' } };
    }
    const scheme0 = must(await h['assessment.scheme']({ id: 'ankang-default' }, {}));
    qualItemId = scheme0.scheme.items.find((i) => i.rule.type === 'qualitative')?.id ?? null;

    for (const [name, change] of changes) {
      const before = await revision();
      const r = (await change()) as { ok: boolean; error?: { message: string } };
      expect(r.ok, `${name}: ${r.error?.message ?? ''}`).toBe(true);
      expect(await revision(), name).not.toBe(before);
    }
    expect(must(await h['settings.localUser']({}, {}))).toEqual({ name: '王分析', effective: '王分析' });
  }, 120_000);

  it('moves when another connection writes the same file, not when it only reads', async () => {
    const before = await revision();
    const other = new Database(ctx.dbPath);
    try {
      other.prepare('SELECT COUNT(*) FROM submissions').get();
      expect(await revision()).toBe(before);
      other.prepare(`INSERT INTO meta (key, value) VALUES ('other_process', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
      const after = await revision();
      expect(after).not.toBe(before);
      expect(await revision()).toBe(after);
    } finally {
      other.close();
    }
  });

  it('refuses an empty or multi-line 本机使用人 and keeps the name', async () => {
    must(await h['settings.setLocalUser']({ name: '王分析' }, {}));
    const bad = await h['settings.setLocalUser']({ name: '  ' }, {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toContain('请填写本机使用人的姓名');
    const twoLines = await h['settings.setLocalUser']({ name: '王\n李' }, {});
    expect(!twoLines.ok && twoLines.error.message).toContain('一行文字');
    expect(must(await h['settings.localUser']({}, {})).name).toBe('王分析');
  });

  it('gives the latest quarter with data per region, whatever today is', async () => {
    expect(must(await h['data.latestQuarter']({ region: 'ankang' }, {})).quarter).toBe('2025Q4');
    const later = setClock(fixedClock('2031-07-01T10:00:00+08:00'));
    try {
      expect(must(await h['data.latestQuarter']({ region: 'bishan' }, {})).quarter).toBe('2025Q4');
    } finally {
      setClock(later);
    }
    const unknown = await h['data.latestQuarter']({ region: 'nowhere' }, {});
    expect(unknown.ok).toBe(false);
  });
});
