/** 金融兴产强县 county targets: entered by analysts or imported from a sheet; every change audited. */
import type { DB } from '../db/database';
import type { CountyTarget, SetCountyTargetArgs } from '../../api/assessment-types';
import { AMOUNT_SCALE, numberToScaled } from '../../domain/amount';
import { fail, failure, type Location } from '../../domain/result';
import { audit } from '../db/audit';
import { defaultMeasure, measure } from './measures';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

export function resolveCounty(db: DB, text: string, where?: Location): { code: string; name: string; region: string } {
  const t = text.trim().normalize('NFKC');
  const rows = db.prepare(`SELECT u.code, u.name, u.region FROM region_units u JOIN regions r ON r.code = u.region WHERE r.unit_kind = 'county'`).all() as {
    code: string;
    name: string;
    region: string;
  }[];
  const hit = rows.find((r) => r.code === t.toUpperCase() || r.name === t || r.name.replace(/[区县市]$/u, '') === t.replace(/[区县市]$/u, ''));
  if (!hit) fail('E_COUNTY_UNKNOWN', { county: text, known: rows.map((r) => r.name).join('、') }, where);
  return hit;
}

function checkYear(y: number, what: string, where?: Location): void {
  if (!Number.isInteger(y) || y < 2000 || y > 2100) fail('E_YEAR', { what, year: y }, where);
}

export function setCountyTarget(db: DB, a: SetCountyTargetArgs, where?: Location): CountyTarget {
  const county = resolveCounty(db, a.county, where);
  const inAction = db.prepare('SELECT county_action AS a, class_source AS why FROM region_units WHERE code = ?').get(county.code) as { a: number; why: string | null };
  if (inAction.a === 0) throw failure('E_COUNTY_OUTSIDE', { county: county.name, why: inAction.why ?? '已在「机构与设置」中设为不参与' }, where);
  checkYear(a.year, '年度', where);
  const m = a.indicator ? measure(a.indicator) : defaultMeasure();
  const annual = a.annualTarget ?? null;
  const three = a.threeYearTarget ?? null;
  if (annual === null && three === null) fail('E_TARGET_EMPTY', { county: county.name, year: a.year }, where);
  for (const [v, what] of [
    [annual, '年度目标'],
    [three, '三年目标'],
  ] as const) {
    if (v !== null && (!Number.isFinite(v) || v < 0)) fail('E_TARGET_VALUE', { county: county.name, year: a.year, what, value: v }, where);
  }
  let from = a.threeYearFrom ?? null;
  let to = a.threeYearTo ?? null;
  if (three !== null) {
    // A three-year action that does not say its years runs from the target year on.
    from ??= a.year;
    to ??= from + 2;
    checkYear(from, '三年行动起始年', where);
    checkYear(to, '三年行动结束年', where);
    if (to < from || a.year < from || a.year > to) fail('E_TARGET_WINDOW', { county: county.name, from, to, year: a.year }, where);
  }
  const actor = a.actor ?? localUser(db);
  const at = nowIso();
  const source = a.source ?? '分析人员录入';
  db.transaction(() => {
    const before = db.prepare('SELECT * FROM county_targets WHERE county = ? AND year = ?').get(county.code, a.year) ?? null;
    db.prepare(
      `INSERT INTO county_targets (county, year, indicator, annual_target, three_year_target, three_year_from, three_year_to, source, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (county, year) DO UPDATE SET indicator = excluded.indicator, annual_target = excluded.annual_target, three_year_target = excluded.three_year_target,
         three_year_from = excluded.three_year_from, three_year_to = excluded.three_year_to, source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
    ).run(
      county.code,
      a.year,
      m.id,
      annual === null ? null : numberToScaled(annual, 'amount'),
      three === null ? null : numberToScaled(three, 'amount'),
      three === null ? null : from,
      three === null ? null : to,
      source,
      actor,
      at,
    );
    audit(db, actor, 'county_target.set', 'county_target', `${county.code}/${a.year}`, { before, after: { indicator: m.id, annual, three, from, to, source } });
  })();
  return getCountyTargets(db, county.region, a.year).find((t) => t.county === county.code) as CountyTarget;
}

interface Row {
  county: string;
  name: string;
  year: number;
  indicator: string;
  annual_target: number | null;
  three_year_target: number | null;
  three_year_from: number | null;
  three_year_to: number | null;
  source: string;
  entered_by: string;
  entered_at: string;
}

export function getCountyTargets(db: DB, region: string, year: number): CountyTarget[] {
  const rows = db
    .prepare(`SELECT t.*, u.name FROM county_targets t JOIN region_units u ON u.code = t.county WHERE u.region = ? AND t.year = ? ORDER BY u.sort, u.code`)
    .all(region, year) as Row[];
  return rows.map((r) => ({
    county: r.county,
    countyName: r.name,
    year: r.year,
    indicator: r.indicator,
    indicatorLabel: measure(r.indicator).label,
    annualTarget: r.annual_target === null ? null : r.annual_target / AMOUNT_SCALE,
    threeYearTarget: r.three_year_target === null ? null : r.three_year_target / AMOUNT_SCALE,
    threeYearFrom: r.three_year_from,
    threeYearTo: r.three_year_to,
    source: r.source,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
  }));
}
