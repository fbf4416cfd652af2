/** What a chart is, as the catalogue lists it and as callers ask for it. */
import type { AmountUnitChoice } from './format';

export type ChartParamName = 'quarter' | 'chain' | 'region' | 'institution';

export interface ChartParams {
  /** 2025Q3; the latest quarter with reports when omitted. */
  quarter?: string;
  /** Chain code, e.g. selenium_tea. */
  chain?: string;
  /** Region code: ankang | bishan. */
  region?: string;
  /** Institution code, e.g. AK-ABC. */
  institution?: string;
}

export type ChartGroup = 'chain' | 'chains' | 'loans' | 'county' | 'assessment';

export interface ChartDef {
  id: string;
  /** Chinese title as listed; the rendered title adds the chain or region name. */
  title: string;
  group: ChartGroup;
  /** Parameters the chart reads; `quarter` always. */
  params: ChartParamName[];
  /** Parameters that must be given (the rest have defaults). */
  required: ChartParamName[];
  /** One line for the user: what the chart shows and from which figures. */
  description: string;
}

/** What every builder shares: where the figures come from and how to show amounts. */
export interface ChartFrame {
  /** Region name as printed, e.g. 安康市. */
  regionName: string;
  /** 2025Q3 */
  quarter: string;
}

export interface BuildOptions {
  amountUnit?: AmountUnitChoice;
  /** The window may animate; exports never do. */
  animation?: boolean;
  /**
   * The tallest the chart may print (height / width): a ranked chart keeps the rows that
   * fit and sums the rest into 「其他」. Default MAX_ASPECT; the Word draft asks for half a page.
   */
  maxAspect?: number;
}
