/** Reads the shipped catalogues (fields, regions, chains, institutions) from resources/. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue, ChainDef, RegionDef } from '../../domain/catalogue/types';
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
}

export function loadShippedCatalogues(): Catalogue[] {
  const dir = join(resourcesDir(), 'catalogue');
  return readdirSync(dir)
    .filter((f) => /^fields\..+\.json$/.test(f))
    .sort()
    .map((f) => readResourceJson<Catalogue>('catalogue', f));
}

export function loadRegions(): RegionDef[] {
  return readResourceJson<{ regions: RegionDef[] }>('catalogue', 'regions.json').regions;
}

export function loadChains(): ChainDef[] {
  return readResourceJson<{ chains: ChainDef[] }>('catalogue', 'chains.json').chains;
}

export function loadSeedInstitutions(): SeedInstitution[] {
  return readResourceJson<{ institutions: SeedInstitution[] }>('catalogue', 'institutions.json').institutions;
}

/** The newest template version shipped: what new templates are generated with. */
export const CURRENT_TEMPLATE_VERSION = 'RV-2026.1';
