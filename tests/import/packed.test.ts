/**
 * What the check keeps for the commit is the parsed workbook packed (V8 serialization,
 * deflated): unpacked it must be the very snapshot the parse gave — every cell with its
 * type, value, formula and format, the defined names, hidden sheets and lines — for each
 * format a report arrives in, and it must be a small fraction of the snapshot's size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { freshDb, writeReport } from './fixtures';
import { tempDir } from '../hardening/helpers/temp';
import { parseSnapshot } from '../../src/services/import/snapshot';
import { detectFormat } from '../../src/services/import/detect';
import { packSnapshot, unpackSnapshot } from '../../src/services/import/packed';
import { readReport } from '../../src/services/import/readReport';
import type { WorkbookSnapshot } from '../../src/domain/import/workbook';
import { generateSampleSet } from '../../src/services/template/sampleSet';
import { parseIsoDate } from '../../src/domain/quarter';

const tmp = tempDir('packed');
const { db } = freshDb(tmp.dir);
afterAll(() => {
  db.close();
  tmp.cleanup();
});

/** Sheets of an unpacked snapshot that are still bytes (not yet read). */
function unread(s: WorkbookSnapshot): string[] {
  return Object.keys(s.sheets).filter((name) => Object.getOwnPropertyDescriptor(s.sheets, name)?.get !== undefined);
}

describe('packed snapshots', () => {
  it.each(['xlsx', 'xls', 'ods', 'csv-utf8'] as const)('unpack to exactly the parsed workbook (%s)', async (kind) => {
    const ext = kind === 'csv-utf8' ? 'csv' : kind;
    const path = writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { loans_total_bal: 123456.78 } }, join(tmp.dir, `r.${ext}`), kind);
    const bytes = new Uint8Array(readFileSync(path));
    const detected = detectFormat(bytes, `r.${ext}`);
    const snapshot = await parseSnapshot({ bytes, format: detected.format, encoding: detected.encoding, file: `r.${ext}` });
    const cells = Object.values(snapshot.sheets).reduce((n, s) => n + Object.keys(s).length, 0);
    expect(cells).toBeGreaterThan(50);
    const packed = packSnapshot(snapshot);
    const back = unpackSnapshot(packed);
    // Deep equality and the same text key by key (the realm of a test runner's objects aside).
    expect(back).toEqual(snapshot);
    expect(JSON.stringify(back)).toBe(JSON.stringify(snapshot));
    expect(Object.keys(unpackSnapshot(packed).sheets)).toEqual(Object.keys(snapshot.sheets));
    expect(packed.byteLength).toBeLessThan(serialize(snapshot).byteLength / 3);
  });

  it('builds a sheet’s cells only when it is read: reading a report of the sample set leaves its check sheets packed, and gives what the parsed workbook gives', async () => {
    // The sample set's files are the shipped form filled in, with its 校验 and 下拉选项 sheets.
    const set = await generateSampleSet(db, { out: join(tmp.dir, 'sample'), years: '2025', seed: 7 });
    const file = set.files.find((f) => !f.resubmission);
    if (!file) throw new Error('empty sample set');
    const bytes = new Uint8Array(readFileSync(file.path));
    const snapshot = await parseSnapshot({ bytes, format: 'xlsx', encoding: null, file: file.file });
    const back = unpackSnapshot(packSnapshot(snapshot));
    expect(unread(back)).toEqual(Object.keys(snapshot.sheets));
    const ctx = { db, file: file.file, format: 'xlsx' as const, received: parseIsoDate(file.receivedDate) ?? { y: 2026, m: 1, d: 6 } };
    const fromPacked = readReport(ctx, back);
    expect(fromPacked).toEqual(readReport(ctx, snapshot));
    expect(fromPacked.errors).toEqual([]);
    expect(fromPacked.values.length).toBeGreaterThan(50);
    const left = unread(back);
    expect(left).toEqual(expect.arrayContaining(['校验', '下拉选项']));
    expect(left).not.toContain(snapshot.sheetNames[0]);
  });
});
