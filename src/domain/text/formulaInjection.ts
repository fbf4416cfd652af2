/**
 * Formula injection (CSV injection): a bank's file is untrusted, and a text value
 * such as `=HYPERLINK("http://…","点此")` or `=cmd|' /C calc'!A0`, written back
 * into a .csv or .xlsx the analyst opens, would run as a formula. Per OWASP, a
 * text that starts with = + - @ tab or carriage return (after any leading spaces,
 * which spreadsheet programs skip) is prefixed with a single quote, so it shows as
 * the text it is. Every export path calls this for text values (never for numbers).
 */

/** First characters that make Excel, WPS or LibreOffice read a cell as a formula (or DDE). */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** A plain signed number written as text ("-5", "+3.5") or a lone dash meaning "none": harmless, left as is. */
const HARMLESS = /^(?:[-+]?\d+(?:\.\d+)?%?|[-－—]+)$/u;

export function isFormulaLike(text: string): boolean {
  const t = text.replace(/^[ \u3000\u00a0]+/u, '');
  if (t === '' || HARMLESS.test(t.trim())) return false;
  return TRIGGERS.has(t[0] ?? '') || TRIGGERS.has(text[0] ?? '');
}

export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** For cell values of any type: only strings can carry a formula; numbers, dates, null pass through. */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
