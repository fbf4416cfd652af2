/** One chart to a file: PNG at print resolution or SVG. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DB } from '../db/database';
import type { ChartExportArgs, ChartExportResult } from '../../api/charts-types';
import { fail } from '../../domain/result';
import { buildChart } from './options';
import { renderSvg, resolveSize, svgToPng } from './render';

export function exportChart(db: DB, args: ChartExportArgs): ChartExportResult {
  if (args.format !== 'png' && args.format !== 'svg') fail('E_CHART_FORMAT', `导出格式只能是 png 或 svg，收到「${String(args.format)}」。`);
  const built = buildChart(db, args.id, args.params, args.amountUnit ? { amountUnit: args.amountUnit } : {});
  const size = resolveSize({ aspect: built.aspect, ...(args.widthCm !== undefined ? { widthCm: args.widthCm } : {}), ...(args.dpi !== undefined ? { dpi: args.dpi } : {}) });
  const path = resolve(args.out);
  mkdirSync(dirname(path), { recursive: true });
  const svg = renderSvg(built.option, size);
  if (args.format === 'svg') {
    writeFileSync(path, svg);
    return { path, format: 'svg', width: size.layoutWidth, height: size.layoutHeight, bytes: Buffer.byteLength(svg) };
  }
  const png = svgToPng(svg, size.pixelWidth);
  writeFileSync(path, png.png);
  return { path, format: 'png', width: png.width, height: png.height, bytes: png.png.length };
}
