import type { DB } from './database';
import { statement } from './statements';

/**
 * The database's state as a stamp: PRAGMA data_version moves when another connection
 * commits (another process, a restore copied in by the backup API), total_changes() when
 * this connection writes. Equal stamps: nothing in the database changed in between.
 */
export function dataStamp(db: DB): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = statement(db, 'SELECT total_changes() AS n').pluck().get() as number;
  return `${version}/${changes}`;
}
