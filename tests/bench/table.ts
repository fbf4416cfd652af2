/**
 * The bench's table: one line per metric, one column per scale. Rows name their scale in
 * the metric (「（1x）」, 「（10x，首次）」); it is stripped so both scales share a line.
 */
import type { BenchRow } from './types';
import { displayWidth } from '../../src/cli/io';

export interface Measured {
  scale: number;
  rows: BenchRow[];
}

function pad(s: string, w: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(2);
}

export function printTable(all: Measured[]): void {
  const metrics: string[] = [];
  const byKey = new Map<string, BenchRow>();
  for (const m of all) {
    for (const r of m.rows) {
      // Rows name their scale in the metric ("（1x）"); strip it so both scales share a line.
      const metric = r.metric.replace(/（\d+x(，|）)/u, (_s, tail: string) => (tail === '，' ? '（' : '')).replace(/（\d+x）/u, '');
      const key = `${metric}|${r.unit}`;
      if (!metrics.includes(key)) metrics.push(key);
      byKey.set(`${key}|${m.scale}`, { ...r, metric });
    }
  }
  const scales = all.map((m) => m.scale);
  const header = ['指标', ...scales.map((s) => `${s}x`), '单位', '说明'];
  const body = metrics.map((key) => {
    const [metric = '', unit = ''] = key.split('|');
    const notes = scales.map((s) => byKey.get(`${key}|${s}`)?.note).filter(Boolean);
    return [metric, ...scales.map((s) => fmt(byKey.get(`${key}|${s}`)?.value ?? Number.NaN)), unit, notes.join(' / ')];
  });
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => (i === header.length - 1 ? 0 : displayWidth(r[i] ?? '')))));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i] ?? 0, i > 0 && i <= scales.length))).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
}

