/**
 * Region figures of per-institution-only indicators (the catalogue's `perInstitution`): a bank's
 * 村覆盖率 is its own covered villages over its own 服务区域, so adding banks would count a village
 * served by two banks twice. The region's figure is the coverage over the region facts instead
 * (services/coverage: each village or entity once, over the denominators the analyst entered),
 * and a group of several banks that is not the whole region has no figure at all.
 */
import type { DB } from '../db/database';
import type { CoverageStatus } from '../../api/coverage-types';
import type { IndicatorDef } from '../../domain/indicators/types';
import { formatDate, parseQuarter, quarterEndDate } from '../../domain/quarter';
import { coverageStatus } from '../coverage/coverage';

/** What a figure over several banks of a per-institution-only indicator is. */
export type GroupFigure =
  /** The whole region: the coverage over the region facts at the quarter's end. */
  | { kind: 'region'; value: number | null; status: CoverageStatus; words: string }
  /** Some banks, not all: no figure (their counts cannot be added). */
  | { kind: 'none'; value: null; words: string };

/** An indicator the catalogue marks per-institution only. */
export type PerInstitutionDef = IndicatorDef & { perInstitution: NonNullable<IndicatorDef['perInstitution']> };

export class RegionFigures {
  private readonly cache = new Map<string, CoverageStatus>();
  constructor(
    private readonly db: DB,
    private readonly region: string,
    /** The region's active institutions: a set covering them all is the region. */
    private readonly active: readonly string[],
  ) {}

  /** The figure over `institutions` (several) of a per-institution-only indicator at a quarter. */
  of(def: PerInstitutionDef, quarter: string, institutions: readonly string[]): GroupFigure {
    const inScope = new Set(institutions);
    if (!this.active.every((c) => inScope.has(c))) {
      return { kind: 'none', value: null, words: `${def.label}为各机构口径，几家机构的数不能相加：${def.perInstitution.words}` };
    }
    const q = parseQuarter(quarter);
    if (!q) return { kind: 'none', value: null, words: `报告期「${quarter}」无效` };
    const kind = def.perInstitution.regionFigure.coverage;
    const date = formatDate(quarterEndDate(q));
    const key = `${kind}|${date}`;
    let status = this.cache.get(key);
    if (!status) this.cache.set(key, (status = coverageStatus(this.db, this.region, kind, date)));
    const figure = status.rate === null ? `截至${date}，${status.totalWords}，无法计算` : `截至${date}，${status.totalWords}，已覆盖 ${status.covered} 个（${status.records} 条机构记录）`;
    return { kind: 'region', value: status.rate, status, words: `${def.perInstitution.words}${figure}。` };
  }
}

/** Whether an indicator's figure over several banks is not their sum. */
export function isPerInstitution(def: IndicatorDef): def is PerInstitutionDef {
  return def.perInstitution !== undefined;
}
