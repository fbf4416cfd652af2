/** Handlers for the app, the database, the registries and the field catalogue. */
import type { RegistryApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { integrityCheck, schemaVersion } from '../db/database';
import { listInstitutions, makeInstitutionReal, saveInstitution } from '../registry/institutions';
import { listRegions, resolveRegionCode, saveUnit } from '../registry/regions';
import { listFields } from '../catalogue/fields';
import { listRules } from '../catalogue/rules';
import { CURRENT_TEMPLATE_VERSION } from '../catalogue/load';
import { fail } from '../../domain/result';
import { formatDate } from '../../domain/quarter';
import { today } from '../../domain/clock';
import { APP_NAME, APP_VERSION, IMPORTER_VERSION } from '../../domain/version';

export function regionOrFail(ctx: ServiceContext, text: string): string {
  const code = resolveRegionCode(ctx.db, text);
  if (!code) fail('E_REGION_UNKNOWN', { region: text });
  return code;
}

export function registryHandlers(ctx: ServiceContext): ImplTable<keyof RegistryApi> {
  return {
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      importerVersion: IMPORTER_VERSION,
      templateVersion: CURRENT_TEMPLATE_VERSION,
      dbPath: ctx.dbPath,
      schemaVersion: schemaVersion(ctx.db),
      today: formatDate(today()),
    }),
    'db.integrity': () => {
      const r = integrityCheck(ctx.db);
      return { ok: r.ok, messages: r.messages, foreignKeyViolations: r.foreignKeyViolations, schemaVersion: schemaVersion(ctx.db), path: ctx.dbPath };
    },
    'registry.regions': () => listRegions(ctx.db),
    'registry.institutions': (args) =>
      listInstitutions(ctx.db, {
        ...(args.region ? { region: regionOrFail(ctx, args.region) } : {}),
        ...(args.includeInactive ? { includeInactive: true } : {}),
      }),
    'registry.saveInstitution': (args) => saveInstitution(ctx.db, args.institution),
    'registry.makeReal': (args) => makeInstitutionReal(ctx.db, args.code, args.institution),
    'registry.saveUnit': (args) => saveUnit(ctx.db, args),
    'catalogue.fields': (args) => {
      const regions = args.region ? [regionOrFail(ctx, args.region)] : listRegions(ctx.db).map((r) => r.code);
      // Fields shared by both regions are listed once; region-only members (chains, counties) are added.
      const seen = new Set<string>();
      return regions.flatMap((r) => listFields(ctx.db, r, args.templateVersion)).filter((f) => !seen.has(f.definedName) && seen.add(f.definedName) !== undefined);
    },
    'catalogue.rules': (args) => listRules(ctx.db, args.templateVersion),
  };
}
