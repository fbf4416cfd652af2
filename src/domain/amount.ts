/**
 * Exact storage of numbers. Amounts are in 万元 in every report and are stored
 * as integers of 1/1,000,000 万元 (= 1 分), so that SQL sums are exact and a
 * value typed in 元 with cents survives the conversion. Rates (fractions,
 * 0.0345 = 3.45%) use the same scale; counts are stored as they are.
 */

export type NumericType = 'amount' | 'count' | 'rate';

export const AMOUNT_SCALE = 1_000_000;
export const RATE_SCALE = 1_000_000;

export function scaleOf(type: NumericType): number {
  return type === 'count' ? 1 : type === 'amount' ? AMOUNT_SCALE : RATE_SCALE;
}

const DECIMALS = { amount: 6, rate: 6, count: 0 } as const;

/**
 * Parses a plain decimal string ("-1234.5678") into an integer scaled by
 * 10^(decimals + shift) without floating-point error. Returns null when the
 * string is not a plain decimal or when precision beyond the scale would be lost.
 */
export function decimalToScaled(text: string, decimals: number, shift = 0): number | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const places = decimals + shift;
  let digits = intPart + fracPart;
  let exp = places - fracPart.length; // digits × 10^exp
  if (exp >= 0) {
    digits += '0'.repeat(exp);
    exp = 0;
  } else {
    // Drop extra fraction digits only when they are zeros; otherwise round half away from zero.
    const keep = digits.length + exp;
    const dropped = digits.slice(Math.max(keep, 0));
    digits = digits.slice(0, Math.max(keep, 0)) || '0';
    if (/[1-9]/.test(dropped)) {
      const roundUp = (dropped[0] ?? '0') >= '5';
      const n = Number(digits) + (roundUp ? 1 : 0);
      return Number.isSafeInteger(n) ? sign * n : null;
    }
  }
  const n = Number(digits || '0');
  if (!Number.isSafeInteger(n)) return null;
  return n === 0 ? 0 : sign * n;
}

/** A float read from a spreadsheet cell, scaled with float noise removed. */
export function floatToScaled(x: number, type: NumericType): number | null {
  if (!Number.isFinite(x)) return null;
  // Round through a decimal string of 15 significant digits: 0.1+0.2 → 0.3.
  const text = Number(x.toPrecision(15)).toString();
  if (/e/i.test(text)) {
    const n = Math.round(x * scaleOf(type));
    return Number.isSafeInteger(n) ? n : null;
  }
  return decimalToScaled(text, DECIMALS[type]);
}

export function scaledToNumber(scaled: number, type: NumericType): number {
  return scaled / scaleOf(type);
}

export function numberToScaled(x: number, type: NumericType): number {
  const n = floatToScaled(x, type);
  if (n === null) throw new RangeError(`number out of range: ${x}`);
  return n;
}
