/**
 * File names an office keeps: Chinese, readable, legal on Windows, and never the name
 * of a file already there (a second export of the same chart or pack gets （2）, as
 * Windows Explorer does), so nothing an analyst saved earlier is overwritten.
 */
import { existsSync } from 'node:fs';
import { extname, join, dirname, basename } from 'node:path';

/** Windows forbids \ / : * ? " < > | in names; spaces and 「」 are dropped for readability. */
export function safeFileName(s: string): string {
  return s
    .replace(/[\\/:*?"<>|\s]+/g, '_')
    .replace(/[「」]/g, '')
    .replace(/_+/g, '_')
    .replace(/^[_.]+|[_.]+$/g, '')
    .slice(0, 120);
}

/** `path` if nothing is there, else the first free `name（n）.ext`. */
export function freePath(path: string): string {
  if (!existsSync(path)) return path;
  const ext = extname(path);
  const stem = basename(path, ext);
  for (let n = 2; ; n++) {
    const candidate = join(dirname(path), `${stem}（${n}）${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** 安康市_2025年第四季度_富硒茶产业链贷款余额与当年累放 */
export function officeName(...parts: readonly string[]): string {
  return safeFileName(parts.filter(Boolean).join('_'));
}
