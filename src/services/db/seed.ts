/**
 * First-open seeding of the registries from resources/catalogue. Registry rows
 * (regions, units, chains, institutions) are seeded once; analysts edit them
 * afterwards. Catalogue versions are added whenever the program ships a new one.
 */
import type { DB } from './database';
import { loadChains, loadRegions, loadSeedInstitutions, loadShippedCatalogues } from '../catalogue/load';
import { formatDate, quarterEndDate, quarterId, quarterRange, reportDeadline } from '../../domain/quarter';
import { audit } from './audit';
import { nowIso } from '../../domain/clock';

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
        const keys = s.kind === 'table' ? s.rows.flatMap((r) => Object.values(r.cells)) : s.fields;
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

    const insPeriod = db.prepare('INSERT OR IGNORE INTO periods (quarter, year, q, end_date, deadline) VALUES (?, ?, ?, ?, ?)');
    for (const q of quarterRange(FIRST_QUARTER, LAST_QUARTER)) {
      insPeriod.run(quarterId(q), q.year, q.q, formatDate(quarterEndDate(q)), formatDate(reportDeadline(q)));
    }

    if (seeded) return;
    const regions = loadRegions();
    const insRegion = db.prepare('INSERT INTO regions (code, name, province, supervisor, unit_kind, unit_label) VALUES (?, ?, ?, ?, ?, ?)');
    const insUnit = db.prepare(
      'INSERT INTO region_units (code, region, name, class, leading_industry, leading_chain, sort) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of regions) {
      insRegion.run(r.code, r.name, r.province, r.supervisor, r.unitKind, r.unitLabel);
      r.units.forEach((u, i) => insUnit.run(u.code, r.code, u.name, u.class ?? null, u.leadingIndustry ?? null, u.leadingChain ?? null, i));
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
    audit(db, 'system', 'registry.seed', 'registry', null, { regions: regions.length });
  })();
}
