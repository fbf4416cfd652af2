/** Real report files written and imported batch by batch, each with its arrival date: every file must go in. */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { writeReport, type ReportSpec } from '../import/fixtures';

export type NamedReport = ReportSpec & { name: string };

/** Writes each batch's reports into `dir` as .xlsx and imports them as received on the batch's date (warnings confirmed). */
export async function importBatches(db: DB, dir: string, batches: [received: string, specs: NamedReport[]][]): Promise<void> {
  for (const [received, specs] of batches) {
    const paths = specs.map((s) => writeReport(db, s, join(dir, s.name)));
    const r = await importFiles(db, { paths, receivedDate: received, confirmAll: true }, {}, { pool: { inProcess: true } });
    expect(r.files.map((f) => [f.file, f.status, f.errors])).toEqual(specs.map((s) => [s.name, 'accepted', []]));
  }
}
