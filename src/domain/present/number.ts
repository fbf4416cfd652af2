/**
 * How numbers are shown to analysts: thousands separators, two decimals for
 * amounts, one or two for percentages, a unit where the column has none.
 * Pure and locale-free so the window, exports and tests agree to the digit.
 */

/** Missing inputs are shown as 无数据, never as a fake 0. */
export const NO_DATA = '无数据';

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1234567.891 → "1,234,567.89"; -0.004 → "0.00" (no negative zero). */
export function formatFixed(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_DATA;
  const text = Math.abs(x).toFixed(decimals);
  const [intPart = '0', frac] = text.split('.');
  const negative = x < 0 && /[1-9]/.test(text);
  return `${negative ? '-' : ''}${groupThousands(intPart)}${frac !== undefined ? `.${frac}` : ''}`;
}

/** An amount in 万元: "12,345.68". */
export function formatAmount(x: number | null | undefined): string {
  return formatFixed(x, 2);
}

/** A count (户, 笔, 个): "1,234". */
export function formatCount(x: number | null | undefined): string {
  return formatFixed(x, 0);
}

/** A fraction as a percentage: 0.1234 → "12.34%"; decimals 1 → "12.3%". */
export function formatPercent(fraction: number | null | undefined, decimals = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_DATA;
  return `${formatFixed(fraction * 100, decimals)}%`;
}

/** A difference of two rates in percentage points: 0.042 → "+4.20 个百分点". */
export function formatPoints(fraction: number | null | undefined, decimals = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_DATA;
  const body = formatFixed(fraction * 100, decimals);
  return `${fraction > 0 && body !== formatFixed(0, decimals) ? '+' : ''}${body} 个百分点`;
}

/** 万元 shown as 亿元 when large enough to read better: 123456 万元 → "12.35 亿元". */
export function formatAmountAuto(wan: number | null | undefined): { text: string; unit: '万元' | '亿元' } {
  if (wan === null || wan === undefined || !Number.isFinite(wan)) return { text: NO_DATA, unit: '万元' };
  if (Math.abs(wan) >= 100_000) return { text: formatFixed(wan / 10_000, 2), unit: '亿元' };
  return { text: formatFixed(wan, 2), unit: '万元' };
}

export type ValueKind = 'amount' | 'count' | 'rate' | 'percent' | 'score' | 'text' | 'date';

/** Formats a value by the kind of its column; rates are fractions. */
export function formatValue(value: number | string | null | undefined, kind: ValueKind): string {
  if (value === null || value === undefined || value === '') return kind === 'text' || kind === 'date' ? '' : NO_DATA;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'amount':
    case 'score':
      return formatFixed(value, 2);
    case 'count':
      return formatCount(value);
    case 'rate':
    case 'percent':
      return formatPercent(value, 2);
    default:
      return String(value);
  }
}

/** Whether a column of this kind is right-aligned (numbers are). */
export function isNumericKind(kind: ValueKind): boolean {
  return kind === 'amount' || kind === 'count' || kind === 'rate' || kind === 'percent' || kind === 'score';
}
