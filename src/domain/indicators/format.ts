/** How indicator values read in tables and sentences: 无数据 for null, 万元 with two decimals, % with one or two. */
import type { IndicatorKind } from './types';

export const NO_DATA = '无数据';

/** 1234567.891 → "1,234,567.89" (toLocaleString is slow enough to show in tables of thousands). */
export function formatAmount(x: number, decimals = 2): string {
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

export function formatPercent(fraction: number, decimals = 1): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** A difference of two rates, in percentage points (个百分点). */
export function formatPoints(fraction: number, decimals = 1): string {
  return `${(fraction * 100).toFixed(decimals)}个百分点`;
}

export function formatIndicatorValue(value: number | null, kind: IndicatorKind, unit = ''): string {
  if (value === null) return NO_DATA;
  switch (kind) {
    case 'amount':
      return `${formatAmount(value)}${unit ? ` ${unit}` : ''}`;
    case 'count':
      return `${formatAmount(value, 0)}${unit ? ` ${unit}` : ''}`;
    case 'ratio':
      return formatPercent(value, 2);
    case 'ratioDiff':
      return formatPoints(value, 2);
  }
}
