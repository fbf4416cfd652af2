/** The field catalogue: what a quarterly report captures, kept as data (resources/catalogue). */

export type FieldType = 'amount' | 'count' | 'rate' | 'text' | 'date';
export type DimensionId = 'chain' | 'county' | 'keyarea' | 'property' | 'sidai';

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  /** Unit shown in headers: 万元, 户, 个, 笔, 次, %, or '' for text. */
  unit: string;
  dimension?: DimensionId;
  required?: boolean;
  /** Lower and upper bound on the value (rates as fractions). */
  min?: number;
  max?: number;
  maxLength?: number;
  /** "—" or "-" typed in the cell means zero. */
  dashIsZero?: boolean;
  /** Cover-sheet role read by the importer. */
  role?: 'institution' | 'institutionCode' | 'quarter';
  /**
   * This field is the bank's own base of another field: its 年初数 (yearStart) or 上年同期数
   * (lastYear), possibly restated (e.g. after the 2024 城乡划分 change). Growth against that
   * base uses it where the report carries it.
   */
  restates?: { field: string; at: 'yearStart' | 'lastYear' };
  help?: string;
}

export interface DimensionMember {
  code: string;
  name: string;
}

export interface DimensionDef {
  label: string;
  /** Members listed here, or taken from the region's chains or units. */
  members?: DimensionMember[];
  source?: 'chains' | 'units';
  regions?: string[];
}

export interface SheetDef {
  id: string;
  name: string;
  regions?: string[];
}

export interface TableColumn {
  id: string;
  header: string;
  unit: string;
}

export interface TableRow {
  label: string;
  cells: Record<string, string>;
}

/** `notes`: the form's own definitions, printed under the section title (e.g. how a 合计 avoids double counting). */
export type SectionDef =
  | { id: string; sheet: string; title: string; notes?: string[]; kind: 'form' | 'text'; fields: string[] }
  | { id: string; sheet: string; title: string; notes?: string[]; kind: 'table'; columns: TableColumn[]; rows: TableRow[] }
  | { id: string; sheet: string; title: string; notes?: string[]; kind: 'grid'; dimension: DimensionId; fields: string[]; totalRow?: TableRow };

export interface Catalogue {
  templateVersion: string;
  title: string;
  dimensions: Record<DimensionId, DimensionDef>;
  sheets: SheetDef[];
  sections: SectionDef[];
  fields: FieldDef[];
}

export interface RegionUnit {
  code: string;
  name: string;
  /** 县域分类 of the 金融兴产强县 action (产业功能县 / 农产品主产县 / 生态功能县). */
  class?: string;
  /** Where the class comes from (a published notice, a report), shown with it. */
  classSource?: string;
  leadingIndustry?: string;
  /** Where the 首位产业 comes from. */
  industrySource?: string;
  leadingChain?: string;
  /** false for a unit outside the 金融兴产强县 action (安康's central district 汉滨区); default true. */
  countyAction?: boolean;
  /** What an earlier release shipped for this unit: a database still holding exactly that gets the correction. */
  previous?: { class?: string; leadingIndustry?: string; leadingChain?: string };
}

export interface RegionDef {
  code: string;
  name: string;
  province: string;
  supervisor: string;
  unitKind: 'county' | 'town';
  unitLabel: string;
  /** Bumped when the shipped units' classes or industries are corrected (see RegionUnit.previous). */
  unitsRevision?: number;
  units: RegionUnit[];
}

export interface ChainDef {
  code: string;
  name: string;
  region: string;
  source?: string;
}

export const INSTITUTION_TYPES = [
  '政策性银行',
  '国有商业银行',
  '股份制银行',
  '城商行',
  '农商行/农信社',
  '村镇银行',
  '邮储银行',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export interface Institution {
  code: string;
  name: string;
  aliases: string[];
  type: InstitutionType;
  region: string;
  county: string | null;
  legalPerson: boolean;
  size: '大型' | '中型' | '小型';
  /** Covered by the sample-data generator (the shipped registry entries and synthetic ones). */
  sample: boolean;
  /** A fictional bank (示例机构): shown marked 示例, not 应报, in no ranking, until an analyst makes it real. */
  example: boolean;
  active: boolean;
}

/** What a template is laid out for: the region decides which chains and units appear. */
export interface RegionContext {
  region: RegionDef;
  chains: ChainDef[];
}

export function fieldMap(cat: Catalogue): Map<string, FieldDef> {
  return new Map(cat.fields.map((f) => [f.key, f]));
}

export function dimensionMembers(cat: Catalogue, dim: DimensionId, ctx: RegionContext): DimensionMember[] {
  const def = cat.dimensions[dim];
  if (def.regions && !def.regions.includes(ctx.region.code)) return [];
  if (def.source === 'chains') return ctx.chains.map((c) => ({ code: c.code, name: c.name }));
  if (def.source === 'units') return ctx.region.units.map((u) => ({ code: u.code, name: u.name }));
  return def.members ?? [];
}
