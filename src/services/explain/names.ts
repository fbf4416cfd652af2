/** Names as analysts read them: institutions, dimension members (chains, counties, 四贷 …) and report fields. */
import type { DB } from '../db/database';
import type { Catalogue } from '../../domain/catalogue/types';
import { getCatalogue } from '../catalogue/fields';
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import { CURRENT_TEMPLATE_VERSION } from '../catalogue/load';

export interface Names {
  institution(code: string): string;
  member(code: string): string;
  /** A field's label in the form of a template version (the current form by default). */
  field(key: string, templateVersion?: string): string;
  unit(key: string, templateVersion?: string): string;
  type(key: string, templateVersion?: string): string;
}

export function namesOf(db: DB): Names {
  const institutions = new Map(
    (db.prepare('SELECT code, name, example FROM institutions').all() as { code: string; name: string; example: number }[]).map((r) => [r.code, institutionDisplayName({ name: r.name, example: r.example === 1 })]),
  );
  const members = new Map<string, string>();
  for (const r of db.prepare('SELECT code, name FROM chains').all() as { code: string; name: string }[]) members.set(r.code, r.name);
  for (const r of db.prepare('SELECT code, name FROM region_units').all() as { code: string; name: string }[]) members.set(r.code, r.name);
  const catalogues = new Map<string, Catalogue>();
  const catalogue = (v: string = CURRENT_TEMPLATE_VERSION): Catalogue => {
    let c = catalogues.get(v);
    if (!c) {
      c = getCatalogue(db, v);
      catalogues.set(v, c);
      for (const d of Object.values(c.dimensions)) for (const m of d.members ?? []) if (!members.has(m.code)) members.set(m.code, m.name);
    }
    return c;
  };
  catalogue();
  const fieldDef = (key: string, v?: string) => catalogue(v).fields.find((f) => f.key === key) ?? catalogue().fields.find((f) => f.key === key);
  return {
    institution: (code) => institutions.get(code) ?? code,
    member: (code) => (code === '*' ? '全部' : (members.get(code) ?? code)),
    field: (key, v) => fieldDef(key, v)?.label ?? key,
    unit: (key, v) => fieldDef(key, v)?.unit ?? '',
    type: (key, v) => fieldDef(key, v)?.type ?? 'text',
  };
}
