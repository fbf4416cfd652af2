/**
 * Pricing against the LPR (issue 12): per bank and tenor, the year's new lending and its
 * weighted rate set against the LPR of that tenor in force when the loans were made.
 */
import type { PricingStatus } from '../domain/pricing/judge';

export type { PricingStatus } from '../domain/pricing/judge';

export interface PricingStretchView {
  from: string;
  to: string;
  amount: number;
  /** The fixings in force, in words: 3.45%（2024-06-20 公布）至 07-21，3.35%（07-22 公布）. */
  lprWords: string;
}

export interface PricingRow {
  institution: string;
  name: string;
  tenor: string;
  tenorLabel: string;
  lprLabel: string;
  /** The report field (and indicator) the rate is read from: 数据来源 opens it. */
  rateField: string;
  amount: number | null;
  rate: number | null;
  benchmark: number | null;
  low: number | null;
  high: number | null;
  /** rate − benchmark (the product's share of the LPR) in BP. */
  spreadBp: number | null;
  status: PricingStatus;
  statusWord: string;
  stretches: PricingStretchView[];
  /** Why there is no figure (旧版报表, 未报送 …), when there is none. */
  note: string | null;
}

export interface PricingTotal {
  tenor: string;
  tenorLabel: string;
  lprLabel: string;
  /** Banks whose figures are added (those with new lending, a rate and an LPR). */
  banks: number;
  amount: number | null;
  rate: number | null;
  benchmark: number | null;
  spreadBp: number | null;
  compliant: number;
  above: number;
  uncertain: number;
}

export interface PricingProduct {
  id: string;
  label: string;
  /** Whether the policy sets a ceiling (脱贫人口小额信贷) or the spread is only monitored. */
  judged: boolean;
  ruleWords: string;
  source: string;
  /** What the rate is called (利率, 贴息率) and what it is held to (LPR, LPR的50%): column heads and sentences. */
  rateWord: string;
  benchmarkWord: string;
  rows: PricingRow[];
  totals: PricingTotal[];
}

export interface PricingTable {
  region: string;
  regionName: string;
  quarter: string;
  quarterLabel: string;
  /** The last fixing in the LPR table and the last day it answers for. */
  lprLastPublished: string | null;
  lprCoveredUntil: string | null;
  /** When the quarter reaches past the table: which months have no LPR and how the analyst adds them. */
  lprMissing: string | null;
  products: PricingProduct[];
  /** The rule in words (the 数据来源 panel, the export's notes, the Word draft). */
  definition: string[];
}

export interface LprListing {
  title: string;
  publisher: string;
  note: string;
  checked: string;
  unconfirmed: string;
  coveredUntil: string | null;
  /** The month an analyst adds next (the one after the table's last), and the table's end in words. */
  next: string;
  missing: string;
  /** `entered` marks a month the analyst added (who, when). */
  months: { month: string; date: string; oneYear: number; fiveYear: number; sources: string[]; entered?: { by: string; at: string } }[];
  sources: { id: string; title: string; url: string }[];
}
