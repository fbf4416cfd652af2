/** What a refused import may leave behind: the log of the attempt and nothing else. */
import { expect } from 'vitest';
import { diffDumps, type Dump } from './db-dump';

/**
 * The store after a refused import equals the store before, except for the log of the
 * attempt: one batch row that accepted nothing, its audit entries, and each refused file
 * kept for 退回重报 (rejected_files, one row per file).
 */
export function expectOnlyTheAttemptLogged(before: Dump, after: Dump, rejected: number): void {
  const diff = diffDumps(before, after);
  expect(Object.keys(diff).sort()).toEqual(['audit_log', 'import_batches', 'rejected_files']);
  expect(diff['rejected_files']?.removed).toEqual([]);
  expect(diff['rejected_files']?.added).toHaveLength(rejected);
  expect(diff['import_batches']?.removed).toEqual([]);
  expect(diff['import_batches']?.added).toHaveLength(1);
  // import_batches: id, created_at, note, file_count, accepted, rejected, status, rolled_back_at
  const [row] = diff['import_batches']?.added ?? [];
  expect(row?.slice(3, 7)).toEqual([rejected, 0, rejected, 'committed']);
  expect(diff['audit_log']?.removed).toEqual([]);
  const actions = (diff['audit_log']?.added ?? []).map((r) => r[3]);
  expect(actions.filter((a) => a === 'submission.reject')).toHaveLength(rejected);
  expect(new Set(actions)).toEqual(new Set(['batch.create', 'submission.reject']));
}
