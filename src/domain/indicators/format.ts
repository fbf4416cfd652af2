/** How indicator values read in tables and sentences: 无数据 for null, 万元 with two decimals, % with one or two. */
import type { IndicatorKind } from './types';

export const NO_DATA = '无数据';

/**
 * 1234567.891 → "1,234,567.89". toLocaleString is slow enough to show in tables of thousands,
 * and so were a split and a regular expression per value in a recompute of every indicator
 * (~340,000 values at 10×): the digits are grouped by slicing the rounded text.
 */
export function formatAmount(x: number, decimals = 2): string {
  const fixed = Math.abs(x).toFixed(decimals);
  const dot = fixed.indexOf('.');
  const end = dot < 0 ? fixed.length : dot;
  // Past 1e21 toFixed writes an exponent, and NaN/Infinity have no digits: left as they are.
  let grouped = end <= 3 || !Number.isFinite(x) || fixed.includes('e') ? fixed.slice(0, end) : '';
  if (grouped === '') {
    const lead = end % 3 || 3;
    grouped = fixed.slice(0, lead);
    for (let i = lead; i < end; i += 3) grouped += `,${fixed.slice(i, i + 3)}`;
  }
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fixed.slice(end)}`;
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
