/** Regions with their counties/towns and industry chains, as stored (analysts may edit them). */
import type { DB } from '../db/database';
import { statement } from '../db/statements';
import type { ChainDef, RegionContext, RegionDef, RegionUnit } from '../../domain/catalogue/types';
import type { RegionInfo, SaveUnitArgs } from '../../api/types';
import { fail, failure } from '../../domain/result';
import { audit } from '../db/audit';
import { localUser } from '../settings/localUser';


const clean = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/**
 * An analyst corrects a county's class, 首位产业 (and its chain) and says where they come from;
 * a class or industry without its source is refused, so every row can say where it came from.
 */
export function saveUnit(db: DB, a: SaveUnitArgs): RegionUnit {
  const cur = db.prepare('SELECT u.code, u.region, u.name, r.unit_kind AS kind FROM region_units u JOIN regions r ON r.code = u.region WHERE u.code = ?').get(a.code) as
    | { code: string; region: string; name: string; kind: string }
    | undefined;
  if (!cur) throw failure('E_UNIT_UNKNOWN', { unit: a.code });
  const before = db.prepare('SELECT class, class_source, leading_industry, industry_source, leading_chain, county_action FROM region_units WHERE code = ?').get(a.code);
  const cls = clean(a.class);
  const industry = clean(a.leadingIndustry);
  const classSource = clean(a.classSource);
  const industrySource = clean(a.industrySource);
  if (cls && !classSource) throw failure('E_UNIT_SOURCE', { unit: cur.name, what: '县域分类', value: cls });
  if (industry && !industrySource) throw failure('E_UNIT_SOURCE', { unit: cur.name, what: '首位产业', value: industry });
  const chain = clean(a.leadingChain);
  if (chain && !db.prepare('SELECT 1 FROM chains WHERE code = ? AND region = ?').get(chain, cur.region)) fail('E_CHAIN_UNKNOWN', { chain, known: listChains(db, cur.region).map((c) => `${c.code}（${c.name}）`).join('、') });
  db.transaction(() => {
    db.prepare('UPDATE region_units SET class = ?, class_source = ?, leading_industry = ?, industry_source = ?, leading_chain = ?, county_action = ? WHERE code = ?').run(
      cls,
      classSource,
      industry,
      industrySource,
      chain,
      a.countyAction === false ? 0 : 1,
      a.code,
    );
    audit(db, localUser(db), 'registry.unit.save', 'region_unit', a.code, { before, after: { cls, classSource, industry, industrySource, chain, countyAction: a.countyAction !== false } });
  })();
  const unit = regionContext(db, cur.region).region.units.find((u) => u.code === a.code);
  if (!unit) throw failure('E_UNIT_UNKNOWN', { unit: a.code });
  return unit;
}

interface RegionRow {
  code: string;
  name: string;
  province: string;
  supervisor: string;
  unit_kind: 'county' | 'town';
  unit_label: string;
}

export function listRegions(db: DB): RegionInfo[] {
  const regions = db.prepare('SELECT * FROM regions ORDER BY rowid').all() as RegionRow[];
  return regions.map((r) => {
    const def = toRegionDef(db, r);
    return { ...def, chains: listChains(db, r.code) };
  });
}

interface UnitRow {
  code: string;
  name: string;
  class: string | null;
  leadingIndustry: string | null;
  leadingChain: string | null;
  classSource: string | null;
  industrySource: string | null;
  countyAction: number;
}

function toRegionDef(db: DB, r: RegionRow): RegionDef {
  const units = db
    .prepare(
      `SELECT code, name, class, leading_industry AS leadingIndustry, leading_chain AS leadingChain, class_source AS classSource, industry_source AS industrySource,
         county_action AS countyAction FROM region_units WHERE region = ? ORDER BY sort, code`,
    )
    .all(r.code) as UnitRow[];
  return {
    code: r.code,
    name: r.name,
    province: r.province,
    supervisor: r.supervisor,
    unitKind: r.unit_kind,
    unitLabel: r.unit_label,
    units: units.map((u) => {
      const unit: RegionUnit = { code: u.code, name: u.name };
      if (u.class) unit.class = u.class;
      if (u.leadingIndustry) unit.leadingIndustry = u.leadingIndustry;
      if (u.leadingChain) unit.leadingChain = u.leadingChain;
      if (u.classSource) unit.classSource = u.classSource;
      if (u.industrySource) unit.industrySource = u.industrySource;
      if (u.countyAction === 0) unit.countyAction = false;
      return unit;
    }),
  };
}

export function listChains(db: DB, region?: string): ChainDef[] {
  const rows = (region
    ? db.prepare('SELECT code, name, region, source FROM chains WHERE region = ? AND active = 1 ORDER BY sort, code').all(region)
    : db.prepare('SELECT code, name, region, source FROM chains WHERE active = 1 ORDER BY region, sort, code').all()) as {
    code: string;
    name: string;
    region: string;
    source: string | null;
  }[];
  return rows.map((c) => (c.source ? { code: c.code, name: c.name, region: c.region, source: c.source } : { code: c.code, name: c.name, region: c.region }));
}

export function regionContext(db: DB, code: string): RegionContext {
  const r = db.prepare('SELECT * FROM regions WHERE code = ?').get(code) as RegionRow | undefined;
  if (!r) {
    fail('E_REGION_UNKNOWN', { region: code });
  }
  return { region: toRegionDef(db, r), chains: listChains(db, code) };
}

/** Accepts a region code or its Chinese name (安康市 / 安康 / 璧山区 / 璧山). */
export function resolveRegionCode(db: DB, text: string): string | null {
  const t = text.trim();
  const rows = statement(db, 'SELECT code, name FROM regions').all() as { code: string; name: string }[];
  const hit = rows.find((r) => r.code === t.toLowerCase() || r.name === t || r.name.replace(/[市区县]$/u, '') === t);
  return hit?.code ?? null;
}
