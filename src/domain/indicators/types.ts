/**
 * Indicators as data: each indicator is a small expression over report field
 * keys (resources/indicators/indicators.json). No code is generated or eval'd;
 * the evaluator walks this tree.
 */

/** A period relative to the quarter being evaluated. */
export type PeriodShift = 'current' | 'yearStart' | 'lastYear' | 'prevQuarter';

/** How an indicator's value is read: it decides the unit and the display format. */
export type IndicatorKind = 'amount' | 'count' | 'ratio' | 'ratioDiff';

export type IndicatorDimension = 'chain' | 'county';

/** Reads one report field, summed over the institutions in scope. */
export interface FieldExpr {
  field: string;
  /**
   * Dimension member: a fixed code, `$member` (the member being evaluated) or
   * `*` (sum over every member reported). Omitted for scalar fields.
   */
  member?: string;
  at?: PeriodShift;
  /** For rates: the balance field that weights the average across institutions. */
  weight?: string;
}

/** The value of another indicator (same scope). */
export interface RefExpr {
  ref: string;
  at?: PeriodShift;
}

export interface OpExpr {
  op: 'add' | 'sub' | 'mul' | 'div';
  args: Expr[];
}

/** (x − x at base) / x at base; no value on a zero or missing base. */
export interface GrowthExpr {
  op: 'growth';
  arg: Expr;
  base: PeriodShift;
}

/** x − x at base (比年初增量 and the like). */
export interface ChangeExpr {
  op: 'change';
  arg: Expr;
  base: PeriodShift;
}

export interface ConstExpr {
  op: 'const';
  value: number;
}

export type Expr = FieldExpr | RefExpr | OpExpr | GrowthExpr | ChangeExpr | ConstExpr;

export interface IndicatorDef {
  id: string;
  label: string;
  /** Unit shown to users: 万元, 户, 个, %, 个百分点. JSON values of ratios are fractions. */
  unit: string;
  kind: IndicatorKind;
  /** One line in Chinese shown next to the figure. */
  definition: string;
  /** Indicators over a dimension (产业链, 县) are evaluated per member. */
  dimension?: IndicatorDimension;
  /** Logical group for listings: 总量, 结构, 质量, 产业链, 县域, 服务, 政策工具. */
  group: string;
  expr: Expr;
  /**
   * Each bank's own figure only: its counts are of its own 服务区域 or clients, so adding banks
   * counts a village (an entity) served by two banks twice, against denominators each bank chose.
   * A figure over several banks is no sum of theirs: the region's is the one computed from the
   * region facts (each village counted once), and a group of banks short of the region has none.
   */
  perInstitution?: PerInstitutionOnly;
}

export interface PerInstitutionOnly {
  /** The region figure that replaces the sum: coverage over the region facts (行政村 or 新型农业经营主体). */
  regionFigure: { coverage: 'villages' | 'nae' };
  /** Why it is not a sum, in words (shown beside the region figure). */
  words: string;
}

export interface IndicatorCatalogue {
  version: string;
  indicators: IndicatorDef[];
}

export type NumericFieldType = 'amount' | 'rate' | 'count';
