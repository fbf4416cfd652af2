/**
 * From a chart id and parameters to the ECharts option: resolves the
 * parameters, queries the figures, calls the pure builder. The window, the CLI
 * and the export all come through here, so they show the same numbers.
 */
import type { EChartsOption } from 'echarts';
import type { DB } from '../db/database';
import { fail } from '../../domain/result';
import { parseQuarter, quarterId } from '../../domain/quarter';
import { chartDef, CHART_CATALOGUE } from '../../domain/charts/catalogue';
import type { BuildOptions, ChartDef, ChartParams } from '../../domain/charts/types';
import { chainCountiesOption, chainGrowthOption, chainInstitutionsOption, chainQuarterlyOption, chainShareOption } from '../../domain/charts/chain';
import { chainsCompareOption, chainsTrendOption } from '../../domain/charts/chains';
import { preferredAspect } from '../../domain/charts/layout';
import { resolveRegionCode } from '../registry/regions';
import { chainGrowthSeries, chainShareSeries, GROWTH_IDS, NPL_IDS, pairedSeries, rankedPairsByInstitution } from './rates';
import { loanGrowthByInstitutionOption, loanGrowthOption, nplTrendOption } from '../../domain/charts/loans';
import { gradesByGroupOption, scoreDistributionOption } from '../../domain/charts/assessment';
import { assessmentAvailable, assessmentFor } from './assessment';
import { countyProgressData, progressAvailable, progressFor } from './progress';
import { countyProgressOption } from '../../domain/charts/county';
import {
  chainByCounty,
  chainByInstitution,
  chainByQuarter,
  chainRef,
  chainsAtQuarter,
  chainsTrend,
  institutionShortNames,
  hasReports,
  regionChains,
  regionName,
  reportedQuarters,
  type ChainRef,
} from './data';

/** Parameters after defaults: the region is always known, the chain when the chart needs one. */
export interface ResolvedParams {
  quarter: string;
  region: string;
  regionName: string;
  chain?: ChainRef;
  institution?: string;
}

export interface BuiltChart {
  id: string;
  /** The title as drawn, e.g. 富硒茶产业链贷款余额与当年累放. */
  title: string;
  params: ChartParams;
  option: EChartsOption;
  /** Height / width for print (ranked bars grow with their rows). */
  aspect: number;
}

type Builder = (db: DB, p: ResolvedParams, opts: BuildOptions) => EChartsOption;

function needChain(p: ResolvedParams): ChainRef {
  if (!p.chain) fail('E_CHART_CHAIN_MISSING', {});
  return p.chain;
}

function frame(p: ResolvedParams): { regionName: string; quarter: string } {
  return { regionName: p.regionName, quarter: p.quarter };
}

const BUILDERS: Record<string, Builder> = {
  'chain.quarterly': (db, p, o) => {
    const c = needChain(p);
    return chainQuarterlyOption({ ...frame(p), chainName: c.name, points: chainByQuarter(db, c, reportedQuarters(db, p.region, p.quarter)) }, o);
  },
  'chain.institutions': (db, p, o) => {
    const c = needChain(p);
    return chainInstitutionsOption({ ...frame(p), chainName: c.name, rows: chainByInstitution(db, c, p.quarter) }, o);
  },
  'chain.counties': (db, p, o) => {
    const c = needChain(p);
    const rows = chainByCounty(db, c, p.quarter);
    if (rows.length === 0) fail('E_CHART_NOT_APPLICABLE', { region: p.regionName, reason: `没有以「${c.name}」为首位产业的县`, what: '给出分县数据' });
    return chainCountiesOption({ ...frame(p), chainName: c.name, rows }, o);
  },
  'chain.share': (db, p, o) => {
    const c = needChain(p);
    return chainShareOption({ ...frame(p), chainName: c.name, points: chainShareSeries(db, c, reportedQuarters(db, p.region, p.quarter)) }, o);
  },
  'chain.growth': (db, p, o) => {
    const c = needChain(p);
    return chainGrowthOption({ ...frame(p), chainName: c.name, points: chainGrowthSeries(db, c, reportedQuarters(db, p.region, p.quarter)) }, o);
  },
  'chains.compare': (db, p, o) => chainsCompareOption({ ...frame(p), rows: chainsAtQuarter(db, p.region, p.quarter) }, o),
  'chains.trend': (db, p, o) => {
    const quarters = reportedQuarters(db, p.region, p.quarter);
    return chainsTrendOption({ ...frame(p), quarters, chains: chainsTrend(db, p.region, quarters) }, o);
  },
  'loans.growth': (db, p, o) => {
    const quarters = reportedQuarters(db, p.region, p.quarter);
    return loanGrowthOption({ ...frame(p), subject: subjectName(db, p), points: pairedSeries(db, p.region, quarters, GROWTH_IDS, p.institution) }, o);
  },
  'loans.growthByInstitution': (db, p, o) => loanGrowthByInstitutionOption({ ...frame(p), rows: rankedPairsByInstitution(db, p.region, p.quarter, GROWTH_IDS, o.maxAspect) }, o),
  'county.progress': (db, p, o) => countyProgressOption(countyProgressData(progressFor(db, p.region, p.quarter), p.regionName), o),
  'assessment.scores': (db, p, o) => {
    const a = assessmentFor(db, p.region, p.quarter);
    return scoreDistributionOption({ regionName: p.regionName, quarter: a.quarter, year: a.year, scores: a.scores }, o);
  },
  'assessment.grades': (db, p, o) => {
    const a = assessmentFor(db, p.region, p.quarter);
    return gradesByGroupOption({ regionName: p.regionName, quarter: a.quarter, year: a.year, groups: a.groups }, o);
  },
  'loans.npl': (db, p, o) => {
    const quarters = reportedQuarters(db, p.region, p.quarter);
    return nplTrendOption({ ...frame(p), subject: subjectName(db, p), points: pairedSeries(db, p.region, quarters, NPL_IDS, p.institution) }, o);
  },
};

/** The region, or the chosen bank's short name. */
function subjectName(db: DB, p: ResolvedParams): string {
  return p.institution ? (institutionShortNames(db).get(p.institution) ?? p.institution) : p.regionName;
}

export function listCharts(): ChartDef[] {
  return CHART_CATALOGUE.filter((c) => BUILDERS[c.id] !== undefined);
}

export function resolveParams(db: DB, def: ChartDef, params: ChartParams): ResolvedParams {
  const text = params.quarter ?? latestReportedQuarter(db);
  const q = parseQuarter(text);
  if (!q) fail('E_QUARTER', { quarter: text });
  const quarter = quarterId(q);
  const chain = params.chain && def.params.includes('chain') ? chainRef(db, params.chain) : undefined;
  if (def.required.includes('chain') && !chain) fail('E_CHART_PARAM', { chart: def.title, param: '产业链（--chain）' });
  let region: string;
  if (params.region) {
    const code = resolveRegionCode(db, params.region);
    if (!code) fail('E_REGION_UNKNOWN', { region: params.region });
    if (chain && chain.region !== code) fail('E_CHART_CHAIN_REGION', { chain: chain.name });
    region = code;
  } else if (chain) {
    region = chain.region;
  } else {
    region = defaultRegion(db, quarter);
  }
  if (!hasReports(db, region, quarter)) fail('E_CHART_NO_DATA', { region: regionName(db, region), quarter, what: '作图' });
  const resolved: ResolvedParams = { quarter, region, regionName: regionName(db, region) };
  if (chain) resolved.chain = chain;
  if (params.institution && def.params.includes('institution')) resolved.institution = institutionIn(db, params.institution, region);
  return resolved;
}

/** An institution code or name (or alias) of the region. */
function institutionIn(db: DB, text: string, region: string): string {
  const row = db
    .prepare(
      `SELECT i.code FROM institutions i LEFT JOIN institution_aliases a ON a.institution = i.code
       WHERE i.region = ? AND (i.code = ? OR i.name = ? OR a.alias = ?) LIMIT 1`,
    )
    .get(region, text, text, text) as { code: string } | undefined;
  if (!row) fail('E_CHART_INSTITUTION', { institution: text });
  return row.code;
}

/** The newest quarter any institution has a current report for. */
function latestReportedQuarter(db: DB): string {
  const row = db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string | null };
  if (!row.q) fail('E_NO_REPORTS', {});
  return row.q;
}

/** Without --region: the first region (registry order) that has reports for the quarter. */
function defaultRegion(db: DB, quarter: string): string {
  const regions = db.prepare('SELECT code FROM regions ORDER BY rowid').all() as { code: string }[];
  const hit = regions.find((r) => hasReports(db, r.code, quarter));
  if (!hit) fail('E_CHART_NO_DATA', { region: '各地区', quarter, what: '作图' });
  return hit.code;
}

export function buildChart(db: DB, id: string, params: ChartParams, opts: BuildOptions = {}): BuiltChart {
  const def = chartDef(id);
  const builder = BUILDERS[id];
  if (!def || !builder) fail('E_CHART_UNKNOWN', { id });
  const p = resolveParams(db, def, params);
  const option = builder(db, p, opts);
  const out: ChartParams = { quarter: p.quarter, region: p.region };
  if (p.chain) out.chain = p.chain.code;
  if (p.institution) out.institution = p.institution;
  return { id, title: titleOf(option, def.title), params: out, option, aspect: preferredAspect(option, opts.maxAspect) };
}

function titleOf(option: EChartsOption, fallback: string): string {
  const t = Array.isArray(option.title) ? option.title[0] : option.title;
  return typeof t?.text === 'string' ? t.text : fallback;
}

/** Every chart of a period worth printing: each chain's charts, then the region's. */
export function chartInstances(db: DB, quarter: string, region: string): { id: string; params: ChartParams }[] {
  const out: { id: string; params: ChartParams }[] = [];
  for (const c of regionChains(db, region)) {
    for (const def of listCharts().filter((d) => d.group === 'chain')) {
      if (def.id === 'chain.counties' && chainByCounty(db, c, quarter).length === 0) continue;
      out.push({ id: def.id, params: { quarter, region, chain: c.code } });
    }
  }
  for (const def of listCharts().filter((d) => d.group !== 'chain')) {
    if (def.group === 'assessment' && !assessmentAvailable(db, region, quarter)) continue;
    if (def.group === 'county' && !progressAvailable(db, region, quarter)) continue;
    out.push({ id: def.id, params: { quarter, region } });
  }
  return out;
}
