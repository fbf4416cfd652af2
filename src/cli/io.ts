/** CLI output: JSON for machines, aligned tables for people. */
import type { Result } from '../domain/result';
import { formatError } from '../domain/result';
import { displayWidth } from '../domain/text/width';

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const processIO: CliIO = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
};

export { displayWidth };

export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]): string => r.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Prints a failed result in Chinese and returns the exit code. */
export function reportFailure(io: CliIO, r: Result<unknown>, json: boolean): number {
  if (r.ok) return 0;
  if (json) printJson(io, { error: r.error });
  io.err(`错误：${formatError(r.error)}`);
  return 1;
}
