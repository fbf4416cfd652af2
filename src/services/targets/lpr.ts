/** The LPR table shipped in resources/lpr/lpr.json (analysts append new fixings there). */
import { readResourceJson } from '../resources';
import { lprOn, type LprRow } from '../../domain/lpr';

interface LprFile {
  oneYear: LprRow[];
  fiveYear: LprRow[];
}

export function loadLpr(): LprFile {
  return readResourceJson<LprFile>('lpr', 'lpr.json');
}

export function oneYearLprOn(date: string): number | null {
  return lprOn(loadLpr().oneYear, date);
}
