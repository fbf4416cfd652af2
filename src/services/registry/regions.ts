/** Regions with their counties/towns and industry chains, as stored (analysts may edit them). */
import type { DB } from '../db/database';
import { statement } from '../db/statements';
import type { ChainDef, RegionContext, RegionDef, RegionUnit } from '../../domain/catalogue/types';
import type { RegionInfo } from '../../api/types';
import { fail } from '../../domain/result';

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

function toRegionDef(db: DB, r: RegionRow): RegionDef {
  const units = db
    .prepare('SELECT code, name, class, leading_industry AS leadingIndustry, leading_chain AS leadingChain FROM region_units WHERE region = ? ORDER BY sort, code')
    .all(r.code) as { code: string; name: string; class: string | null; leadingIndustry: string | null; leadingChain: string | null }[];
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
    const known = (db.prepare('SELECT code, name FROM regions').all() as { code: string; name: string }[]).map((x) => `${x.code}（${x.name}）`).join('、');
    fail('E_REGION_UNKNOWN', `地区「${code}」不存在，可选：${known}。`);
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
