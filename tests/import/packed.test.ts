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

const tmp = tempDir('packed');
const { db } = freshDb(tmp.dir);
afterAll(() => {
  db.close();
  tmp.cleanup();
});

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
    expect(packed.byteLength).toBeLessThan(serialize(snapshot).byteLength / 3);
  });
});
