/**
 * Headless chart export: the same option the window shows, rendered by ECharts'
 * server-side SVG renderer, then rasterised by resvg with the bundled font only
 * (no system fonts), at print resolution: width in cm at a given dpi.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charactersOf, subsetFont } from './subset';
import { CHART_FONT_FAMILY, chartFontPath } from './fonts';
import { fail } from '../../domain/result';
import { DEFAULT_ASPECT } from '../../domain/charts/layout';

export interface PrintSize {
  /** Width on paper in cm; default 15.5 (an A4 text column). */
  widthCm?: number;
  /** Resolution; default 300. */
  dpi?: number;
  /** Height / width; default 0.62. */
  aspect?: number;
}

export const DEFAULT_WIDTH_CM = 15.5;
export const DEFAULT_DPI = 300;
/** ECharts lays out in CSS pixels (96 per inch): fonts of 12px print at 9pt. */
const CSS_DPI = 96;
const CM_PER_INCH = 2.54;

export interface ResolvedSize {
  widthCm: number;
  dpi: number;
  /** Layout size in CSS pixels, as ECharts sees it. */
  layoutWidth: number;
  layoutHeight: number;
  /** Output size in pixels of the PNG. */
  pixelWidth: number;
  pixelHeight: number;
}

export function resolveSize(size: PrintSize = {}): ResolvedSize {
  const widthCm = size.widthCm ?? DEFAULT_WIDTH_CM;
  const dpi = size.dpi ?? DEFAULT_DPI;
  const aspect = size.aspect ?? DEFAULT_ASPECT;
  if (!(widthCm >= 2 && widthCm <= 100)) fail('E_CHART_SIZE', { widthCm });
  if (!(dpi >= 72 && dpi <= 1200)) fail('E_CHART_DPI', { dpi });
  const layoutWidth = Math.round((widthCm / CM_PER_INCH) * CSS_DPI);
  const layoutHeight = Math.round(layoutWidth * aspect);
  const pixelWidth = Math.round((widthCm / CM_PER_INCH) * dpi);
  // resvg scales the layout to the pixel width: the height follows the same factor.
  const pixelHeight = Math.round((layoutHeight * pixelWidth) / layoutWidth);
  return { widthCm, dpi, layoutWidth, layoutHeight, pixelWidth, pixelHeight };
}

/** The option as an SVG document at layout size. Animation is forced off. */
export function renderSvg(option: EChartsOption, size: PrintSize = {}): string {
  const s = resolveSize(size);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: s.layoutWidth, height: s.layoutHeight });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface RasterImage {
  png: Buffer;
  /** Raw RGBA pixels, row by row (for checks without a PNG decoder). */
  pixels: Buffer;
  width: number;
  height: number;
}

let tempFonts = 0;

/**
 * SVG → PNG at exactly `pixelWidth` wide, with the bundled CJK font only (no
 * system fonts), subset to the characters this SVG draws (see subset.ts).
 */
export function svgToPng(svg: string, pixelWidth: number): RasterImage {
  const fontFile = join(tmpdir(), `rfm-chart-font-${process.pid}-${++tempFonts}.otf`);
  writeFileSync(fontFile, subsetFont(chartFontPath(), charactersOf(svg)));
  try {
    const resvg = new Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'width', value: pixelWidth },
      font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
      shapeRendering: 2,
      textRendering: 1,
    });
    const img = resvg.render();
    return { png: img.asPng(), pixels: img.pixels, width: img.width, height: img.height };
  } finally {
    rmSync(fontFile, { force: true });
  }
}

export function renderPng(option: EChartsOption, size: PrintSize = {}): RasterImage {
  const s = resolveSize(size);
  return svgToPng(renderSvg(option, size), s.pixelWidth);
}
