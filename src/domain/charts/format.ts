/**
 * How chart and table numbers read in a Chinese report: amounts in 万元 or 亿元
 * with thousands separators and two decimals, percentages with a % sign.
 * Pure and locale-free, so the window, the export and the tests agree exactly.
 */

export type AmountUnit = '万元' | '亿元';
/** `auto` picks 亿元 once the largest figure reaches 10亿元 (100,000 万元). */
export type AmountUnitChoice = AmountUnit | 'auto';

const WAN_PER_YI = 10_000;
const AUTO_YI_THRESHOLD_WAN = 100_000;

export function chooseAmountUnit(valuesInWan: readonly (number | null)[], choice: AmountUnitChoice = 'auto'): AmountUnit {
  if (choice !== 'auto') return choice;
  const max = Math.max(0, ...valuesInWan.map((v) => Math.abs(v ?? 0)));
  return max >= AUTO_YI_THRESHOLD_WAN ? '亿元' : '万元';
}

/** Rounds half away from zero to `digits` decimals, without 1.005 → 1.00 float surprises. */
export function roundTo(x: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(x) * f * (1 + Number.EPSILON)) / f;
  return x < 0 ? -r : r;
}

/** A 万元 figure in the display unit, rounded to two decimals. */
export function wanIn(unit: AmountUnit, wan: number): number {
  return roundTo(unit === '亿元' ? wan / WAN_PER_YI : wan, 2);
}

/** 1234567.891 → "1,234,567.89". */
export function formatNumber(x: number, digits = 2): string {
  const fixed = roundTo(x, digits).toFixed(digits);
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [intPart = '0', frac] = body.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = frac !== undefined ? `${grouped}.${frac}` : grouped;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

export function formatAmount(wan: number, unit: AmountUnit): string {
  return formatNumber(wanIn(unit, wan), 2);
}

/** A fraction (0.1234) as a percent number for an axis (12.34). */
export function percentOf(fraction: number): number {
  return roundTo(fraction * 100, 2);
}

/** 0.1234 → "12.34%". */
export function formatPercent(fraction: number, digits = 2): string {
  return `${formatNumber(fraction * 100, digits)}%`;
}

/** Percentage points: 0.0123 → "1.23个百分点". */
export function formatPoints(fraction: number, digits = 2): string {
  return `${formatNumber(fraction * 100, digits)}个百分点`;
}
