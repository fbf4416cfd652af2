/**
 * Extra sample institutions for `sample --scale N`: N times as many banks,
 * registered in the database so the importer accepts their reports. They are
 * marked sample and named so nobody takes them for real banks.
 */
import type { DB } from '../db/database';
import { INSTITUTION_TYPES, type Institution, type InstitutionType } from '../../domain/catalogue/types';
import { getInstitution, listInstitutions, saveInstitution } from '../registry/institutions';
import { listRegions } from '../registry/regions';
import { fail, failure } from '../../domain/result';
import { loadExampleInstitutions } from '../catalogue/load';

const SYNTHETIC = /-S\d{4}$/;

export function isSynthetic(code: string): boolean {
  return SYNTHETIC.test(code);
}

const SIZE_BY_TYPE: Record<InstitutionType, Institution['size']> = {
  政策性银行: '中型',
  国有商业银行: '中型',
  股份制银行: '小型',
  城商行: '小型',
  '农商行/农信社': '小型',
  村镇银行: '小型',
  邮储银行: '中型',
};

const LEGAL_PERSON_TYPES: ReadonlySet<InstitutionType> = new Set(['农商行/农信社', '村镇银行']);

export function syntheticInstitution(regionCode: string, regionName: string, prefix: string, unitCodes: string[], n: number): Institution {
  const type = INSTITUTION_TYPES[(n - 1) % INSTITUTION_TYPES.length] ?? '村镇银行';
  return {
    code: `${prefix}-S${String(n).padStart(4, '0')}`,
    name: `示例银行${regionName.replace(/[市区县]$/u, '')}第${n}支行`,
    aliases: [],
    type,
    region: regionCode,
    county: unitCodes.length ? (unitCodes[(n - 1) % unitCodes.length] ?? null) : null,
    legalPerson: LEGAL_PERSON_TYPES.has(type),
    size: SIZE_BY_TYPE[type],
    sample: true,
    example: false,
    active: true,
  };
}

/**
 * The catalogue's fictional banks (示例机构, `example` in institutions.json) are not in a new
 * registry; the sample data brings them, registered marked 示例 (not 应报, in no ranking) so
 * their reports import. A code already registered (the example itself, or a real bank an
 * analyst gave that code) is left as it is.
 */
function registerExamples(db: DB): void {
  for (const e of loadExampleInstitutions()) {
    if (getInstitution(db, e.code)) continue;
    const type = INSTITUTION_TYPES.find((t) => t === e.type);
    if (!type) throw failure('E_INST_TYPE', { type: e.type, known: INSTITUTION_TYPES.join('、') });
    const size = (['大型', '中型', '小型'] as const).find((x) => x === e.size) ?? '小型';
    saveInstitution(db, { code: e.code, name: e.name, aliases: e.aliases, type, region: e.region, county: e.county, legalPerson: e.legalPerson, size, sample: true, example: true, active: true });
  }
}

/**
 * The sample institutions a set at this scale covers, per region: the shipped
 * sample banks plus (scale − 1) times as many synthetic ones, registered if missing.
 */
export function sampleInstitutions(db: DB, scale: number): Institution[] {
  registerExamples(db);
  const out: Institution[] = [];
  for (const region of listRegions(db)) {
    const inRegion = listInstitutions(db, { region: region.code }).filter((i) => i.sample);
    const shipped = inRegion.filter((i) => !isSynthetic(i.code));
    out.push(...shipped);
    const prefix = shipped[0]?.code.split('-')[0] ?? region.code.slice(0, 2).toUpperCase();
    const units = region.units.map((u) => u.code);
    for (let n = 1; n <= shipped.length * (scale - 1); n++) {
      const wanted = syntheticInstitution(region.code, region.name, prefix, units, n);
      const existing = getInstitution(db, wanted.code);
      if (existing && !existing.sample) fail('E_SAMPLE_CODE_TAKEN', { code: wanted.code, name: existing.name });
      out.push(existing && existing.active ? existing : saveInstitution(db, wanted, 'sample'));
    }
  }
  return out;
}
