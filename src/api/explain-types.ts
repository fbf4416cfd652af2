/**
 * Provenance (数据来源): what a figure on screen is and every stored input it was
 * computed from, down to the file, sheet and cell; and the report view (报表查看)
 * that shows one bank's report for a quarter as imported, its versions and their diff.
 */
import type { SubmissionInfo } from './types';

/** A figure the app shows, as the page that shows it names it. */
export type FigureRef =
  /** An indicator for a region (all its institutions), one institution, and a chain or county member. */
  | {
      kind: 'indicator';
      region: string;
      quarter: string;
      indicator: string;
      institution?: string;
      member?: string;
      /** Over the registry's active institutions only (as 目标跟踪 judges a region), not every institution of the region. */
      activeOnly?: boolean;
    }
  /** A cell of the submission matrix (报送情况): one institution's report for a quarter. */
  | { kind: 'submission'; institution: string; quarter: string }
  /** How many of a region's banks reported a quarter (首页 本季度报送): each bank's state. */
  | { kind: 'reports'; region: string; quarter: string }
  /** 考核评估: an institution's total (no item) or one item of its breakdown. */
  | { kind: 'score'; region: string; year: number; institution: string; item?: string; scheme?: string }
  /** A bar of the score charts: the banks of a grade, within a score band (scoreBands index) or an institution group. */
  | { kind: 'scoreGroup'; region: string; year: number; grade: string; band?: number; group?: string }
  /** 金融兴产强县: a county's 完成率 (or the region's total row when county is omitted). */
  | { kind: 'progress'; region: string; year: number; quarter: number | string; county?: string; measure?: string }
  /** 目标跟踪: one target judged at a quarter. */
  | { kind: 'target'; region: string; target: string; quarter?: string };

/** One stored value the figure was computed from, with where it came from. */
export interface ExplainInput {
  institution: string;
  institutionName: string;
  quarter: string;
  /** The period it stands for, seen from the figure: 本期, 上年末, 上年同期. */
  period: string;
  /** Report field key. */
  key: string;
  fieldLabel: string;
  /** Dimension member code (chain, county, …), null for a scalar field. */
  member: string | null;
  memberName: string | null;
  /** As stored: 万元 for amounts, a fraction for rates, an integer for counts. */
  value: number | null;
  /** As users read it: 1,234.56 万元, 3.45%, 1,200 户. */
  display: string;
  unit: string;
  /** The cell's content as read from the file (text as typed, 1.2亿元; a number's digits). */
  raw: string | null;
  /** How the importer converted it (「亿元」换算为万元), if it did. */
  note: string | null;
  file: string;
  sheet: string;
  cell: string;
  definedName: string;
  submissionId: number;
  /** 1 = first report, 2 and up = 重报. */
  version: number;
  resubmission: boolean;
  receivedDate: string;
  batchId: number;
  /** The analyst's 说明 on warnings raised at this cell (a 提示 accepted on import), as stored with the submission. */
  decisions?: ExplainDecision[];
}

/** A warning at an input's cell and what the analyst decided on it when the report was accepted. */
export interface ExplainDecision {
  /** The check rule that raised it, when one did. */
  rule: string | null;
  /** The warning as it was shown. */
  message: string;
  /** The 说明 (or 已确认 for a warning only confirmed). */
  text: string;
  by: string;
  /** ISO time (UTC) of the decision. */
  at: string;
}

/** An operand of the figure's formula: a growth rate's current and base values, a share's numerator and denominator. */
export interface ExplainOperand {
  label: string;
  quarter: string;
  value: number | null;
  display: string;
}

/** A figure this one is built from (a bank's score items, a county's actual), itself explainable. */
export interface ExplainComponent {
  label: string;
  display: string;
  value: number | null;
  note?: string;
  ref?: FigureRef;
}

export interface Explanation {
  kind: FigureRef['kind'];
  /** One line naming the figure: 安康市 · 2025年第四季度 · 涉农贷款余额. */
  title: string;
  label: string;
  value: number | null;
  display: string;
  unit: string;
  /** What the figure is, in words. */
  definition: string;
  /** How it is computed, naming the report items it reads. */
  formula: string;
  /** Which institutions are counted and why the others are not. */
  comparable: string;
  /** Other facts worth a line (时序进度, the target and who set it, the scoring sentence). */
  facts: { label: string; value: string }[];
  operands: ExplainOperand[];
  included: { institution: string; name: string }[];
  excluded: { institution: string; name: string; reason: string }[];
  components: ExplainComponent[];
  inputs: ExplainInput[];
  /** The figure's identity, for scripts (explain --json). */
  indicator: string | null;
  quarter: string | null;
  region: string | null;
  institution: string | null;
  member: string | null;
  /** A report the figure is about (a submission-matrix cell): 报表查看 opens it. */
  report?: { institution: string; quarter: string };
}

/** An input of the form: its field, member and where it sits. */
export interface ReportItem {
  key: string;
  label: string;
  member: string | null;
  unit: string;
  sheet: string;
  cell: string;
}

/** One input of the form with its value in a stored version. */
export interface ReportCell extends ReportItem {
  definedName: string;
  /** As users read it (numbers formatted, text as typed); '' for a blank. */
  display: string;
  value: number | string | null;
  raw: string | null;
  note: string | null;
}

/** A cell of the form as drawn: a header, a row label, a unit, a 填报说明, or an input with its value. */
export interface ReportFormCell {
  /** Column on the sheet (1 = A) and how many columns it spans. */
  col: number;
  span: number;
  kind: 'header' | 'label' | 'unit' | 'note' | 'value';
  text: string;
  value?: ReportCell;
}

export interface ReportSection {
  sheet: string;
  title: string;
  /** The section laid out as the form draws it: rows of cells over `columns` columns. */
  columns: number;
  rows: ReportFormCell[][];
  /** Its inputs in form order. */
  cells: ReportCell[];
}

/** A version of a report with who brought it in and when. */
export interface ReportVersion extends SubmissionInfo {
  /** Who imported it (本机使用人 at the time) and when. */
  importedBy: string;
  importedAt: string;
  batchNote: string | null;
  batchStatus: 'committed' | 'rolled_back';
  /** Warnings and notes stored with it; with the analyst's decision (已确认 or the 说明), who and when, where one was needed. */
  issues: { severity: 'warning' | 'info'; code: string; message: string; sheet: string | null; cell: string | null; decision: string | null; decidedBy: string | null; decidedAt: string | null }[];
}

export interface ReportView {
  institution: string;
  institutionName: string;
  region: string;
  quarter: string;
  versions: ReportVersion[];
  /** The version shown (the current one unless asked otherwise). */
  shown: number | null;
  templateVersion: string | null;
  sections: ReportSection[];
}

export interface ReportDiffRow extends ReportItem {
  before: string;
  after: string;
  /** after − before for numbers (万元, fraction or count), else null. */
  change: number | null;
  /** The change as users read it: +3,051.63 万元, +0.50 个百分点, +12 户; '' when not a number. */
  changeDisplay: string;
}

export interface ReportDiff {
  from: ReportVersion;
  to: ReportVersion;
  rows: ReportDiffRow[];
  /** How many inputs were compared. */
  compared: number;
}
