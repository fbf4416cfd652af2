/**
 * First-open seeding of the registries from resources/catalogue. Registry rows
 * (regions, units, chains, institutions) are seeded once; analysts edit them
 * afterwards. Catalogue versions are added whenever the program ships a new one.
 */
import type { DB } from './database';
import { loadChains, loadExampleInstitutions, loadRegions, loadSeedInstitutions, loadShippedCatalogues } from '../catalogue/load';
import { formatDate, quarterEndDate, quarterId, quarterRange } from '../../domain/quarter';
import { loadWorkCalendar, shippedWorkCalendar } from '../calendar/calendar';
import { calendarDeadlineOf, refreshDeadlines } from '../calendar/deadlines';
import { audit } from './audit';
import { nowIso } from '../../domain/clock';
import { ensureShippedSchemes } from '../assessment/schemes';

export const FIRST_QUARTER = { year: 2020, q: 1 } as const;
export const LAST_QUARTER = { year: 2035, q: 4 } as const;

export function seedCatalogues(db: DB): void {
  const now = nowIso();
  const seeded = db.prepare(`SELECT value FROM meta WHERE key = 'registry_seeded'`).get() as { value: string } | undefined;
  db.transaction(() => {
    for (const cat of loadShippedCatalogues()) {
      const exists = db.prepare('SELECT 1 FROM catalogues WHERE template_version = ?').get(cat.templateVersion);
      if (exists) continue;
      db.prepare('INSERT INTO catalogues (template_version, json, loaded_at) VALUES (?, ?, ?)').run(cat.templateVersion, JSON.stringify(cat), now);
      const sectionOf = new Map<string, string>();
      for (const s of cat.sections) {
        const keys = s.kind === 'table' ? s.rows.flatMap((r) => Object.values(r.cells)) : s.kind === 'grid' ? [...s.fields, ...Object.values(s.totalRow?.cells ?? {})] : s.fields;
        for (const k of keys) sectionOf.set(k, s.title);
      }
      const ins = db.prepare(
        'INSERT INTO fields (template_version, key, label, section, unit, type, dimension, constraints_json, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      cat.fields.forEach((f, i) => {
        const { key, label, unit, type, dimension, ...constraints } = f;
        ins.run(cat.templateVersion, key, label, sectionOf.get(key) ?? '', unit, type, dimension ?? null, JSON.stringify(constraints), i);
      });
      audit(db, 'system', 'catalogue.load', 'catalogue', cat.templateVersion, { fields: cat.fields.length });
    }

    // Deadlines by the working calendar (holidays and 调休 as the notices set them); those the
    // calendar gives differently now (an older database, a corrected calendar) are recomputed.
    // A schema from before the calendar (an upgrade test's old version) gets the notices' days alone.
    const current = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'calendar_days'`).get() !== undefined;
    const calendar = current ? loadWorkCalendar(db) : shippedWorkCalendar();
    const insPeriod = db.prepare('INSERT OR IGNORE INTO periods (quarter, year, q, end_date, deadline) VALUES (?, ?, ?, ?, ?)');
    for (const q of quarterRange(FIRST_QUARTER, LAST_QUARTER)) {
      insPeriod.run(quarterId(q), q.year, q.q, formatDate(quarterEndDate(q)), calendarDeadlineOf(q, calendar));
    }
    if (current) refreshDeadlines(db, 'system', '按节假日安排（resources/calendar）重算报送截止日');

    if (seeded) {
      if (hasColumn(db, 'region_units', 'class_source')) correctShippedUnits(db);
      if (hasColumn(db, 'institutions', 'example')) markShippedExamples(db);
      return;
    }
    const regions = loadRegions();
    const insRegion = db.prepare('INSERT INTO regions (code, name, province, supervisor, unit_kind, unit_label) VALUES (?, ?, ?, ?, ?, ?)');
    // The seed serves a schema from version 1 on (a database opened at an older version, in tests):
    // the units' sources and action flag are written where the schema has them (migration 5).
    const withSources = hasColumn(db, 'region_units', 'class_source');
    const insUnit = db.prepare(
      withSources
        ? 'INSERT INTO region_units (code, region, name, class, leading_industry, leading_chain, sort, class_source, industry_source, county_action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
        : 'INSERT INTO region_units (code, region, name, class, leading_industry, leading_chain, sort) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of regions) {
      insRegion.run(r.code, r.name, r.province, r.supervisor, r.unitKind, r.unitLabel);
      r.units.forEach((u, i) => {
        const base = [u.code, r.code, u.name, u.class ?? null, u.leadingIndustry ?? null, u.leadingChain ?? null, i];
        insUnit.run(...(withSources ? [...base, u.classSource ?? null, u.industrySource ?? null, u.countyAction === false ? 0 : 1] : base));
      });
    }
    const insChain = db.prepare('INSERT INTO chains (code, name, region, source, sort) VALUES (?, ?, ?, ?, ?)');
    loadChains().forEach((c, i) => insChain.run(c.code, c.name, c.region, c.source ?? null, i));
    const insInst = db.prepare(
      'INSERT INTO institutions (code, name, type, region, county, legal_person, size, sample, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
    );
    const insAlias = db.prepare('INSERT OR IGNORE INTO institution_aliases (alias, institution) VALUES (?, ?)');
    for (const i of loadSeedInstitutions()) {
      insInst.run(i.code, i.name, i.type, i.region, i.county, i.legalPerson ? 1 : 0, i.size, i.sample ? 1 : 0, now, now);
      for (const a of i.aliases) insAlias.run(a, i.code);
    }
    db.prepare(`INSERT INTO meta (key, value) VALUES ('registry_seeded', ?)`).run(now);
    // A new registry holds no fictional bank: nothing to mark, now or later.
    if (hasColumn(db, 'institutions', 'example')) db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(EXAMPLES_MARKED, now);
    for (const r of regions) setUnitsRevision(db, r.code, r.unitsRevision ?? 1);
    audit(db, 'system', 'registry.seed', 'registry', null, { regions: regions.length });
  })();
  // The shipped 考核方案 are stored at open, like the other catalogues: otherwise the first
  // page or chart that reads a scheme would write to the database while reading it.
  if (hasColumn(db, 'assessment_schemes', 'note')) ensureShippedSchemes(db);
}

const EXAMPLES_MARKED = 'examples_marked';

/**
 * A database seeded before institutions carried the example mark registered the catalogue's
 * fictional bank as if it were real. Once, it is marked 示例 where the row still is exactly
 * the shipped one (same code and name): a bank an analyst renamed is theirs and stays as it is.
 */
function markShippedExamples(db: DB): void {
  if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(EXAMPLES_MARKED)) return;
  const marked: string[] = [];
  for (const e of loadExampleInstitutions()) {
    if (db.prepare('UPDATE institutions SET example = 1 WHERE code = ? AND name = ? AND example = 0').run(e.code, e.name).changes > 0) marked.push(e.code);
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(EXAMPLES_MARKED, nowIso());
  if (marked.length) audit(db, 'system', 'registry.examples_marked', 'registry', null, { marked });
}

function hasColumn(db: DB, table: string, column: string): boolean {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).some((c) => c.name === column);
}

function unitsRevisionKey(region: string): string {
  return `units_revision:${region}`;
}

function setUnitsRevision(db: DB, region: string, revision: number): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(unitsRevisionKey(region), String(revision));
}

/**
 * A release that corrects the shipped county classes and 首位产业 (regions.json
 * `unitsRevision`, each corrected unit's `previous` values) applies them once to
 * a database seeded earlier — only where a unit still holds exactly what was
 * shipped before, so an analyst's own edit is never overwritten. Shipped sources
 * are filled in where the unit holds the shipped values. Audited.
 */
function correctShippedUnits(db: DB): void {
  for (const r of loadRegions()) {
    const revision = r.unitsRevision ?? 1;
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(unitsRevisionKey(r.code)) as { value: string } | undefined;
    if (Number(row?.value ?? 1) >= revision) continue;
    const corrected: string[] = [];
    for (const u of r.units) {
      const cur = db.prepare('SELECT class, leading_industry AS industry, leading_chain AS chain FROM region_units WHERE code = ? AND region = ?').get(u.code, r.code) as
        | { class: string | null; industry: string | null; chain: string | null }
        | undefined;
      if (!cur) continue;
      const was = u.previous;
      const holds = (v: { class?: string; leadingIndustry?: string; leadingChain?: string }): boolean =>
        cur.class === (v.class ?? null) && cur.industry === (v.leadingIndustry ?? null) && cur.chain === (v.leadingChain ?? null);
      if ((was && holds(was)) || holds(u)) {
        db.prepare('UPDATE region_units SET class = ?, leading_industry = ?, leading_chain = ?, class_source = ?, industry_source = ?, county_action = ? WHERE code = ?').run(
          u.class ?? null,
          u.leadingIndustry ?? null,
          u.leadingChain ?? null,
          u.classSource ?? null,
          u.industrySource ?? null,
          u.countyAction === false ? 0 : 1,
          u.code,
        );
        if (was && holds(was)) corrected.push(u.code);
      }
    }
    setUnitsRevision(db, r.code, revision);
    audit(db, 'system', 'registry.units_corrected', 'region', r.code, { revision, corrected });
  }
}
