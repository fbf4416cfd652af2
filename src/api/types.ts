/**
 * Shapes that cross the API between UI and services (IPC, CLI, browser harness).
 * Plain data only: no classes, no functions, no Dates (ISO strings instead).
 */
import type { Institution, FieldType, RegionDef, ChainDef } from '../domain/catalogue/types';

export interface IssueRef {
  sheet: string | null;
  cell: string | null;
  code: string;
  message: string;
  /**
   * A warning the analyst must decide on before the file is committed (see FileAck):
   * - 'confirm': accepted by ticking it (a cover that disagrees with the file name, a very
   *   late arrival, a resubmission for a long-closed quarter);
   * - 'explain': a 提示 check rule, accepted only with a written 说明 that is stored with the
   *   submission and shown in its history.
   * A file with an undecided warning is 'held': checked, not committed.
   */
  ack?: 'confirm' | 'explain';
  /** The check rule behind the issue (its id in the rule file), when one raised it. */
  rule?: string;
  /** That rule's 审核内容 in words (e.g. 各产业链贷款余额之和 ≤ 涉农贷款余额), for grouping the preview by rule. */
  ruleTitle?: string;
}

/** One check rule (审核公式) of a template version, as `catalogue.rules` lists it. */
export interface RuleInfo {
  templateVersion: string;
  id: string;
  /** 错误 rejects the file; 提示 is accepted only with a written 说明. */
  level: '错误' | '提示';
  /** 表内, 表间 or 跨期 (against the institution's earlier quarters). */
  kind: '表内' | '表间' | '跨期';
  title: string;
  check: string;
  when: string | null;
  forEach: string | null;
  note: string | null;
}

/**
 * The analyst's decisions on one file's warnings, keyed by issueKey() (domain/import/issueKey.ts):
 * for a 'confirm' warning any non-empty text (e.g. 已确认), for an 'explain' one the 说明 itself.
 */
export interface FileAck {
  [issueKey: string]: string;
}

/** An analyst's decision on one 'confirm'/'explain' warning, as stored with the submission. */
export interface WarningDecision {
  /** issueKey() of the warning. */
  key: string;
  ack: 'confirm' | 'explain';
  code: string;
  rule: string | null;
  sheet: string | null;
  cell: string | null;
  /** The warning as it was shown. */
  message: string;
  /** 已确认 (or what the analyst wrote) for a 'confirm' warning, the 说明 for an 'explain' one. */
  text: string;
  /** 本机使用人 (localUser) who decided. */
  by: string;
  /** ISO time (UTC) of the decision: when the file was committed with it. */
  at: string;
}

export interface FieldInfo {
  definedName: string;
  key: string;
  label: string;
  section: string;
  sheet: string;
  cell: string;
  unit: string;
  type: FieldType;
  member: string | null;
  memberName: string | null;
  dimension: string | null;
  constraints: Record<string, unknown>;
  required: boolean;
}

export type InstitutionRow = Institution;

/** What an analyst sets on a county (镇街): every class and industry with its source. */
export interface SaveUnitArgs {
  code: string;
  class?: string | null;
  classSource?: string | null;
  leadingIndustry?: string | null;
  industrySource?: string | null;
  leadingChain?: string | null;
  /** false: outside the 金融兴产强县 action (not a row of the progress table). */
  countyAction?: boolean;
}

export interface RegionInfo extends RegionDef {
  chains: ChainDef[];
}

export interface FileImportResult {
  file: string;
  path: string;
  /**
   * accepted: committed (or, in a dry run, would be); rejected: has errors, not committed;
   * held: checked and free of errors, but a 'confirm'/'explain' warning is undecided
   * (see `undecided`): not committed until import.files is called again with the decisions.
   */
  status: 'accepted' | 'rejected' | 'held';
  institution: string | null;
  institutionName: string | null;
  quarter: string | null;
  submissionId: number | null;
  /** 1 for a first report, 2 and up for a resubmission (重报). */
  version: number | null;
  late: boolean | null;
  sha256: string | null;
  format: string | null;
  valueCount: number;
  errors: IssueRef[];
  warnings: IssueRef[];
  /** Unit conversions and other notes shown to the user (e.g. 「亿元」换算为万元). */
  notes: IssueRef[];
  /** issueKey() of each 'confirm'/'explain' warning that has no decision yet (non-empty only for a held file). */
  undecided: string[];
  /** The decisions taken on this file's warnings (stored with the submission when it is committed). */
  decisions: WarningDecision[];
}

export interface ImportSummary {
  batchId: number | null;
  dryRun: boolean;
  accepted: number;
  rejected: number;
  /** Files held for a decision on their warnings (status 'held'). */
  held: number;
  files: FileImportResult[];
}

export interface StatusCell {
  institution: string;
  quarter: string;
  state: '已报' | '逾期' | '未报';
  resubmissions: number;
  receivedDate: string | null;
  submissionId: number | null;
}

export interface StatusMatrix {
  quarters: string[];
  institutions: { code: string; name: string; region: string; type: string }[];
  cells: StatusCell[];
  totals: { quarter: string; reported: number; late: number; missing: number; resubmitted: number }[];
}

export interface DumpRow {
  institution: string;
  quarter: string;
  key: string;
  member: string | null;
  definedName: string;
  value: number | string | null;
  sheet: string;
  cell: string;
  submissionId: number;
}

export interface SubmissionInfo {
  id: number;
  batchId: number;
  institution: string;
  quarter: string;
  fileName: string;
  sha256: string;
  format: string;
  templateVersion: string;
  receivedAt: string;
  receivedDate: string;
  status: 'current' | 'superseded' | 'rolled_back';
  supersededBy: number | null;
  version: number;
  late: boolean;
  warningCount: number;
  /** The analyst's decisions on this version's 'confirm'/'explain' warnings. */
  decisions: WarningDecision[];
}

export interface BatchInfo {
  id: number;
  createdAt: string;
  note: string | null;
  fileCount: number;
  accepted: number;
  rejected: number;
  /** Files of the batch held for a decision on their warnings (not committed). */
  held: number;
  status: 'committed' | 'rolled_back';
  rolledBackAt: string | null;
}

export interface IntegrityReport {
  ok: boolean;
  messages: string[];
  foreignKeyViolations: number;
  schemaVersion: number;
  path: string;
}

export interface AppInfo {
  name: string;
  version: string;
  importerVersion: string;
  templateVersion: string;
  dbPath: string;
  schemaVersion: number;
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
  file?: string;
  message?: string;
}

/** One backup file in `<data dir>/backups/`. */
export interface BackupInfo {
  /** Absolute path. */
  file: string;
  name: string;
  /** ISO time (UTC) the backup was taken. */
  createdAt: string;
  /** Why it was taken: 手动备份, 回滚批次…, 恢复备份前…, 升级前…. */
  reason: string;
  size: number;
  /** The database schema version inside (PRAGMA user_version); null if not an SQLite file. */
  schemaVersion: number | null;
}

export interface BackupListing {
  dir: string;
  /** How many backups are kept; older ones are deleted after each new backup. */
  keep: number;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The copy of the state just before the restore (so a restore can itself be undone). */
  safetyBackup: BackupInfo;
  schemaVersion: number;
}
