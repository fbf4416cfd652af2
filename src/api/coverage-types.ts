/**
 * Region facts and coverage (覆盖): the denominators an analyst enters (行政村 per 镇街, the
 * 新型农业经营主体 roster), each as of a date with its source, and the villages (entities)
 * covered, each counted once however many banks serve it.
 */

/** villages: 行政村 (普惠金融服务到村); nae: 新型农业经营主体 (信用建档评级). */
export type CoverageKind = 'villages' | 'nae';

export interface RegionFact {
  id: number;
  region: string;
  /** A 镇街 (county) code, or '' for the whole region. */
  unit: string;
  unitName: string;
  fact: CoverageKind;
  value: number;
  asOf: string;
  source: string;
  enteredBy: string;
  enteredAt: string;
}

export interface CoverageRecord {
  id: number;
  region: string;
  kind: CoverageKind;
  unit: string;
  unitName: string;
  /** As entered (村名, or the entity's name). */
  name: string;
  /** 行政区划代码 / 统一社会信用代码, when given. */
  code: string | null;
  institution: string | null;
  institutionName: string | null;
  asOf: string;
  source: string;
  enteredBy: string;
  enteredAt: string;
}

export interface CoverageUnitStatus {
  unit: string;
  unitName: string;
  /** The fact (行政村数 / 名录数) in force at the date; null when none was entered. */
  total: number | null;
  totalAsOf: string | null;
  totalSource: string | null;
  /** Distinct villages (entities) covered by the date. */
  covered: number;
  /** How many banks' records those came from (before counting each once). */
  records: number;
  rate: number | null;
  /** More covered than the fact says there are: the roster or the list needs checking. */
  exceeds: boolean;
}

export interface CoverageStatus {
  region: string;
  regionName: string;
  kind: CoverageKind;
  /** 行政村覆盖率 / 新型农业经营主体信用建档评级覆盖率 */
  label: string;
  date: string;
  units: CoverageUnitStatus[];
  total: number | null;
  /** Where the region's total comes from (各镇街合计 / 全区名录). */
  totalWords: string;
  covered: number;
  records: number;
  rate: number | null;
  /** Units without a fact at the date (the region's total cannot be added up). */
  missing: string[];
  /** The rule in words. */
  definition: string;
}
