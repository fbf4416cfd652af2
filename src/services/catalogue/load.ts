/** Reads the shipped catalogues (fields, regions, chains, institutions) from resources/. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue, ChainDef, FieldDef, RegionDef } from '../../domain/catalogue/types';
import { readResourceJson, resourcesDir } from '../resources';

export interface SeedInstitution {
  code: string;
  name: string;
  aliases: string[];
  type: string;
  region: string;
  county: string | null;
  legalPerson: boolean;
  size: string;
  sample: boolean;
  /** A fictional bank (示例机构): not seeded; registered marked 示例 only with the sample data. */
  example?: boolean;
}

/**
 * A form version written as its changes to an earlier one: fields replaced in place (the last
 * rows of a section, so no other cell of the form moves) and notes added to sections.
 */
interface CatalogueRevision {
  templateVersion: string;
  extends: string;
  /** A field of the earlier form → the fields that take its place, in order. */
  replaceFields?: Record<string, string[]>;
  sectionNotes?: Record<string, string[]>;
  /** The new fields' definitions. */
  fields: FieldDef[];
}

type CatalogueFile = Catalogue | CatalogueRevision;

function isRevision(f: CatalogueFile): f is CatalogueRevision {
  return 'extends' in f;
}

/** The whole catalogue of a revision: the earlier form with the revision's changes applied. */
function applyRevision(base: Catalogue, r: CatalogueRevision): Catalogue {
  const replace = r.replaceFields ?? {};
  const defs = new Map(r.fields.map((f) => [f.key, f]));
  const swap = (keys: string[]): string[] => keys.flatMap((k) => replace[k] ?? [k]);
  const sections = base.sections.map((s) => {
    const notes = [...(s.notes ?? []), ...(r.sectionNotes?.[s.id] ?? [])];
    const withNotes = notes.length ? { ...s, notes } : s;
    return withNotes.kind === 'table' ? withNotes : { ...withNotes, fields: swap(withNotes.fields) };
  });
  const fields = base.fields.flatMap((f) => (replace[f.key] ?? [f.key]).map((k) => (k === f.key && !defs.has(k) ? f : (defs.get(k) ?? f))));
  return { ...base, templateVersion: r.templateVersion, sections, fields };
}

export function loadShippedCatalogues(): Catalogue[] {
  const dir = join(resourcesDir(), 'catalogue');
  const files = readdirSync(dir)
    .filter((f) => /^fields\..+\.json$/.test(f))
    .sort()
    .map((f) => readResourceJson<CatalogueFile>('catalogue', f));
  const byVersion = new Map(files.map((f) => [f.templateVersion, f]));
  const resolved = new Map<string, Catalogue>();
  const resolve = (f: CatalogueFile): Catalogue => {
    const hit = resolved.get(f.templateVersion);
    if (hit) return hit;
    let cat: Catalogue;
    if (isRevision(f)) {
      const base = byVersion.get(f.extends);
      if (!base || base === f) throw new Error(`catalogue ${f.templateVersion} extends unknown ${f.extends}`);
      cat = applyRevision(resolve(base), f);
    } else cat = f;
    resolved.set(f.templateVersion, cat);
    return cat;
  };
  return files.map(resolve);
}

export function loadRegions(): RegionDef[] {
  return readResourceJson<{ regions: RegionDef[] }>('catalogue', 'regions.json').regions;
}

export function loadChains(): ChainDef[] {
  return readResourceJson<{ chains: ChainDef[] }>('catalogue', 'chains.json').chains;
}

/** The fictional banks of the catalogue (示例机构): registered with the sample data only. */
export function loadExampleInstitutions(): SeedInstitution[] {
  return readResourceJson<{ institutions: SeedInstitution[] }>('catalogue', 'institutions.json').institutions.filter((i) => i.example === true);
}

/** What a new database's registry starts with: every catalogue entry but the fictional ones. */
export function loadSeedInstitutions(): SeedInstitution[] {
  return readResourceJson<{ institutions: SeedInstitution[] }>('catalogue', 'institutions.json').institutions.filter((i) => i.example !== true);
}

/** The newest template version shipped: what new templates are generated with. */
export const CURRENT_TEMPLATE_VERSION = 'RV-2026.2';
