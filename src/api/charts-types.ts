/** Shapes of the charts area (option builders, export, report pack). Plain data only. */
import type { EChartsOption } from 'echarts';
import type { AmountUnitChoice } from '../domain/charts/format';
import type { ChartDef, ChartParams } from '../domain/charts/types';
import type { FigureRef } from './explain-types';

export type ChartInfo = ChartDef;

export interface ChartOptionArgs {
  id: string;
  params: ChartParams;
  /** 万元, 亿元 or auto (亿元 from 10亿元 up). */
  amountUnit?: AmountUnitChoice;
  /** The window may animate; exports never do. */
  animation?: boolean;
}

export interface ChartOptionResult {
  id: string;
  /** The title as drawn. */
  title: string;
  /** Parameters after defaults (region resolved from the chain, etc.). */
  params: ChartParams;
  /** A plain-JSON ECharts option: values in display units, labels pre-formatted. */
  option: EChartsOption;
  /** Height / width the chart is printed at. */
  aspect: number;
  /** What each point is, by series then data index (null where a bar has no single figure): a click explains it. */
  figures: (FigureRef | null)[][];
}

export interface ChartExportArgs extends ChartOptionArgs {
  format: 'png' | 'svg';
  out: string;
  /**
   * `out` is a folder: the file is named there for region, period and title
   * (安康市_2025年第四季度_富硒茶产业链贷款余额与当年累放.png), （2） when that name is taken.
   */
  intoFolder?: boolean;
  /** Width on paper in cm (default 15.5). */
  widthCm?: number;
  /** Resolution of the PNG (default 300). */
  dpi?: number;
}

/** A chart as a PNG in memory (复制图片): the same print rendering as the export. */
export interface ChartImageArgs extends ChartOptionArgs {
  /** Width on paper in cm (default 15.5). */
  widthCm?: number;
  /** Resolution (default 300). */
  dpi?: number;
}

export interface ChartImageResult {
  title: string;
  /** The PNG file's bytes, base64. */
  png: string;
  width: number;
  height: number;
}

export interface ChartExportResult {
  path: string;
  format: 'png' | 'svg';
  /** Pixels for PNG; layout size (CSS px) for SVG. */
  width: number;
  height: number;
  bytes: number;
}

export interface PackArgs {
  quarter: string;
  out: string;
  region?: string;
  widthCm?: number;
  dpi?: number;
  /** 制表日期 (YYYY-MM-DD); default today. */
  date?: string;
  /** Make a new folder inside `out` named for region and period (安康市_2025年第四季度_报告材料), never reusing one. */
  newFolder?: boolean;
}

export interface PackChart {
  id: string;
  title: string;
  params: ChartParams;
  png: string;
  svg: string;
  width: number;
  height: number;
}

export interface PackResult {
  dir: string;
  quarter: string;
  regions: string[];
  charts: PackChart[];
  /** The .xlsx with every table. */
  tables: string;
  /** The draft Word report. */
  report: string;
}
