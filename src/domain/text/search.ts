/**
 * Searching the banks' texts: a query's terms, the FTS5 expression for the terms
 * the trigram index can serve, where each term occurs in a text (for highlighting),
 * and the attribution line a copied passage carries. Pure: the SQL lives in services/texts.
 */

/** The trigram tokenizer indexes runs of three characters: shorter terms need LIKE. */
export const TRIGRAM = 3;

/** Terms of a query: split on spaces (half- or full-width) and on 、，; at most 8, duplicates dropped. */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of query.split(/[\s\u3000,，、;；]+/u)) {
    const term = t.trim();
    if (term === '' || seen.has(term)) continue;
    seen.add(term);
    out.push(term);
    if (out.length === 8) break;
  }
  return out;
}

/** Length in characters (code points), as the trigram tokenizer counts them. */
export function charLength(s: string): number {
  return [...s].length;
}

/**
 * The FTS5 MATCH expression for the terms of three characters or more: each a quoted
 * phrase (quotes doubled), all required. null when no term is long enough.
 */
export function ftsExpression(terms: readonly string[]): string | null {
  const long = terms.filter((t) => charLength(t) >= TRIGRAM);
  if (long.length === 0) return null;
  return long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

/** A LIKE pattern that finds the term anywhere, with %, _ and the escape itself escaped by '\'. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Where the terms occur: [start, end) in UTF-16 units, merged where they overlap, in order. Case-insensitive for Latin letters. */
export function findHits(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const t of terms) {
    const needle = t.toLowerCase();
    if (needle === '') continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export interface TextRun {
  text: string;
  hit: boolean;
}

/** The text cut into runs, hit or not, for highlighting without HTML. */
export function highlightRuns(text: string, hits: readonly [number, number][]): TextRun[] {
  const out: TextRun[] = [];
  let at = 0;
  for (const [s, e] of hits) {
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/** Who said it, when and under which heading: 「（来源：中国农业银行安康分行 2025年第三季度报送材料·存在问题）」. */
export function attributionLine(institution: string, quarterLabel: string, kind: string): string {
  return `（来源：${institution}${quarterLabel}报送材料·${kind}）`;
}

/** A passage as it is copied: the text, then its attribution on the next line. */
export function passageWithAttribution(text: string, institution: string, quarterLabel: string, kind: string): string {
  return `${text.trim()}\n${attributionLine(institution, quarterLabel, kind)}`;
}
