/** The newest quarter with reports, as several pages default to it. */
import { addQuarters, quarterId } from '../../domain/quarter';
import { reportingQuarter, todayDate } from '../../domain/present/periods';
import { formatError } from '../../domain/result';
import { call } from './bridge';

/** How far back a page looks for the latest quarter with reports (two years). */
const LOOKBACK_QUARTERS = 8;

/** The newest quarter (up to the one just ended) in which any institution of the region reported; null if none. */
export async function latestReportedQuarter(region: string): Promise<string | null> {
  let q = reportingQuarter(todayDate());
  for (let i = 0; i < LOOKBACK_QUARTERS; i++) {
    const r = await call('indicators.compute', { quarter: quarterId(q), region, ids: ['loans_total_bal'], scopes: ['region'] });
    if (!r.ok) throw new Error(formatError(r.error));
    if (r.value.some((x) => x.coverage.included > 0)) return quarterId(q);
    q = addQuarters(q, -1);
  }
  return null;
}
