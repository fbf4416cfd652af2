/**
 * What each point or bar of a chart is, as a figure the explain service can open:
 * one FigureRef per series and data index, laid out exactly as the option builder
 * lays out its categories (same queries, same ordering functions), so a click on
 * a bar explains the number printed on that bar. Charts of counts (score bands,
 * grades per group) have no single figure per bar and map to null.
 */
import type { DB } from '../db/database';
import type { FigureRef } from '../../api/explain-types';
import type { ChartParams } from '../../domain/charts/types';
import { rankedWithOthers } from '../../domain/charts/chain';
import { parseQuarterOrFail } from '../indicators';
import { chainByCounty, chainByInstitution, chainRef, regionChains, reportedQuarters } from '../charts/data';
import { GROWTH_IDS, NPL_IDS, rankedPairsByInstitution } from '../charts/rates';
import { progressFor } from '../charts/progress';
import { assessmentResult } from '../charts/assessment';
import { scoreBands } from '../../domain/charts/assessment';
import { GRADES } from '../../domain/assessment/types';

export type ChartFigures = (FigureRef | null)[][];

/** `params` as buildChart resolved them (quarter and region always set). */
export function chartFigures(db: DB, id: string, params: ChartParams): ChartFigures {
  const quarter = params.quarter ?? '';
  const region = params.region ?? '';
  const ind = (indicator: string, at: string, extra: { institution?: string; member?: string } = {}): FigureRef => ({ kind: 'indicator', region, quarter: at, indicator, ...extra });
  const chain = params.chain ? chainRef(db, params.chain) : null;
  const member = chain ? { member: chain.code } : {};
  const trend = (): string[] => reportedQuarters(db, region, quarter);
  const who = params.institution ? { institution: params.institution } : {};
  switch (id) {
    case 'chain.quarterly': {
      const qs = trend();
      return [qs.map((q) => ind('chain_bal', q, member)), qs.map((q) => ind('chain_ytd', q, member))];
    }
    case 'chain.institutions': {
      if (!chain) return [];
      const rows = rankedWithOthers(chainByInstitution(db, chain, quarter));
      return ['chain_bal', 'chain_ytd'].map((f) => rows.map((r) => (r.code ? ind(f, quarter, { institution: r.code, member: chain.code }) : null)));
    }
    case 'chain.counties': {
      if (!chain) return [];
      const rows = rankedWithOthers(chainByCounty(db, chain, quarter));
      return ['county_lead_bal', 'county_lead_ytd'].map((f) => rows.map((r) => (r.code ? ind(f, quarter, { member: r.code }) : null)));
    }
    case 'chain.share':
      return [trend().map((q) => ind('chain_share', q, member))];
    case 'chain.growth': {
      const qs = trend();
      return [qs.map((q) => ind('chain_growth', q, member)), qs.map((q) => ind('chain_yoy', q, member))];
    }
    case 'chains.compare': {
      const chains = regionChains(db, region);
      return ['chain_bal', 'chain_ytd'].map((f) => chains.map((c) => ind(f, quarter, { member: c.code })));
    }
    case 'chains.trend': {
      const qs = trend();
      return regionChains(db, region).map((c) => qs.map((q) => ind('chain_bal', q, { member: c.code })));
    }
    case 'loans.growth':
    case 'loans.npl': {
      const ids = id === 'loans.growth' ? GROWTH_IDS : NPL_IDS;
      const qs = trend();
      return [qs.map((q) => ind(ids.agri, q, who)), qs.map((q) => ind(ids.total, q, who))];
    }
    case 'loans.growthByInstitution': {
      const rows = rankedPairsByInstitution(db, region, quarter, GROWTH_IDS);
      return [GROWTH_IDS.agri, GROWTH_IDS.total].map((f) => rows.map((r) => (r.code ? ind(f, quarter, { institution: r.code }) : null)));
    }
    case 'county.progress': {
      const table = progressFor(db, region, quarter);
      const year = parseQuarterOrFail(quarter).year;
      return [table.rows.map((r) => ({ kind: 'progress', region, year, quarter: table.quarter, county: r.countyCode }))];
    }
    case 'assessment.scores':
    case 'assessment.grades': {
      const result = assessmentResult(db, region, quarter);
      const ref = (grade: string, extra: { band?: number; group?: string }): FigureRef => ({ kind: 'scoreGroup', region, year: result.year, grade, ...extra });
      if (id === 'assessment.grades') {
        const groups = [...new Set(result.results.map((r) => r.groupLabel))];
        return GRADES.map((g) => groups.map((group) => ref(g, { group })));
      }
      const bands = scoreBands(result.results.map((r) => r.total));
      return GRADES.map((g) => bands.map((_, band) => ref(g, { band })));
    }
    default:
      return [];
  }
}
