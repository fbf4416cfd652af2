/**
 * Indicator values per institution, county, chain and region for a quarter,
 * recomputed from the current submissions on every call.
 */
import type { DB } from '../db/database';
import type { IndicatorInfo, IndicatorRow, IndicatorScope } from '../../api/assessment-types';
import type { IndicatorDef } from '../../domain/indicators/types';
import type { EvalScope, IndicatorEngine } from '../../domain/indicators/evaluate';
import { formatIndicatorValue } from '../../domain/indicators/format';
import { parseQuarter, quarterId, quarterRange, type Quarter } from '../../domain/quarter';
import { fail } from '../../domain/result';
import { listRegions } from '../registry/regions';
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import { indicatorEngine, loadIndicatorCatalogue } from './catalogue';
import { loadValues, PerDataState, type RegionValues } from './values';
import { isPerInstitution, RegionFigures } from './regionFigure';

export function parseQuarterOrFail(text: string): Quarter {
  const q = parseQuarter(text);
  if (!q) fail('E_QUARTER', { quarter: text });
  return q;
}

export function listIndicators(): IndicatorInfo[] {
  return loadIndicatorCatalogue().indicators.map(toInfo);
}

function toInfo(d: IndicatorDef): IndicatorInfo {
  return { id: d.id, label: d.label, unit: d.unit, kind: d.kind, group: d.group, definition: d.definition, dimension: d.dimension ?? null, regionNote: d.perInstitution?.words ?? null };
}

export interface RegionInstitution {
  code: string;
  name: string;
  type: string;
  size: string;
  active: boolean;
  /** A fictional bank (示例机构): its name carries 示例; it is not 应报 and is left out of every ranking. */
  example: boolean;
}

/** Per database state: each region's institutions (every chart and figure of a page asks for them). */
const institutionsByRegion = new PerDataState<readonly RegionInstitution[]>();

/** Every institution of a region, active or not (a closed bank's past reports still count for its years). */
export function regionInstitutions(db: DB, region: string): readonly RegionInstitution[] {
  return institutionsByRegion.get(db, region, () =>
    (
      db.prepare('SELECT code, name, type, size, active, example FROM institutions WHERE region = ? ORDER BY code').all(region) as (Omit<RegionInstitution, 'active' | 'example'> & {
        active: number;
        example: number;
      })[]
    ).map((r) => Object.freeze({ ...r, name: institutionDisplayName({ name: r.name, example: r.example === 1 }), active: r.active === 1, example: r.example === 1 })),
  );
}

/** The data a computation needs: values of a region's institutions over the quarters looked at. */
export interface RegionData {
  region: string;
  institutions: readonly RegionInstitution[];
  values: RegionValues;
  engine: IndicatorEngine;
  /** The region figures that replace a sum for per-institution-only indicators. */
  figures: RegionFigures;
}

/** Loads what evaluating any indicator at quarters from..to reads (年初, 同比 and the like reach back). */
export function loadRegionData(db: DB, region: string, from: Quarter, to: Quarter, only?: { indicators: readonly string[] }): RegionData {
  const institutions = regionInstitutions(db, region);
  const engine = indicatorEngine(db);
  // With `only`, just what those indicators read: evaluating any other one then finds no data.
  const ids = only?.indicators;
  const values = loadValues(db, region, institutions.map((i) => i.code), engine.earliestQuarter(quarterId(from), ids), quarterId(to), ids ? engine.fieldsRead(ids, quarterId(to)) : undefined);
  const figures = new RegionFigures(db, region, institutions.filter((i) => i.active).map((i) => i.code));
  return { region, institutions, values, engine, figures };
}

export interface ComputeOptions {
  quarter: string;
  /** Region code; both regions when omitted. */
  region?: string;
  /** Only these indicator ids. */
  ids?: string[];
  /** Which scopes to list; all when omitted. */
  scopes?: IndicatorScope[];
}

export function computeIndicators(db: DB, opts: ComputeOptions): IndicatorRow[] {
  const { quarter, ...rest } = opts;
  return computeIndicatorSeries(db, { ...rest, from: quarter, to: quarter });
}

/** Every quarter from..to in one pass over the store (time series for charts, recomputing all years). */
export function computeIndicatorSeries(db: DB, opts: Omit<ComputeOptions, 'quarter'> & { from: string; to: string }): IndicatorRow[] {
  const from = parseQuarterOrFail(opts.from);
  const to = parseQuarterOrFail(opts.to);
  if (quarterId(from) > quarterId(to)) fail('E_QUARTER_RANGE', { from: quarterId(from), to: quarterId(to) });
  const regions = listRegions(db).filter((r) => !opts.region || r.code === opts.region);
  if (opts.region && regions.length === 0) fail('E_REGION_UNKNOWN', { region: opts.region });
  const catalogue = loadIndicatorCatalogue();
  const defs = opts.ids ? opts.ids.map((id) => catalogue.indicators.find((d) => d.id === id) ?? fail('E_INDICATOR_UNKNOWN', { id })) : catalogue.indicators;
  const scopes = new Set<IndicatorScope>(opts.scopes ?? ['institution', 'county', 'chain', 'region']);
  const rows: IndicatorRow[] = [];
  for (const region of regions) {
    // Asked for some indicators: load only what they read.
    const data = loadRegionData(db, region.code, from, to, opts.ids ? { indicators: defs.map((d) => d.id) } : undefined);
    const labels = { code: region.code, chains: region.chains, units: region.unitKind === 'county' ? region.units : [] };
    for (const q of quarterRange(from, to)) rows.push(...regionRows(data, defs, quarterId(q), scopes, labels));
  }
  return rows;
}

interface RegionLabels {
  code: string;
  units: { code: string; name: string }[];
  chains: { code: string; name: string }[];
}

/** The institutions a region-wide figure is taken over (the explain service uses the same set). */
export function regionScope(data: RegionData): string[] {
  return data.institutions.map((i) => i.code);
}

/** The labels of a row's institution, county or chain. */
type Named = Pick<IndicatorRow, 'institution' | 'institutionName' | 'county' | 'countyName' | 'chain' | 'chainName'>;
const NONE: Named = {};

/** Rows for one region and quarter: the institutions that reported or are active, the region, each chain and county. */
export function regionRows(data: RegionData, defs: IndicatorDef[], quarter: string, scopes: Set<IndicatorScope>, labels: RegionLabels): IndicatorRow[] {
  const { engine, values } = data;
  const all = regionScope(data);
  const rows: IndicatorRow[] = [];
  // One object shape for every row (a label a scope lacks is undefined, and JSON leaves it
  // out, so a row serialises as before): spreading a partial row into each of ~340,000 rows
  // (five years at 10×) was an eighth of a recompute.
  const row = (d: IndicatorDef, scope: IndicatorScope, on: EvalScope, named: Named): void => {
    const r = engine.evaluate(d.id, quarter, on, values);
    const group = on.institutions.length > 1 && isPerInstitution(d) ? data.figures.of(d, quarter, on.institutions) : null;
    const value = group ? group.value : r.value;
    rows.push({
      id: d.id,
      label: d.label,
      unit: d.unit,
      kind: d.kind,
      scope,
      region: data.region,
      institution: named.institution,
      institutionName: named.institutionName,
      county: named.county,
      countyName: named.countyName,
      chain: named.chain,
      chainName: named.chainName,
      quarter,
      value,
      display: formatIndicatorValue(value, d.kind, d.unit),
      coverage: { included: r.included.length, total: on.institutions.length },
      note: group ? group.words : undefined,
    });
  };
  const region: EvalScope = { institutions: all, member: null };
  const anyMember: EvalScope = { institutions: all, member: '*' };
  // One scope per bank, made once for every indicator of the quarter.
  const own = data.institutions.map((inst) => ({ inst, scope: { institutions: [inst.code], member: null } satisfies EvalScope }));
  for (const d of defs) {
    if (scopes.has('region')) row(d, 'region', d.dimension ? anyMember : region, NONE);
    if (d.dimension === 'chain' && scopes.has('chain')) for (const c of labels.chains) row(d, 'chain', { institutions: all, member: c.code }, { chain: c.code, chainName: c.name });
    if (d.dimension === 'county' && scopes.has('county')) for (const u of labels.units) row(d, 'county', { institutions: all, member: u.code }, { county: u.code, countyName: u.name });
    if (!d.dimension && scopes.has('institution')) {
      for (const { inst, scope } of own) {
        if (!inst.active && !values.reported(inst.code, quarter)) continue;
        row(d, 'institution', scope, { institution: inst.code, institutionName: inst.name });
      }
    }
  }
  return rows;
}

/** One indicator for any set of institutions and dimension member (for charts and scoring). */
export function evaluateIndicator(data: RegionData, id: string, quarter: string, institutions: readonly string[], member: string | null = null): number | null {
  const def = institutions.length > 1 ? data.engine.indicator(id) : undefined;
  if (def && isPerInstitution(def)) return data.figures.of(def, quarter, institutions).value;
  return data.engine.evaluate(id, quarter, { institutions, member }, data.values).value;
}
