/** The LPR in force on a date, from a table of (effective date, rate) rows kept as data. */
export interface LprRow {
  from: string;
  rate: number;
}

/** The rate whose effective date is the latest on or before the date (ISO strings compare as dates). */
export function lprOn(rows: readonly LprRow[], date: string): number | null {
  let hit: LprRow | null = null;
  for (const r of rows) if (r.from <= date && (!hit || r.from > hit.from)) hit = r;
  return hit?.rate ?? null;
}
