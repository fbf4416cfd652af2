/** One chart to a file: PNG at print resolution or SVG. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DB } from '../db/database';
import type { ChartExportArgs, ChartExportResult, ChartImageArgs, ChartImageResult } from '../../api/charts-types';
import { fail } from '../../domain/result';
import { buildChart, type BuiltChart } from './options';
import { regionName } from './data';
import { freePath, officeName } from '../files/names';
import { parseQuarter, quarterLabel } from '../../domain/quarter';
import { renderSvg, resolveSize, svgToPng, type PrintSize } from './render';

/** 安康市_2025年第四季度_富硒茶产业链贷款余额与当年累放: what the picture is, once it leaves the folder. */
export function chartFileStem(db: DB, built: BuiltChart): string {
  const q = built.params.quarter ? parseQuarter(built.params.quarter) : null;
  return officeName(built.params.region ? regionName(db, built.params.region) : '', q ? quarterLabel(q) : (built.params.quarter ?? ''), built.title);
}

/** The chart and its print size: the aspect the chart asks for (ranked bars grow with their rows). */
function printed(db: DB, args: ChartImageArgs): { built: ReturnType<typeof buildChart>; print: PrintSize; size: ReturnType<typeof resolveSize> } {
  const built = buildChart(db, args.id, args.params, args.amountUnit ? { amountUnit: args.amountUnit } : {});
  const print: PrintSize = { aspect: built.aspect, ...(args.widthCm !== undefined ? { widthCm: args.widthCm } : {}), ...(args.dpi !== undefined ? { dpi: args.dpi } : {}) };
  return { built, print, size: resolveSize(print) };
}

/**
 * 复制图片: the window's SVG renderer cannot give a PNG (its getDataURL returns an SVG
 * data URI), and a screen-sized bitmap would print blurred; so the clipboard gets the
 * export's own rendering, at print resolution, with the bundled font.
 */
export function chartImage(db: DB, args: ChartImageArgs): ChartImageResult {
  const { built, print, size } = printed(db, args);
  const png = svgToPng(renderSvg(built.option, print), size.pixelWidth);
  return { title: built.title, png: png.png.toString('base64'), width: png.width, height: png.height };
}

export function exportChart(db: DB, args: ChartExportArgs): ChartExportResult {
  if (args.format !== 'png' && args.format !== 'svg') fail('E_CHART_FORMAT', { format: String(args.format) });
  const { built, print, size } = printed(db, args);
  const path = args.intoFolder ? freePath(join(resolve(args.out), `${chartFileStem(db, built)}.${args.format}`)) : resolve(args.out);
  mkdirSync(dirname(path), { recursive: true });
  // The print size (with the chart's aspect), not the resolved one: that has no aspect and would lay out at 0.62.
  const svg = renderSvg(built.option, print);
  if (args.format === 'svg') {
    writeFileSync(path, svg);
    return { path, format: 'svg', width: size.layoutWidth, height: size.layoutHeight, bytes: Buffer.byteLength(svg) };
  }
  const png = svgToPng(svg, size.pixelWidth);
  writeFileSync(path, png.png);
  return { path, format: 'png', width: png.width, height: png.height, bytes: png.png.length };
}
