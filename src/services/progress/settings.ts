/**
 * Settings of the 金融兴产强县 progress table, per region, kept in the database:
 * how 时序进度 is counted (by days, or by quarters 25/50/75/100% as many 进度通报 do).
 */
import type { DB } from '../db/database';
import type { ProgressSettings } from '../../api/assessment-types';
import { TIME_PROGRESS_METHODS, type TimeProgressMethod } from '../../domain/progress';
import { fail, failure } from '../../domain/result';
import { audit } from '../db/audit';
import { localUser } from '../settings/localUser';

const key = (region: string): string => `progress.time_method:${region}`;

function isMethod(v: string): v is TimeProgressMethod {
  return v in TIME_PROGRESS_METHODS;
}

export function progressSettings(db: DB, region: string): ProgressSettings {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key(region)) as { value: string } | undefined;
  const timeMethod: TimeProgressMethod = row && isMethod(row.value) ? row.value : 'days';
  const r = db.prepare('SELECT name FROM regions WHERE code = ?').get(region) as { name: string } | undefined;
  if (!r) fail('E_REGION_UNKNOWN', { region });
  return { region, regionName: r.name, timeMethod, timeMethodLabel: TIME_PROGRESS_METHODS[timeMethod] };
}

export function setProgressSettings(db: DB, region: string, s: { timeMethod: string }): ProgressSettings {
  if (!isMethod(s.timeMethod)) throw failure('E_SETTING', { method: String(s.timeMethod), known: `days（${TIME_PROGRESS_METHODS.days}）、quarters（${TIME_PROGRESS_METHODS.quarters}）` });
  const before = progressSettings(db, region).timeMethod;
  db.transaction(() => {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key(region), s.timeMethod);
    audit(db, localUser(db), 'progress.settings', 'region', region, { before: { timeMethod: before }, after: { timeMethod: s.timeMethod } });
  })();
  return progressSettings(db, region);
}
