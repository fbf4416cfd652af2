/**
 * The benchmark is one script (tests/bench/bench.ts, `npm run bench`) that prints one
 * table. Each area contributes a part: a module exporting `run(ctx)` that measures its
 * own work on the database the import part filled, and returns rows to print.
 */
export interface BenchContext {
  /** 1 = both regions, 5 years of quarterly reports; 10 = ten times the institutions. */
  scale: number;
  /** Folder holding the generated sample report files for this scale. */
  sampleDir: string;
  /** A database that already holds the imported sample set at this scale. */
  dbPath: string;
  /** A scratch folder for outputs (exports, packs). */
  outDir: string;
}

export interface BenchRow {
  /** What was measured, in words (Chinese or English). */
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export type BenchPart = (ctx: BenchContext) => Promise<BenchRow[]>;
