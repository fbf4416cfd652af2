/**
 * The import against the other ends of the pipeline: the styled template and
 * sample set drawn with ExcelJS, the CSV template, a WPS .et file, and the
 * handler table with progress events and cancelling between files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { dumpValues } from '../../src/services/import/dump';
import { writeCsvTemplate } from '../../src/services/import/csvTemplate';
import { generateSampleSet } from '../../src/services/template/sampleSet';
import { createHandlers } from '../../src/services/api/handlers';
import { ParsePool } from '../../src/services/import/parsePool';
import type { Progress } from '../../src/api/types';
import { freshDb, writeReport } from './fixtures';

let db: DB;
let dir: string;
let dbPath: string;
let pool: ParsePool;

beforeAll(() => {
  ({ db, dir, dbPath } = freshDb());
  pool = new ParsePool();
});
afterAll(async () => {
  await pool.close();
  db.close();
});

describe('import meets the rest of the app', () => {
  it('imports the ExcelJS sample set of a year: every file accepted, corrections become version 2', async () => {
    const out = join(dir, 'sample');
    const set = await generateSampleSet(db, { out, years: '2025', seed: 7 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { file: string; receivedDate: string; late: boolean; resubmission: boolean }[] };
    const receivedDates = Object.fromEntries(manifest.files.map((f) => [f.file, f.receivedDate]));
    const r = await importFiles(db, { paths: [out], receivedDates, acks: set.acks }, {}, { pool });
    expect(r.rejected).toBe(0);
    expect(r.held).toBe(0);
    expect(r.accepted).toBe(set.files.length);
    const byFile = new Map(r.files.map((f) => [f.file, f]));
    for (const m of manifest.files) {
      expect(byFile.get(m.file)?.late, m.file).toBe(m.late);
      if (m.resubmission) expect(byFile.get(m.file)?.version, m.file).toBe(2);
    }
  });

  it('the CSV template, filled in, imports', async () => {
    const path = join(dir, 'csv', 'template.csv');
    await writeCsvTemplate(db, { out: path, institution: 'BS-BCQ', quarter: '2024Q4' });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF定义名称,项目,单位,数值\r\n')).toBe(true);
    const fill: Record<string, string> = {
      RV_cover_preparer: '王五',
      RV_cover_phone: '023-41412345',
      RV_cover_fill_date: '2025年1月3日',
      RV_loans_total_bal: '"2,000.5"',
      RV_loans_total_ytd: '800',
      RV_agri_loans_bal: '1200',
      RV_agri_loans_ytd: '300',
      RV_agri_new_rate: '3.95%',
      RV_npl_total_bal: '—',
      RV_agri_npl_bal: '—',
      RV_pov_rate: '3.1%',
      RV_text_work: '"加大对花椒、脐橙产业链的信贷支持，新增贷款 300 万元。"',
    };
    const filled = text
      .split('\r\n')
      .map((line) => {
        const name = line.split(',')[0] ?? '';
        return name in fill ? `${line.replace(/,$/, '')},${fill[name]}` : line;
      })
      .join('\r\n');
    writeFileSync(path, filled);
    const r = await importFiles(db, { paths: [path], receivedDate: '2025-01-04' }, {}, { pool });
    expect(r.files[0]?.errors).toEqual([]);
    const v = (n: string): unknown => dumpValues(db, '2024Q4', 'BS-BCQ').find((x) => x.definedName === n)?.value;
    expect(v('RV_loans_total_bal')).toBe(2000.5);
    expect(v('RV_agri_npl_bal')).toBe(0);
    expect(v('RV_pov_rate')).toBe(0.031);
    expect(v('RV_cover_fill_date')).toBe('2025-01-03');
    expect(v('RV_farmer_loans_bal')).toBeNull();
  });

  it('a WPS .et file (OLE compound document) imports like .xls', async () => {
    const xls = writeReport(db, { institution: 'AK-HYVB', quarter: '2024Q4' }, join(dir, 'et', 'a.xls'), 'xls');
    const et = join(dir, 'et', '汉阴村镇银行.et');
    copyFileSync(xls, et);
    const r = await importFiles(db, { paths: [et], receivedDate: '2025-01-05' }, {}, { pool });
    expect(r.files[0]).toMatchObject({ status: 'accepted', format: 'xls', institution: 'AK-HYVB' });
  });

  it('through the handler table: progress per file, and a cancel stops between files with whole files kept', async () => {
    const paths = ['AK-ABC', 'AK-ICBC', 'AK-BOC', 'AK-CCB'].map((code) => writeReport(db, { institution: code, quarter: '2024Q3' }, join(dir, 'h', `${code}.xlsx`)));
    const handlers = createHandlers({ db, dbPath });
    const events: Progress[] = [];
    const controller = new AbortController();
    const r = await handlers['import.files'](
      { paths, receivedDate: '2024-10-05' },
      {
        signal: controller.signal,
        onProgress: (p) => {
          events.push(p);
          if (p.done === 1 && p.file) controller.abort();
        },
      },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(events.filter((e) => e.file).map((e) => e.file)).toEqual(['AK-ABC.xlsx', 'AK-ICBC.xlsx']);
    expect(r.value.files.map((f) => f.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected']);
    expect(r.value.files[2]?.errors[0]?.code).toBe('E_CANCELLED');
    expect(dumpValues(db, '2024Q3').map((x) => x.institution).filter((v, i, a) => a.indexOf(v) === i)).toEqual(['AK-ABC', 'AK-ICBC']);
    const empty = await handlers['import.files']({ paths: [] }, {});
    expect(empty.ok === false && empty.error.code).toBe('E_NO_FILES');
  });
});

describe('the parse pool', () => {
  it('falls back to parsing in-process, and says why, only when no worker can start', async () => {
    const broken = new ParsePool({ workerUrl: new URL('./no-such-worker.mjs', import.meta.url) });
    try {
      const p = writeReport(db, { institution: 'BS-PSBC', quarter: '2024Q2' }, join(dir, 'fallback', 'a.xlsx'));
      const r = await importFiles(db, { paths: [p], receivedDate: '2024-07-05' }, {}, { pool: broken });
      expect(r.files[0]?.status).toBe('accepted');
      expect(broken.mode).toBe('in-process');
      expect(broken.fallbackReason).toMatch(/no-such-worker/);
      expect(r.files[0]?.notes.map((n) => n.code)).toContain('N_IN_PROCESS');
    } finally {
      await broken.close();
    }
    // The normal pool really runs workers.
    expect(pool.mode).toBe('worker');
  });

  it('a worker that dies mid-parse rejects only that file', async () => {
    const crashing = new ParsePool({ workerUrl: new URL('./workers/exit-worker.mjs', import.meta.url) });
    try {
      const p = writeReport(db, { institution: 'BS-PSBC', quarter: '2024Q1' }, join(dir, 'crash', 'a.xlsx'));
      const r = await importFiles(db, { paths: [p], receivedDate: '2024-04-05' }, {}, { pool: crashing });
      expect(r.files[0]?.errors[0]?.code).toBe('E_PARSE_CRASH');
    } finally {
      await crashing.close();
    }
  });
});
