/**
 * Shapes that cross the API between UI and services (IPC, CLI, browser harness).
 * Plain data only: no classes, no functions, no Dates (ISO strings instead).
 */
import type { Institution, FieldType, RegionDef, ChainDef } from '../domain/catalogue/types';
import type { ReturnState } from './returns-types';

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
  /** The quarter's reporting deadline in force (what late is judged against). */
  deadline: string | null;
  /**
   * regular: a report as it arrives, judged on time or 逾期; backfill (补录): history loaded
   * later, neither on time nor late (late is null), ignored by the timeliness score.
   */
  kind: 'regular' | 'backfill';
  /** The arrival date this file was judged with (YYYY-MM-DD). */
  receivedDate: string | null;
  /**
   * Where that date came from: today (nothing given), batch (the one 收到日期 of the call),
   * file (given for this file: typed per row or from a manifest), mtime (the file's modified
   * date, because the analyst asked for it).
   */
  receivedBasis: ReceivedBasis | null;
  /** The file's modified date on this computer's calendar, offered as its arrival date. */
  modifiedDate: string | null;
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

export type ReceivedBasis = 'today' | 'batch' | 'file' | 'mtime';

export interface ImportSummary {
  batchId: number | null;
  dryRun: boolean;
  accepted: number;
  rejected: number;
  /** Files held for a decision on their warnings (status 'held'). */
  held: number;
  /** Files whose parse from the preceding check was used (their bytes unchanged since), not parsed again. */
  reused: number;
  files: FileImportResult[];
}

export interface StatusCell {
  institution: string;
  quarter: string;
  /** 补录: a report loaded later as history (补录 mode), neither on time nor late. */
  state: '已报' | '逾期' | '未报' | '补录';
  resubmissions: number;
  receivedDate: string | null;
  submissionId: number | null;
  /** The latest 退回通知 of this report (已退回), and the 重报 that followed it (已重报); absent when none was sent. */
  returned?: ReturnState;
}

/** A quarter's reporting deadline (每季后5日内) and where it comes from. */
export interface DeadlineInfo {
  quarter: string;
  endDate: string;
  /** Quarter end + 5 calendar days. */
  dueDate: string;
  /** The deadline in force (periods.deadline): what 逾期 is judged against everywhere. */
  deadline: string;
  /** What the working calendar gives (for a deadline set by hand: what it would be otherwise). */
  calendarDeadline: string;
  /** Why the calendar's deadline is later than the due date, in words (e.g. 国庆节假期，顺延至…). */
  moved: string | null;
  source: 'calendar' | 'analyst';
  /** For a deadline set by hand: why, who, when. */
  reason: string | null;
  setBy: string | null;
  setAt: string | null;
  /** False when the holiday notice of the calendar deadline's year is not known (only weekends are counted then). */
  calendarConfirmed: boolean;
  /** What the calendar says of that year when it is not confirmed. */
  calendarNote: string | null;
}

/** One day the working calendar treats unlike an ordinary weekday or weekend. */
export interface CalendarDayInfo {
  date: string;
  weekday: string;
  kind: 'holiday' | 'workday';
  name: string;
  /** notice: from the year's 国务院办公厅 notice as shipped; analyst: a correction made here. */
  source: 'notice' | 'analyst';
  reason: string | null;
  setBy: string | null;
  setAt: string | null;
  /** For an analyst's correction: what the notice said of the day (null: an ordinary day). */
  shipped: { kind: 'holiday' | 'workday'; name: string } | null;
}

export interface HolidayNotice {
  title: string;
  /** 国办发明电〔2024〕12号; null when it could not be confirmed. */
  number: string | null;
  date: string;
}

export interface CalendarYearInfo {
  year: number;
  /** Whether the year's notice is known and its days are in the shipped calendar. */
  confirmed: boolean;
  notice: HolidayNotice | null;
  amendedBy: HolidayNotice | null;
  remark: string | null;
  /** Holidays and 调休 working days of the year, with the analyst's corrections applied. */
  days: CalendarDayInfo[];
  /** The year's four reporting deadlines that fall in it or come from its quarters. */
  deadlines: DeadlineInfo[];
}

export interface StatusMatrix {
  quarters: string[];
  /** The deadline of each quarter shown (same order as quarters). */
  deadlines: DeadlineInfo[];
  /** example: a fictional bank (示例机构), listed marked 示例 but not 应报: its cells are not in the totals. */
  institutions: { code: string; name: string; region: string; type: string; example: boolean }[];
  cells: StatusCell[];
  /** Over the 应报 banks (never a 示例机构); reported includes late and 补录 reports. */
  totals: { quarter: string; reported: number; late: number; missing: number; resubmitted: number; backfilled: number }[];
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
  /** regular, or backfill (补录: history loaded later, never late). */
  kind: 'regular' | 'backfill';
  /** How the arrival date was known (null for versions stored before this was recorded). */
  receivedBasis: ReceivedBasis | null;
  warningCount: number;
  /** report: a bank's report file; history: values from an analyst's summary sheet (历史数据补录), replaced by the real report. */
  origin: 'report' | 'history';
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
  /** Today (YYYY-MM-DD) by the services' clock: the window never reads its own for business dates. */
  today: string;
}

export interface DataRevisionInfo {
  /** Compared for equality only: `session` changes when the services process restarts. */
  revision: number;
  session: string;
  /** Today (YYYY-MM-DD) by the services' clock. */
  today: string;
}

export interface LocalUserInfo {
  /** The name set in 机构与设置, or null when none is set yet. */
  name: string | null;
  /** Who changes are recorded as now: the name, else the computer's login name. */
  effective: string;
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
