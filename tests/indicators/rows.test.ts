/**
 * regionRows builds every row with one object shape (no spread of a partial row) and one
 * evaluation scope per bank. Equivalence: the former construction, kept here as the
 * reference, gives the same rows — the same JSON text, key order included — for every
 * indicator, scope and quarter of the chart fixture (both regions, eight quarters).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import type { IndicatorRow, IndicatorScope } from '../../src/api/assessment-types';
import type { IndicatorDef } from '../../src/domain/indicators/types';
import { memoryDb } from '../helpers/reports';
import { FIXTURE_QUARTERS, fillChartFixture } from '../charts/fixture';
import { computeIndicatorSeries, loadRegionData, regionScope, type RegionData } from '../../src/services/indicators/compute';
import { loadIndicatorCatalogue } from '../../src/services/indicators/catalogue';
import { formatIndicatorValue } from '../../src/domain/indicators/format';
import { isPerInstitution } from '../../src/services/indicators/regionFigure';
import { listRegions } from '../../src/services/registry/regions';
import { parseQuarter, quarterId, quarterRange, type Quarter } from '../../src/domain/quarter';

let db: DB;

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
});

/** The former regionRows. */
function formerRows(data: RegionData, defs: IndicatorDef[], quarter: string, labels: { chains: { code: string; name: string }[]; units: { code: string; name: string }[] }): IndicatorRow[] {
  const { engine, values } = data;
  const all = regionScope(data);
  const rows: IndicatorRow[] = [];
  const row = (d: IndicatorDef, scope: IndicatorScope, insts: readonly string[], member: string | null, extra: Partial<IndicatorRow>): void => {
    const r = engine.evaluate(d.id, quarter, { institutions: insts, member }, values);
    const group = insts.length > 1 && isPerInstitution(d) ? data.figures.of(d, quarter, insts) : null;
    if (group) {
      rows.push({ id: d.id, label: d.label, unit: d.unit, kind: d.kind, scope, region: data.region, ...extra, quarter, value: group.value, display: formatIndicatorValue(group.value, d.kind, d.unit), coverage: { included: r.included.length, total: insts.length }, note: group.words });
      return;
    }
    rows.push({ id: d.id, label: d.label, unit: d.unit, kind: d.kind, scope, region: data.region, ...extra, quarter, value: r.value, display: formatIndicatorValue(r.value, d.kind, d.unit), coverage: { included: r.included.length, total: insts.length } });
  };
  for (const d of defs) {
    row(d, 'region', all, d.dimension ? '*' : null, {});
    if (d.dimension === 'chain') for (const c of labels.chains) row(d, 'chain', all, c.code, { chain: c.code, chainName: c.name });
    if (d.dimension === 'county') for (const u of labels.units) row(d, 'county', all, u.code, { county: u.code, countyName: u.name });
    if (!d.dimension) {
      for (const inst of data.institutions) {
        if (!inst.active && !values.reported(inst.code, quarter)) continue;
        row(d, 'institution', [inst.code], null, { institution: inst.code, institutionName: inst.name });
      }
    }
  }
  return rows;
}

const q = (text: string): Quarter => {
  const parsed = parseQuarter(text);
  if (!parsed) throw new Error(text);
  return parsed;
};

describe('indicator rows', () => {
  it('serialise exactly as the former construction did, for every indicator, scope and quarter', () => {
    const from = q(FIXTURE_QUARTERS[0] ?? '');
    const to = q(FIXTURE_QUARTERS[FIXTURE_QUARTERS.length - 1] ?? '');
    const defs = loadIndicatorCatalogue().indicators;
    const former: IndicatorRow[] = [];
    for (const region of listRegions(db)) {
      const data = loadRegionData(db, region.code, from, to);
      const labels = { chains: region.chains, units: region.unitKind === 'county' ? region.units : [] };
      for (const quarter of quarterRange(from, to)) former.push(...formerRows(data, defs, quarterId(quarter), labels));
    }
    const now = computeIndicatorSeries(db, { from: quarterId(from), to: quarterId(to) });
    expect(now.length).toBe(former.length);
    expect(new Set(now.map((r) => r.scope))).toEqual(new Set(['region', 'chain', 'county', 'institution']));
    expect(now.filter((r) => r.value !== null).length).toBeGreaterThan(1000);
    expect(JSON.stringify(now)).toBe(JSON.stringify(former));
  });
});
