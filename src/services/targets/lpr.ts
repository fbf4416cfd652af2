/** The LPR table shipped in resources/lpr/lpr.json (month by month, each with its sources). */
import { readResourceJson } from '../resources';
import { lprInForce, type LprTable, type LprTenor } from '../../domain/lpr';

export function loadLpr(): LprTable {
  return readResourceJson<LprTable>('lpr', 'lpr.json');
}

/** The LPR of a tenor in force on a date; null outside the table. */
export function lprRateOn(date: string, tenor: LprTenor = 'oneYear'): number | null {
  return lprInForce(loadLpr(), date)?.[tenor] ?? null;
}
