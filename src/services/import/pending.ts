/**
 * What a check (dry run) would have committed so far in its batch. The commit takes the
 * files one by one in the batch's order, one transaction each, so a file's cross-period
 * rules (跨期审核: 上季度, 年初, 上年同期) and its version number read the files committed
 * before it. A check writes nothing: without this record it compared a Q3 report only with
 * what the database held, and the warnings against the Q2 of the same batch first appeared
 * at 提交导入 — the file held a second time after the analyst had decided everything at 检查.
 *
 * Each file the check did not refuse stands in for its commit here, held ones included: a
 * held file goes in at 提交导入 with the decisions made on this check, and the later files
 * must be checked against it as the commit will check them. A refused file stands for
 * nothing (the commit refuses it too, and the database's version stays the one that
 * counts). A later file of the same institution and quarter replaces the earlier one
 * whole, as its commit makes it the current version.
 */
import type { SubmissionOrigin } from './submissions';
import type { StoredValue } from './readReport';
import { valueKey } from '../../domain/import/validate';

interface Pending {
  version: number;
  /** The numbers of the report, keyed as current_values is read (valueKey). */
  values: Map<string, number>;
}

export class PendingCommits {
  private readonly quarters = new Map<string, Pending>();

  private static key(institution: string, quarter: string): string {
    return `${institution}\u0000${quarter}`;
  }

  /** Records that the commit would have stored this report as the quarter's current version. */
  add(institution: string, quarter: string, version: number, values: readonly StoredValue[]): void {
    const nums = new Map<string, number>();
    // Only numbers, as current_values is read for history (num IS NOT NULL).
    for (const v of values) if (v.num !== null) nums.set(valueKey(v.key, v.member === '' ? null : v.member), v.num);
    this.quarters.set(PendingCommits.key(institution, quarter), { version, values: nums });
  }

  /** The quarter's current numbers once this batch's earlier files are in, or undefined when none of them is that quarter's. */
  values(institution: string, quarter: string): ReadonlyMap<string, number> | undefined {
    return this.quarters.get(PendingCommits.key(institution, quarter))?.values;
  }

  /** The next version as the commit will find it after this batch's earlier report of the quarter (a report is then the current one). */
  nextVersion(institution: string, quarter: string): { version: number; currentOrigin: SubmissionOrigin } | undefined {
    const p = this.quarters.get(PendingCommits.key(institution, quarter));
    return p ? { version: p.version + 1, currentOrigin: 'report' } : undefined;
  }
}
