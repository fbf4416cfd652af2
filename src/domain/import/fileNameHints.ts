/**
 * What a report's file name says about itself, as clerks name their files:
 * 「2025Q3_农行安康分行.xlsx」, 「安康农行2025年三季度报表.xlsx」, 「第3季度（工行）.xls」.
 *
 * A clerk who copies last quarter's workbook and forgets the cover sends a file whose name
 * says one quarter and whose cover says another; imported by the cover, it silently replaces
 * the real report of the other quarter. The name is only a hint: when it says two different
 * things (「2025Q2改2025Q3」, 「二、三季度」, two banks), or nothing a person would read as a
 * quarter or a bank, it says nothing, so that a warning is never raised on a guess.
 */

export interface QuarterHint {
  /** null when the name gives the quarter without a year (「三季度」). */
  year: number | null;
  q: 1 | 2 | 3 | 4;
  /** The words of the name that say it. */
  text: string;
}

export interface InstitutionHint {
  code: string;
  /** The words of the name that say it (a name, an alias or the code). */
  text: string;
}

export interface FileNameHints {
  quarter: QuarterHint | null;
  institution: InstitutionHint | null;
}

/** An institution as the file name may call it: its code, name and aliases. */
export interface NamedInstitution {
  code: string;
  names: readonly string[];
}

const CN_Q: Record<string, 1 | 2 | 3 | 4> = { '1': 1, '2': 2, '3': 3, '4': 4, 一: 1, 二: 2, 三: 3, 四: 4 };
const QUARTER_END_MONTH: Record<string, 1 | 2 | 3 | 4> = { '3': 1, '03': 1, '6': 2, '06': 2, '9': 3, '09': 3, '12': 4, 三: 1, 六: 2, 九: 3, 十二: 4 };
const PERIOD_WORDS: Record<string, 2 | 3 | 4> = { 上半年: 2, 前三季度: 3, 前三季: 3, 年末: 4, 年底: 4 };

interface Span {
  start: number;
  end: number;
}

interface Found extends Span {
  year: number | null;
  q: 1 | 2 | 3 | 4;
}

/** The file's name without folders and extension, in the form clerks' variants compare equal (full-width → ASCII). */
export function normaliseFileName(file: string): string {
  const base = file.split(/[\\/]/u).pop() ?? file;
  return base.replace(/\.[A-Za-z0-9]{1,5}$/u, '').normalize('NFKC');
}

function overlaps(a: Span, taken: readonly Span[]): boolean {
  return taken.some((t) => a.start < t.end && t.start < a.end);
}

/** Every quarter the name states, with a year where it gives one. */
function quarterMentions(name: string): Found[] | null {
  // 「二、三季度」「1-2季度」「Q2至Q3」: a span of quarters is no single quarter.
  if (/[1-4一二三四]\s*(?:季度?)?\s*[、,，和及与至到~～—-]\s*(?:第\s*)?[1-4一二三四]\s*季/u.test(name)) return null;
  if (/Q\s*[1-4]\s*[、,，和及与至到~～—-]\s*Q?\s*[1-4](?!\d)/iu.test(name)) return null;
  const found: Found[] = [];
  const take = (re: RegExp, read: (m: RegExpExecArray) => { year: number | null; q: 1 | 2 | 3 | 4 } | null): void => {
    for (const m of name.matchAll(re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (overlaps(span, found)) continue;
      const r = read(m);
      if (r) found.push({ ...span, ...r });
    }
  };
  const year = (s: string | undefined): number | null => {
    const y = Number(s);
    return y >= 2000 && y <= 2100 ? y : null;
  };
  // With a year: 2025Q3, 2025-Q3, 2025年Q3, 2025年第三季度, 2025年3季度, 2025三季度, 2025年上半年, 2025年9月末.
  take(/(?<!\d)(\d{4})\s*[-_.年 ]?\s*Q\s*([1-4])(?!\d)/giu, (m) => (year(m[1]) ? { year: year(m[1]), q: CN_Q[m[2] ?? ''] ?? 1 } : null));
  // 「季」 alone only after 第 (「第三季」): 「四季」 is also a word (四季青, 四季豆).
  take(/(?<!\d)(\d{4})\s*年?\s*(?:第\s*([1-4一二三四])\s*季度?|([1-4一二三四])\s*季度)/gu, (m) =>
    year(m[1]) ? { year: year(m[1]), q: CN_Q[m[2] ?? m[3] ?? ''] ?? 1 } : null,
  );
  take(/(?<!\d)(\d{4})\s*年?\s*(上半年|前三季度|前三季|年末|年底)/gu, (m) => (year(m[1]) ? { year: year(m[1]), q: PERIOD_WORDS[m[2] ?? ''] ?? 4 } : null));
  take(/(?<!\d)(\d{4})\s*年\s*(十二|0?[369]|12|[三六九])\s*月\s*(?:末|底)/gu, (m) => {
    const q = QUARTER_END_MONTH[m[2] ?? ''];
    return year(m[1]) && q ? { year: year(m[1]), q } : null;
  });
  // Without a year: 三季度, 第3季度, 第三季, Q3, 上半年, 前三季度.
  take(/第\s*([1-4一二三四])\s*季度?|([1-4一二三四])\s*季度/gu, (m) => ({ year: null, q: CN_Q[m[1] ?? m[2] ?? ''] ?? 1 }));
  take(/(?<![A-Za-z0-9])Q\s*([1-4])(?![0-9])/giu, (m) => ({ year: null, q: CN_Q[m[1] ?? ''] ?? 1 }));
  take(/(上半年|前三季度|前三季)/gu, (m) => ({ year: null, q: PERIOD_WORDS[m[1] ?? ''] ?? 2 }));
  return found;
}

/** The one quarter the name states, or null when it states none or several different ones. */
export function quarterHint(file: string): QuarterHint | null {
  const name = normaliseFileName(file);
  const found = quarterMentions(name);
  if (!found || found.length === 0) return null;
  const q = found[0]?.q;
  if (found.some((f) => f.q !== q)) return null;
  const years = new Set(found.map((f) => f.year).filter((y): y is number => y !== null));
  if (years.size > 1 || q === undefined) return null;
  const best = found.find((f) => f.year !== null) ?? found[0];
  if (!best) return null;
  return { year: years.size === 1 ? [...years][0] ?? null : null, q, text: name.slice(best.start, best.end).trim() };
}

function compact(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

const CODE_LIKE = /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/u;

/**
 * The one institution the name calls by its name, an alias or its code. Longer names win
 * over the shorter ones inside them (「农行安康分行三农金融事业部」 over 「农行安康分行」); two
 * different institutions named apart, or none, give null.
 */
export function institutionHint(file: string, institutions: readonly NamedInstitution[]): InstitutionHint | null {
  const name = compact(normaliseFileName(file));
  const candidates: (Span & { code: string })[] = [];
  for (const inst of institutions) {
    for (const raw of new Set([inst.code, ...inst.names])) {
      const n = compact(raw);
      if (n.length < 2) continue;
      if (CODE_LIKE.test(n)) {
        // A code counts only as a whole token: AK-ABC, not the AK-AB inside AK-ABC.
        const re = new RegExp(`(?<![A-Z0-9])${n}(?![A-Z0-9])`, 'gu');
        for (const m of name.matchAll(re)) candidates.push({ start: m.index, end: m.index + n.length, code: inst.code });
        continue;
      }
      for (let at = name.indexOf(n); at >= 0; at = name.indexOf(n, at + 1)) candidates.push({ start: at, end: at + n.length, code: inst.code });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: (Span & { code: string })[] = [];
  for (const c of candidates) if (!overlaps(c, taken)) taken.push(c);
  const codes = new Set(taken.map((t) => t.code));
  if (codes.size !== 1) return null;
  const first = taken.sort((a, b) => a.start - b.start)[0];
  return first ? { code: first.code, text: name.slice(first.start, first.end) } : null;
}

export function fileNameHints(file: string, institutions: readonly NamedInstitution[]): FileNameHints {
  return { quarter: quarterHint(file), institution: institutionHint(file, institutions) };
}
