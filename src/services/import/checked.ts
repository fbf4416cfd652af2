/**
 * The checked result, kept between 检查报表 (a dry run) and 提交导入: each file's parsed
 * workbook, keyed by the SHA-256 and size of the bytes it was parsed from. The commit reads
 * every file again and hashes it; a file whose bytes are unchanged is not parsed again (the
 * parse is most of an import's cost), one that changed on disk is. The checks that read the
 * database (versions, duplicates, cross-period rules, deadlines) always run again at commit.
 *
 * Memory is bounded: entries are counted by an estimate of their size and the oldest go
 * first past the cap; a check keeps only its own files, and a commit frees everything.
 */
import type { WorkbookSnapshot } from '../../domain/import/workbook';
import type { DetectedFormat } from './detect';

/** About 2,000 quarterly reports' worth; an office PC has 4–8 GB. */
export const DEFAULT_CHECKED_CAP = 256 * 1024 * 1024;

export interface CheckedEntry {
  snapshot: WorkbookSnapshot;
  detected: DetectedFormat;
  /** Estimated bytes held. */
  estimate: number;
}

/** What a snapshot costs on the heap, roughly: an object per cell plus its strings (UTF-16). */
export function estimateSnapshotBytes(s: WorkbookSnapshot): number {
  let n = 1024;
  for (const name of s.sheetNames) {
    n += 256 + name.length * 2;
    const cells = s.sheets[name] ?? {};
    for (const [addr, c] of Object.entries(cells)) {
      n += 96 + addr.length * 2;
      if (typeof c.v === 'string') n += 32 + c.v.length * 2;
      if (c.f !== undefined) n += 32 + c.f.length * 2;
      if (c.w !== undefined) n += 32 + c.w.length * 2;
      if (c.z !== undefined) n += 32 + c.z.length * 2;
    }
  }
  for (const d of s.names) n += 96 + (d.name.length + d.ref.length) * 2;
  return n;
}

export class CheckedFiles {
  private readonly entries = new Map<string, CheckedEntry>();
  private held = 0;

  constructor(readonly cap = DEFAULT_CHECKED_CAP) {}

  private static key(sha256: string, size: number): string {
    return `${sha256}:${size}`;
  }

  get(sha256: string, size: number): CheckedEntry | undefined {
    return this.entries.get(CheckedFiles.key(sha256, size));
  }

  /** Keeps a file's parse; past the cap the oldest entries go (a single one larger than the cap is not kept). */
  put(sha256: string, size: number, snapshot: WorkbookSnapshot, detected: DetectedFormat): string | null {
    const key = CheckedFiles.key(sha256, size);
    const estimate = estimateSnapshotBytes(snapshot);
    if (estimate > this.cap) return null;
    this.drop(key);
    for (const [k, e] of this.entries) {
      if (this.held + estimate <= this.cap) break;
      this.entries.delete(k);
      this.held -= e.estimate;
    }
    this.entries.set(key, { snapshot, detected, estimate });
    this.held += estimate;
    return key;
  }

  /** After a check: only what this check read stays (an earlier check's files are not what the analyst sees now). */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const k of [...this.entries.keys()]) if (!keys.has(k)) this.drop(k);
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  /** Entries held and their estimated bytes (for tests and the bench). */
  get stats(): { files: number; bytes: number } {
    return { files: this.entries.size, bytes: this.held };
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.held -= e.estimate;
  }
}
