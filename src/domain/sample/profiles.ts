/**
 * How big and how rural each kind of bank is, for the sample report set:
 * ranges a real 安康 or 璧山 branch of that kind plausibly falls in. The first
 * profile whose type matches (and whose name fragment, if any, appears in the
 * institution's name) applies. Amounts are 万元 at the end of 2019.
 */
import type { InstitutionType } from '../catalogue/types';

export type Range = readonly [number, number];

export interface BankProfile {
  type: InstitutionType;
  /** Applies only when the institution's name contains this (e.g. 农业银行 among 国有商业银行). */
  nameIncludes?: string;
  /** 各项贷款余额 at the end of 2019 for a 大型 institution of this kind, 万元. */
  loans: Range;
  /** Annual growth of 各项贷款. */
  growth: Range;
  /** 涉农贷款 growth minus 各项贷款 growth (mostly positive: the seed's headline target). */
  agriGrowthEdge: Range;
  /** 涉农贷款 / 各项贷款. */
  agriShare: Range;
  /** Yearly disbursement / average balance. */
  turnover: Range;
  /** 不良贷款 / 各项贷款. */
  nplRatio: Range;
  /** Shares of 涉农贷款: 农户, 新型农业经营主体, 普惠型涉农. */
  farmerShare: Range;
  naeShare: Range;
  inclusiveShare: Range;
  /** 脱贫人口小额信贷 / 农户贷款 (0 where the bank does not lend it). */
  povertyShare: Range;
  /** 创业担保贷款 / 各项贷款. */
  startupShare: Range;
  /** Sum of the industry-chain balances / 涉农贷款. */
  chainShare: Range;
  /** Scale of outlets and service counts (信用户, 服务点 …) relative to a county 农商行 = 1. */
  reach: number;
}

export const SIZE_FACTOR: Record<'大型' | '中型' | '小型', number> = { 大型: 1, 中型: 0.7, 小型: 0.42 };

/** 璧山 is one district; 安康 a city of ten counties. */
export const REGION_FACTOR: Record<string, number> = { ankang: 1, bishan: 0.45 };

/** Per region: 行政村 in the whole region (for coverage counts) and the telephone area code. */
export const REGION_SAMPLE: Record<string, { villages: number; phonePrefix: string }> = {
  ankang: { villages: 1650, phonePrefix: '0915' },
  bishan: { villages: 140, phonePrefix: '023' },
};

export const BANK_PROFILES: readonly BankProfile[] = [
  {
    type: '政策性银行',
    loans: [1_500_000, 1_880_000],
    growth: [0.07, 0.11],
    agriGrowthEdge: [0.005, 0.02],
    agriShare: [0.9, 0.96],
    turnover: [0.22, 0.32],
    nplRatio: [0.002, 0.006],
    farmerShare: [0, 0.01],
    naeShare: [0.12, 0.2],
    inclusiveShare: [0.01, 0.03],
    povertyShare: [0, 0],
    startupShare: [0, 0],
    chainShare: [0.25, 0.4],
    reach: 0.05,
  },
  {
    type: '国有商业银行',
    nameIncludes: '农业银行',
    loans: [1_300_000, 1_620_000],
    growth: [0.08, 0.12],
    agriGrowthEdge: [0.01, 0.035],
    agriShare: [0.5, 0.6],
    turnover: [0.55, 0.75],
    nplRatio: [0.008, 0.014],
    farmerShare: [0.3, 0.4],
    naeShare: [0.08, 0.14],
    inclusiveShare: [0.25, 0.35],
    povertyShare: [0.05, 0.09],
    startupShare: [0.002, 0.005],
    chainShare: [0.2, 0.3],
    reach: 0.9,
  },
  {
    type: '国有商业银行',
    loans: [720_000, 1_100_000],
    growth: [0.06, 0.1],
    agriGrowthEdge: [-0.005, 0.025],
    agriShare: [0.14, 0.26],
    turnover: [0.6, 0.85],
    nplRatio: [0.007, 0.013],
    farmerShare: [0.08, 0.14],
    naeShare: [0.08, 0.14],
    inclusiveShare: [0.15, 0.25],
    povertyShare: [0, 0.01],
    startupShare: [0.001, 0.003],
    chainShare: [0.12, 0.22],
    reach: 0.2,
  },
  {
    type: '股份制银行',
    loans: [230_000, 390_000],
    growth: [0.05, 0.09],
    agriGrowthEdge: [-0.01, 0.02],
    agriShare: [0.08, 0.15],
    turnover: [0.7, 0.95],
    nplRatio: [0.009, 0.016],
    farmerShare: [0.03, 0.08],
    naeShare: [0.06, 0.12],
    inclusiveShare: [0.12, 0.2],
    povertyShare: [0, 0],
    startupShare: [0, 0.002],
    chainShare: [0.08, 0.15],
    reach: 0.08,
  },
  {
    type: '城商行',
    loans: [460_000, 650_000],
    growth: [0.06, 0.1],
    agriGrowthEdge: [-0.005, 0.025],
    agriShare: [0.12, 0.2],
    turnover: [0.7, 0.9],
    nplRatio: [0.01, 0.018],
    farmerShare: [0.05, 0.1],
    naeShare: [0.08, 0.15],
    inclusiveShare: [0.2, 0.3],
    povertyShare: [0, 0.01],
    startupShare: [0.002, 0.006],
    chainShare: [0.1, 0.18],
    reach: 0.15,
  },
  {
    type: '农商行/农信社',
    loans: [840_000, 1_040_000],
    growth: [0.07, 0.11],
    agriGrowthEdge: [0.005, 0.03],
    agriShare: [0.58, 0.72],
    turnover: [0.75, 1],
    nplRatio: [0.015, 0.028],
    farmerShare: [0.45, 0.6],
    naeShare: [0.1, 0.18],
    inclusiveShare: [0.4, 0.55],
    povertyShare: [0.08, 0.14],
    startupShare: [0.006, 0.012],
    chainShare: [0.22, 0.35],
    reach: 1,
  },
  {
    type: '村镇银行',
    loans: [70_000, 120_000],
    growth: [0.05, 0.1],
    agriGrowthEdge: [0.005, 0.03],
    agriShare: [0.62, 0.8],
    turnover: [1, 1.3],
    nplRatio: [0.018, 0.035],
    farmerShare: [0.5, 0.65],
    naeShare: [0.1, 0.2],
    inclusiveShare: [0.55, 0.7],
    povertyShare: [0.02, 0.05],
    startupShare: [0.004, 0.01],
    chainShare: [0.2, 0.3],
    reach: 0.12,
  },
  {
    type: '邮储银行',
    loans: [580_000, 780_000],
    growth: [0.09, 0.13],
    agriGrowthEdge: [0.01, 0.03],
    agriShare: [0.38, 0.5],
    turnover: [0.6, 0.8],
    nplRatio: [0.006, 0.012],
    farmerShare: [0.45, 0.6],
    naeShare: [0.06, 0.1],
    inclusiveShare: [0.45, 0.6],
    povertyShare: [0.03, 0.06],
    startupShare: [0.004, 0.008],
    chainShare: [0.15, 0.25],
    reach: 0.6,
  },
];

export function profileFor(type: InstitutionType, name: string): BankProfile {
  const hit =
    BANK_PROFILES.find((p) => p.type === type && p.nameIncludes !== undefined && name.includes(p.nameIncludes)) ??
    BANK_PROFILES.find((p) => p.type === type && p.nameIncludes === undefined);
  if (!hit) throw new RangeError(`no sample profile for institution type ${type}`);
  return hit;
}

/** One-year LPR at each year's end (published rates), for 脱贫人口小额信贷 priced at LPR. */
export const LPR_1Y: Record<number, number> = { 2019: 0.0415, 2020: 0.0385, 2021: 0.038, 2022: 0.0365, 2023: 0.0345, 2024: 0.031, 2025: 0.03 };

/** Five-year-plus LPR at each year's end, for loans of 1–3 years (同期相应年限LPR). */
export const LPR_5Y: Record<number, number> = { 2019: 0.048, 2020: 0.0465, 2021: 0.0465, 2022: 0.043, 2023: 0.042, 2024: 0.036, 2025: 0.035 };

function byYear(table: Record<number, number>, year: number, fallback: number): number {
  const years = Object.keys(table).map(Number);
  const y = Math.min(Math.max(year, Math.min(...years)), Math.max(...years));
  return table[y] ?? fallback;
}

export function lprFor(year: number): number {
  return byYear(LPR_1Y, year, 0.03);
}

export function lpr5For(year: number): number {
  return byYear(LPR_5Y, year, 0.035);
}

/**
 * Share of a bank's 涉农贷款 outside 农户贷款 that goes to city-registered firms (城市企业及各类组织涉农贷款):
 * large for the policy bank and city branches, small for county banks.
 */
export const URBAN_SHARE: Partial<Record<InstitutionType, number>> = {
  政策性银行: 0.6,
  国有商业银行: 0.45,
  股份制银行: 0.5,
  城商行: 0.4,
  邮储银行: 0.25,
  '农商行/农信社': 0.12,
  村镇银行: 0.08,
};

/** Share of a year's disbursement reached by the end of each quarter (开门红 in Q1). */
export const YTD_CURVE = [0.31, 0.57, 0.79, 1] as const;

/** Share of a year's balance growth that happens in each quarter. */
export const GROWTH_CURVE = [0.38, 0.27, 0.2, 0.15] as const;
