/**
 * 金融兴产强县 progress for the charts and the pack: the progress table of the
 * quarter's year (src/services/progress), shown once analysts have entered
 * county targets for that year.
 */
import type { DB } from '../db/database';
import type { ProgressTable } from '../../api/assessment-types';
import type { CountyProgressData } from '../../domain/charts/data';
import { fail } from '../../domain/result';
import { parseQuarterOrFail } from '../indicators';
import { getCountyTargets, progressTable } from '../progress';
import { regionName } from './data';

function countyRegion(db: DB, region: string): boolean {
  const row = db.prepare('SELECT unit_kind FROM regions WHERE code = ?').get(region) as { unit_kind: string } | undefined;
  return row?.unit_kind === 'county';
}

/** Progress applies to regions of counties with at least one annual target for the year. */
export function progressAvailable(db: DB, region: string, quarter: string): boolean {
  if (!countyRegion(db, region)) return false;
  const year = parseQuarterOrFail(quarter).year;
  return getCountyTargets(db, region, year).some((t) => t.annualTarget !== null);
}

export function progressFor(db: DB, region: string, quarter: string): ProgressTable {
  const year = parseQuarterOrFail(quarter).year;
  if (!progressAvailable(db, region, quarter)) {
    fail('E_CHART_NOT_APPLICABLE', { region: regionName(db, region), reason: `尚未录入${year}年「金融兴产强县」各县年度目标（或该地区不设县）`, what: '计算完成率' });
  }
  return progressTable(db, { region, year, quarter });
}

export function countyProgressData(t: ProgressTable, regionLabel: string): CountyProgressData {
  return {
    regionName: regionLabel,
    quarter: t.quarter,
    timeProgress: t.timeProgress,
    rows: t.rows.map((r) => ({ county: r.county, completion: r.completion, behind: r.behind === true })),
  };
}
