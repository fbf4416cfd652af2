/**
 * The checked result, kept between 检查报表 (a dry run) and 提交导入: each file's parsed
 * workbook, packed (packed.ts: ~20 KB a report instead of ~300 KB of cell objects on the heap),
 * keyed by the SHA-256 and size of the bytes it was parsed from. The commit reads every file
 * again and hashes it; a file whose bytes are unchanged is unpacked, not parsed again (the
 * parse is most of an import's cost), one that changed on disk is. The checks that read the
 * database (versions, duplicates, cross-period rules, deadlines) always run again at commit.
 *
 * Memory is bounded: entries are counted by their packed size and the oldest go first past
 * the cap; a check keeps only its own files, and a commit frees everything.
 */
import type { DetectedFormat } from './detect';

/** About 6,000 quarterly reports packed (10×, 3,420 files, holds ~75 MB); an office PC has 4–8 GB. */
export const DEFAULT_CHECKED_CAP = 128 * 1024 * 1024;

/** What an entry costs beside its packed bytes (the entry, its key, the detected format). */
const ENTRY_OVERHEAD = 512;

export interface CheckedEntry {
  packed: Uint8Array;
  detected: DetectedFormat;
  /** Bytes held. */
  estimate: number;
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

  /** Keeps a file's packed parse; past the cap the oldest entries go (a single one larger than the cap is not kept). */
  put(sha256: string, size: number, packed: Uint8Array, detected: DetectedFormat): string | null {
    const key = CheckedFiles.key(sha256, size);
    const estimate = packed.byteLength + ENTRY_OVERHEAD;
    if (estimate > this.cap) return null;
    this.drop(key);
    for (const [k, e] of this.entries) {
      if (this.held + estimate <= this.cap) break;
      this.entries.delete(k);
      this.held -= e.estimate;
    }
    this.entries.set(key, { packed, detected, estimate });
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
