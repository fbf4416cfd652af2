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

/**
 * A report's numbers, compact: at 10× a check records 3,420 reports, and a Map with a key
 * string per value held 9.5 KB a report (~115 numbers; 32 MB alive at the end of the check);
 * as slots into one key table the batch shares and a Float64Array (which holds any number
 * exactly) it is 1.9 KB (measured on the 1× sample set's reports).
 */
interface Pending {
  version: number;
  slots: Uint32Array;
  nums: Float64Array;
}

export class PendingCommits {
  private readonly quarters = new Map<string, Pending>();
  /** Every value key (valueKey) seen in the batch, once: the reports of one form share them. */
  private readonly keys: string[] = [];
  private readonly slotOf = new Map<string, number>();

  private static key(institution: string, quarter: string): string {
    return `${institution}\u0000${quarter}`;
  }

  private slot(key: string): number {
    let s = this.slotOf.get(key);
    if (s === undefined) {
      s = this.keys.push(key) - 1;
      this.slotOf.set(key, s);
    }
    return s;
  }

  /** Records that the commit would have stored this report as the quarter's current version. */
  add(institution: string, quarter: string, version: number, values: readonly StoredValue[]): void {
    // Only numbers, as current_values is read for history (num IS NOT NULL).
    const numeric = values.filter((v): v is StoredValue & { num: number } => v.num !== null);
    const slots = new Uint32Array(numeric.length);
    const nums = new Float64Array(numeric.length);
    numeric.forEach((v, i) => {
      slots[i] = this.slot(valueKey(v.key, v.member === '' ? null : v.member));
      nums[i] = v.num;
    });
    this.quarters.set(PendingCommits.key(institution, quarter), { version, slots, nums });
  }

  /** The quarter's current numbers once this batch's earlier files are in, or undefined when none of them is that quarter's. */
  values(institution: string, quarter: string): ReadonlyMap<string, number> | undefined {
    const p = this.quarters.get(PendingCommits.key(institution, quarter));
    if (!p) return undefined;
    // Built when a later file's rules ask (a few times per file), from the shared keys.
    const out = new Map<string, number>();
    p.slots.forEach((slot, i) => out.set(this.keys[slot] ?? '', p.nums[i] ?? 0));
    return out;
  }

  /** The next version as the commit will find it after this batch's earlier report of the quarter (a report is then the current one). */
  nextVersion(institution: string, quarter: string): { version: number; currentOrigin: SubmissionOrigin } | undefined {
    const p = this.quarters.get(PendingCommits.key(institution, quarter));
    return p ? { version: p.version + 1, currentOrigin: 'report' } : undefined;
  }
}
