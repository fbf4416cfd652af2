/** Plain inputs of the option builders: figures already summed, amounts in 万元, rates as fractions. */
import type { ChartFrame } from './types';

export interface QuarterAmounts {
  quarter: string;
  balance: number | null;
  ytd: number | null;
}

export interface NamedAmounts {
  name: string;
  /** The institution, county or chain code behind the name (what a click on the bar explains). */
  code?: string;
  balance: number | null;
  ytd: number | null;
}

export interface QuarterRate {
  quarter: string;
  value: number | null;
}

/** Two rates side by side: 涉农 against 各项 (growth or 不良率). */
export interface PairedRates {
  agri: number | null;
  total: number | null;
}

export interface ChainQuarterlyData extends ChartFrame {
  chainName: string;
  points: QuarterAmounts[];
}

export interface ChainRankData extends ChartFrame {
  chainName: string;
  rows: NamedAmounts[];
}

export interface ChainShareData extends ChartFrame {
  chainName: string;
  points: QuarterRate[];
}

export interface ChainGrowthData extends ChartFrame {
  chainName: string;
  points: { quarter: string; sinceYearStart: number | null; yearOnYear: number | null }[];
}

export interface ChainsCompareData extends ChartFrame {
  rows: NamedAmounts[];
}

export interface ChainsTrendData extends ChartFrame {
  quarters: string[];
  chains: { name: string; balances: (number | null)[] }[];
}

export interface LoanGrowthData extends ChartFrame {
  /** Region name or the bank's short name. */
  subject: string;
  points: (PairedRates & { quarter: string })[];
}

export interface LoanGrowthByInstitutionData extends ChartFrame {
  rows: (PairedRates & { name: string })[];
}

export interface NplTrendData extends ChartFrame {
  subject: string;
  points: (PairedRates & { quarter: string })[];
}

export interface CountyProgressData extends ChartFrame {
  /** 时序进度 of the quarter, a fraction. */
  timeProgress: number;
  rows: { county: string; completion: number | null; behind: boolean }[];
}

export type { Grade } from '../assessment/types';
import type { Grade } from '../assessment/types';

export interface ScoreDistributionData extends ChartFrame {
  year: number;
  scores: { name: string; total: number; grade: Grade | null }[];
}

export interface GradesByGroupData extends ChartFrame {
  year: number;
  groups: { group: string; counts: Record<Grade, number> }[];
}
