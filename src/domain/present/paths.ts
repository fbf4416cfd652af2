/** File paths the analyst collects before an import: typed, picked or dropped. */

/** Splits pasted text into paths: one a line, quotes (as Explorer's 复制为路径 adds) removed. */
export function splitPathText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^"(.*)"$/, '$1').trim())
    .filter(Boolean);
}

/** Adds paths to a list, keeping the first occurrence of each (case kept: Linux paths are case-sensitive). */
export function mergePaths(current: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(current);
  const out = [...current];
  for (const p of more) {
    if (p && !seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}

/** The last part of a path, for Windows and POSIX paths alike. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? p;
}
