/**
 * §16: the ways around a ZIP guard that reads the package differently from the
 * parser. A central directory that disagrees with the local headers (SheetJS
 * trusts the local ones: a sheet declared "stored, 1 MB" in the directory is
 * inflated to 256 MB from its local header), a second end record hidden in the
 * archive comment where only the parser looks, overlapping entries, a data
 * descriptor that lies. Each is refused with a Chinese message naming the file,
 * in a process of its own whose peak memory (all threads) stays under 500 MB,
 * and the database keeps every byte of its data. Packages written by real
 * programs (ExcelJS with data descriptors, LibreOffice .xlsx and .ods) still
 * import.
 */
import { expectOnlyTheAttemptLogged } from '../hardening/helpers/refusal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { ImportSummary } from '../../src/api/types';
import { generateTemplate } from '../../src/services/template/generate';
import { BOMB_BYTES, goodReport, unzip } from '../hardening/corpus/badInputs';
import { bombEntry } from '../hardening/corpus/bomb';
import { deflated, endRecord, rawBody, rawZip, type RawEntry } from '../hardening/corpus/rawZip';
import { dumpDatabase } from '../hardening/helpers/db-dump';
import { CLI, runTs } from '../hardening/helpers/spawn';
import { tempDir } from '../hardening/helpers/temp';

const RECEIVED = '2025-10-08';
const tmp = tempDir('zip-bypass');
let ctx: ServiceContext;
let good: Buffer;
const cases: { file: string; path: string; codes: string[]; why: RegExp }[] = [];

function honest(pkg: Map<string, string | Buffer>): RawEntry[] {
  return [...pkg].map(([name, data]) => deflated(name, data));
}

beforeAll(async () => {
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  const h = createHandlers(ctx);
  const first = await h['import.files']({ paths: [goodReport(ctx.db, join(tmp.dir, 'good'), { institution: 'AK-ABC', quarter: '2025Q2' })], receivedDate: '2025-07-08' }, {});
  expect(first.ok && first.value.accepted).toBe(1);
  good = readFileSync(goodReport(ctx.db, join(tmp.dir, 'good')));
  const pkg = unzip(good);
  const sheet = [...pkg.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).sort()[0] ?? '';
  const bomb = await bombEntry(sheet, BOMB_BYTES, 'honest');
  const bombLocal = { name: sheet, method: 8, flags: 0x800, crc: bomb.crc, compressedSize: bomb.compressed.length, size: bomb.size };
  const others = honest(new Map([...pkg].filter(([k]) => k !== sheet)));
  const dir = join(tmp.dir, 'hostile');
  mkdirSync(dir, { recursive: true });
  const add = (file: string, bytes: Buffer, codes: string[], why: RegExp): void => {
    writeFileSync(join(dir, file), bytes);
    cases.push({ file, path: join(dir, file), codes, why });
  };

  // The directory says "stored, as small as its bytes"; the local header says "deflated, 256 MB".
  add('目录称未压缩.xlsx', rawZip([...others, { data: bomb.compressed, local: bombLocal, central: { method: 0, size: bomb.compressed.length } }]), ['E_ZIP_CORRUPT'], /压缩方式在目录与文件头中不一致/u);
  // Same method, but the directory's sizes are small and the local header's honest.
  add('目录大小不符.xlsx', rawZip([...others, { data: bomb.compressed, local: bombLocal, central: { size: 4096 } }]), ['E_ZIP_CORRUPT'], /大小或校验值在目录与文件头中不一致/u);
  // The directory lists the bomb under a harmless name, stored.
  add(
    '目录名称不符.xlsx',
    rawZip([...others, { data: bomb.compressed, local: bombLocal, central: { name: 'docProps/custom.xml', method: 0, size: bomb.compressed.length } }]),
    ['E_ZIP_CORRUPT'],
    /(压缩方式|名称)在目录与文件头中不一致/u,
  );
  {
    // Two readings of one file: the guard's end record lists the harmless parts; a second one,
    // in the last 21 bytes of the comment, where only a parser scanning from the very end looks,
    // lists the bomb too.
    const entries: RawEntry[] = [...others, { data: bomb.compressed, local: bombLocal }];
    const { body, records } = rawBody(entries);
    const real = Buffer.concat(records.slice(0, others.length));
    const fake = Buffer.concat(records);
    const fakeStart = body.length + real.length + 22;
    const fakeEnd = Buffer.alloc(21);
    fakeEnd.writeUInt32LE(0x06054b50, 0);
    fakeEnd.writeUInt16LE(records.length, 8);
    fakeEnd.writeUInt16LE(records.length, 10);
    fakeEnd.writeUInt32LE(fake.length, 12);
    fakeEnd.writeUInt32LE(fakeStart, 16);
    add('注释中藏有结尾记录.xlsx', endRecord(body, real, others.length, Buffer.concat([fake, fakeEnd])), ['E_ZIP_BOMB', 'E_ZIP_CORRUPT'], /第二个目录结尾记录|未登记的数据/u);
  }
  // The classic overlapping-entries bomb: many directory records, one local entry.
  add(
    '条目重叠.xlsx',
    rawZip([...others, { data: bomb.compressed, local: { ...bombLocal, size: 4096 }, aliases: ['xl/worksheets/sheet90.xml', 'xl/worksheets/sheet91.xml'] }]),
    ['E_ZIP_BOMB'],
    /与前一条目重叠|两个条目同名/u,
  );
  // A data descriptor (sizes after the data) that claims 4 KB for 256 MB: caught by the capped inflater.
  add(
    '数据描述伪造大小.xlsx',
    rawZip([
      ...others,
      {
        data: bomb.compressed,
        local: { ...bombLocal, flags: 0x808, crc: 0, compressedSize: 0, size: 0 },
        central: { flags: 0x808, crc: bomb.crc, compressedSize: bomb.compressed.length, size: 4096 },
        descriptor: { crc: bomb.crc, compressedSize: bomb.compressed.length, size: 4096 },
      },
    ]),
    ['E_ZIP_BOMB'],
    /解压后远大于其声明的 4096 字节/u,
  );
  // Two of them in one folder, imported together.
  mkdirSync(join(tmp.dir, 'folder'), { recursive: true });
  copyFileSync(join(dir, '目录称未压缩.xlsx'), join(tmp.dir, 'folder', 'a.xlsx'));
  copyFileSync(join(dir, '注释中藏有结尾记录.xlsx'), join(tmp.dir, 'folder', 'b.xlsx'));
}, 120_000);

afterAll(() => {
  closeContext(ctx);
  tmp.cleanup();
});

async function importInChild(dbPath: string, paths: string[]): Promise<{ summary: ImportSummary; ms: number; maxRssMb: number }> {
  const out = await runTs(join(import.meta.dirname, '../hardening/fixtures/import-one.ts'), [dbPath, RECEIVED, ...paths]);
  expect(out.code, out.stderr).toBe(0);
  const { result, ms, maxRssMb } = JSON.parse(out.stdout) as { result: { ok: true; value: ImportSummary }; ms: number; maxRssMb: number };
  return { summary: result.value, ms, maxRssMb };
}

describe('ZIP guard bypasses', () => {
  it('mismatched headers, a hidden second end record, overlapping entries, a lying descriptor: refused under 500 MB peak, data untouched', async () => {
    const dbPath = join(tmp.dir, 'heavy.sqlite');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(ctx.dbPath, dbPath);
    const peaks: string[] = [];
    for (const c of cases) {
      const before = dumpDatabase(dbPath);
      const { summary, ms, maxRssMb } = await importInChild(dbPath, [c.path]);
      const f = summary.files[0];
      expect(f?.status, c.file).toBe('rejected');
      expect(c.codes, `${c.file}: ${JSON.stringify(f?.errors)}`).toContain(f?.errors[0]?.code);
      expect(f?.errors[0]?.message, c.file).toContain(`文件「${c.file}」`);
      expect(f?.errors[0]?.message, c.file).toMatch(c.why);
      expect(maxRssMb, c.file).toBeLessThan(500);
      // The attempt's log and the refused file kept for its 退回通知: nothing else.
      expectOnlyTheAttemptLogged(before, dumpDatabase(dbPath), 1);
      peaks.push(`${c.file} ${maxRssMb} MB ${ms} ms`);
    }
    // Two in one folder: still bounded.
    const both = await importInChild(dbPath, [join(tmp.dir, 'folder')]);
    expect(both.summary.rejected).toBe(2);
    expect(both.maxRssMb).toBeLessThan(500);
    peaks.push(`folder of two ${both.maxRssMb} MB ${both.ms} ms`);
    process.stdout.write(`peak RSS of refused hostile packages: ${peaks.join('; ')}\n`);
  }, 300_000);

  it('packages written by real programs still import: ExcelJS (data descriptors), LibreOffice .xlsx and .ods', async () => {
    const h = createHandlers(ctx);
    const dir = join(tmp.dir, 'real');
    mkdirSync(dir, { recursive: true });
    const template = join(dir, '模板.xlsx');
    await generateTemplate(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3', out: template });
    const t = await h['import.files']({ paths: [template], dryRun: true, receivedDate: RECEIVED }, {});
    // An empty form is refused for its blanks, not for its package.
    expect(t.ok && t.value.files[0]?.errors.every((e) => !e.code.startsWith('E_ZIP'))).toBe(true);
    const src = join(dir, 'good.xlsx');
    writeFileSync(src, good);
    for (const to of ['ods', 'xlsx']) {
      const outDir = join(dir, to);
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`, '--convert-to', to, '--outdir', outDir, src], { stdio: 'ignore', timeout: 120_000 });
      const r = await h['import.files']({ paths: [join(outDir, `good.${to}`)], dryRun: true, receivedDate: RECEIVED }, {});
      expect(r.ok && r.value.files[0]?.errors, to).toEqual([]);
      expect(r.ok && r.value.files[0]?.status, to).toBe('accepted');
    }
    // LibreOffice's .ods number styles make SheetJS print 「ODS number format may be incorrect」:
    // never in what the user sees (RFM_DEBUG=1 shows it to a developer, which proves the file does trigger it).
    const ods = join(dir, 'ods', 'good.ods');
    const quiet = await runTs(CLI, ['import', ods, '--dry-run', '--received', RECEIVED, '--db', ctx.dbPath]);
    expect(quiet.stdout, quiet.stderr).toMatch(/可接收\s+good\.ods/u);
    expect(quiet.stdout + quiet.stderr).not.toMatch(/ODS number format|[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}/u);
    const loud = await runTs(CLI, ['import', ods, '--dry-run', '--received', RECEIVED, '--db', ctx.dbPath], { env: { ...process.env, RFM_DEBUG: '1' } });
    expect(loud.stderr).toMatch(/ODS number format may be incorrect/u);
  }, 300_000);
});
