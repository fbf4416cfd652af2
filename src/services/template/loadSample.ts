/**
 * 加载示例数据: generate the sample report set and import it with each file's
 * arrival date, in one step — for a first run of the desktop app and for the demo.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DB } from '../db/database';
import type { CallContext } from '../../api/contract';
import { generateSampleSet, receivedDatesOf } from './sampleSet';
import { importFiles, type ImportOptions } from '../import/importFiles';

export interface LoadSampleRequest {
  /** Where the sample files go; default: 示例报表/ beside the database. */
  out?: string;
  years?: string;
  seed?: number;
}

export interface LoadSampleResult {
  dir: string;
  files: number;
  accepted: number;
  rejected: number;
  batchId: number | null;
}

export async function loadSampleData(db: DB, dbPath: string, req: LoadSampleRequest, call: CallContext = {}, opts: ImportOptions = {}): Promise<LoadSampleResult> {
  const dir = req.out ?? join(dirname(dbPath), '示例报表');
  // The folder holds only generated files: made anew so that it matches this run's seed and years.
  rmSync(dir, { recursive: true, force: true });
  const sample = await generateSampleSet(db, { out: dir, ...(req.years ? { years: req.years } : {}), ...(req.seed !== undefined ? { seed: req.seed } : {}) }, (p) =>
    call.onProgress?.(p),
  );
  // The sample analyst's 说明 on the 提示 the set raises on purpose (restated bases) go with it.
  const imported = await importFiles(db, { paths: [dir], receivedDates: receivedDatesOf(sample.files), acks: sample.acks, note: '加载示例数据' }, call, opts);
  return { dir, files: sample.files.length, accepted: imported.accepted, rejected: imported.rejected, batchId: imported.batchId };
}
