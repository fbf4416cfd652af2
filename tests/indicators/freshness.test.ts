/**
 * The indicator computations read each region's current values once per database state
 * (services/indicators/values.ts): whatever changes the store — a resubmission on this
 * connection, a rollback, another process's import — shows in the very next computation.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/services/db/database';
import { computeIndicators } from '../../src/services/indicators';
import { insertReport, tempDbPath } from '../helpers/reports';

const balance = (db: ReturnType<typeof openDatabase>): number | null =>
  computeIndicators(db, { quarter: '2024Q4', region: 'ankang', ids: ['agri_loans_bal'], scopes: ['region'] })[0]?.value ?? null;

describe('indicators read the store as it is now', () => {
  it('a resubmission, a rollback and another connection’s import each show at once', () => {
    const tmp = tempDbPath();
    const db = openDatabase(tmp.path);
    try {
      insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { agri_loans_bal: 50000 } });
      expect(balance(db)).toBe(50000);
      expect(balance(db)).toBe(50000);

      // 重报 on this connection: the new version is current.
      const second = insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { agri_loans_bal: 52000 } });
      expect(balance(db)).toBe(52000);

      // Rolled back: the first version is current again.
      db.prepare(`UPDATE submissions SET status = 'rolled_back' WHERE id = ?`).run(second);
      db.prepare(`UPDATE submissions SET status = 'current' WHERE institution = 'AK-ABC' AND quarter = '2024Q4' AND id <> ?`).run(second);
      expect(balance(db)).toBe(50000);

      // Another process (here: another connection) imports a second bank's report.
      const other = openDatabase(tmp.path);
      try {
        insertReport(other, { institution: 'AK-CCB', quarter: '2024Q4', values: { agri_loans_bal: 7000 } });
      } finally {
        other.close();
      }
      expect(balance(db)).toBe(57000);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
