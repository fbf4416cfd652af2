/**
 * The data revision: one number that moves whenever what any page shows may
 * have changed. The window compares it with the revision its page was loaded
 * at and reloads when they differ, so no page shows figures from before a change.
 *
 * It is kept at the mechanism, not by each handler: SQLite counts every row this
 * connection changed (total_changes()) and tells when another connection — a CLI
 * import while the app is open, a backup restored over the file — committed
 * (PRAGMA data_version). Both are read before and after every handler call and
 * whenever the window asks; any difference is a new revision. A handler added
 * later that writes to the database bumps it without knowing it exists.
 */
import { randomUUID } from 'node:crypto';
import type { DB } from '../db/database';
import { dataStamp } from '../db/stamp';

interface Seen {
  db: DB;
  stamp: string;
}

export class DataRevision {
  private n = 0;
  private seen: Seen | null = null;
  /** Tells this process's numbering from that of an earlier run (the window compares both). */
  readonly session = randomUUID();

  constructor(private readonly db: () => DB) {}

  /** Reads SQLite's counters; a change since the last look (or another connection object) is a new revision. */
  observe(): number {
    const db = this.db();
    if (!db.open) return this.n;
    const stamp = dataStamp(db);
    const s = this.seen;
    if (s && (s.db !== db || s.stamp !== stamp)) this.n += 1;
    this.seen = { db, stamp };
    return this.n;
  }
}
