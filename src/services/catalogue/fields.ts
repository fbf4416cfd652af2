/** The field catalogue as stored, and the template layout derived from it. */
import type { DB } from '../db/database';
import type { Catalogue } from '../../domain/catalogue/types';
import { buildLayout, type TemplateLayout } from '../../domain/catalogue/layout';
import type { FieldInfo } from '../../api/types';
import { fail } from '../../domain/result';
import { regionContext } from '../registry/regions';
import { CURRENT_TEMPLATE_VERSION } from './load';
import { ruleSetFor } from './rules';
import { ruleHints } from '../../domain/rules/hints';

const cache = new WeakMap<DB, Map<string, Catalogue>>();

export function getCatalogue(db: DB, version: string = CURRENT_TEMPLATE_VERSION): Catalogue {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(version);
  if (hit) return hit;
  const row = db.prepare('SELECT json FROM catalogues WHERE template_version = ?').get(version) as { json: string } | undefined;
  if (!row) {
    const known = (db.prepare('SELECT template_version FROM catalogues').all() as { template_version: string }[]).map((r) => r.template_version);
    fail('E_TEMPLATE_VERSION', { version, known: known.join('、') });
  }
  const cat = JSON.parse(row.json) as Catalogue;
  perDb.set(version, cat);
  return cat;
}

export function listTemplateVersions(db: DB): string[] {
  return (db.prepare('SELECT template_version FROM catalogues ORDER BY template_version').all() as { template_version: string }[]).map((r) => r.template_version);
}

/** Layouts depend on the region's chains and units, which analysts may edit; they are rebuilt on each call. */
export function layoutFor(db: DB, region: string, version: string = CURRENT_TEMPLATE_VERSION): TemplateLayout {
  return buildLayout(getCatalogue(db, version), regionContext(db, region), ruleHints(ruleSetFor(db, version)));
}

export function listFields(db: DB, region: string, version?: string): FieldInfo[] {
  const layout = layoutFor(db, region, version);
  return layout.inputs.map((i) => {
    const { key: _k, label: _l, type: _t, unit: _u, dimension, required, ...constraints } = i.field;
    return {
      definedName: i.definedName,
      key: i.key,
      label: i.label,
      section: i.section,
      sheet: i.sheet,
      cell: i.cell,
      unit: i.unit,
      type: i.type,
      member: i.member,
      memberName: i.memberName,
      dimension: dimension ?? null,
      constraints,
      required: required === true,
    };
  });
}
