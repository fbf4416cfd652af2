/**
 * The one typed contract between the UI and the services. The same handler
 * table (src/services/api/handlers.ts) serves Electron IPC, the CLI and the
 * browser test harness. Each method: args in, Result out, never a throw.
 */
import type { Result } from '../domain/result';
import type {
  AppInfo,
  BackupInfo,
  DataRevisionInfo,
  LocalUserInfo,
  BackupListing,
  BatchInfo,
  CalendarYearInfo,
  DeadlineInfo,
  DumpRow,
  FileAck,
  FieldInfo,
  ImportSummary,
  InstitutionRow,
  IntegrityReport,
  Progress,
  RegionInfo,
  RestoreResult,
  SaveUnitArgs,
  StatusMatrix,
  SubmissionInfo,
  RuleInfo,
} from './types';
import type { RuralAssessmentApi } from './assessment-contract';
import type { RegionUnit } from '../domain/catalogue/types';
import type { LedgerListing, LedgerQuery, LedgerRow, LedgerStatus } from './ledger-types';
import type { CoverageKind, CoverageRecord, CoverageStatus, RegionFact } from './coverage-types';
import type { ChartExportArgs, ChartExportResult, ChartImageArgs, ChartImageResult, ChartInfo, ChartOptionArgs, ChartOptionResult, PackArgs, PackResult } from './charts-types';
import type { LprListing, PricingTable } from './pricing-types';
import type { Explanation, FigureRef, ReportDiff, ReportView } from './explain-types';
import type { HistoryImportArgs, HistoryImportResult, HistoryLayoutInfo } from './history-types';
import type { TargetPrior } from '../domain/targets/types';
import type { DeskTextsApi } from './desk-contract';
import type { CellFormat } from '../domain/present/officeTable';

export interface RegistryApi {
  'app.info': { args: Record<string, never>; result: AppInfo };
  'db.integrity': { args: Record<string, never>; result: IntegrityReport };
  'registry.regions': { args: Record<string, never>; result: RegionInfo[] };
  'registry.institutions': { args: { region?: string; includeInactive?: boolean }; result: InstitutionRow[] };
  'registry.saveInstitution': { args: { institution: InstitutionRow }; result: InstitutionRow };
  /** 转为正式机构: the example bank (code) becomes the real one given (its real name, code and attributes); audited. */
  'registry.makeReal': { args: { code: string; institution: InstitutionRow }; result: InstitutionRow };
  /** A county's (镇街's) class, 首位产业 and chain, each with its source; whether it is in the 金融兴产强县 action. */
  'registry.saveUnit': { args: SaveUnitArgs; result: RegionUnit };
  'catalogue.fields': { args: { region?: string; templateVersion?: string }; result: FieldInfo[] };
  /** The check rules (审核公式) of one template version, or of every version. */
  'catalogue.rules': { args: { templateVersion?: string }; result: RuleInfo[] };
}

/** What the window needs to stay current, and the services' own clock and settings. */
export interface DataApi {
  /**
   * The data revision (moves with every change of what a page shows, made by this
   * program or by another one on the same database) and today by the services' clock.
   * Cheap: the window asks every few seconds and after each call.
   */
  'data.revision': { args: Record<string, never>; result: DataRevisionInfo };
  /** The newest quarter in which an institution of the region has a current report (null: none yet). */
  'data.latestQuarter': { args: { region: string }; result: { quarter: string | null } };
  /** 本机使用人: who every change made on this PC is recorded as. */
  'settings.localUser': { args: Record<string, never>; result: LocalUserInfo };
  'settings.setLocalUser': { args: { name: string }; result: LocalUserInfo };
}

export interface TemplateApi {
  'template.generate': {
    /** format: 'xlsx' (default, or by the .csv ending of out) or 'csv'; encoding applies to CSV only. */
    args: { institution?: string; quarter?: string; region?: string; blank?: boolean; out: string; format?: 'xlsx' | 'csv'; encoding?: 'utf8' | 'gbk' };
    result: { path: string; institution: string | null; quarter: string | null; region: string; inputs: number };
  };
  'sample.generate': {
    args: { out: string; years?: string; seed?: number; scale?: number };
    result: { files: string[]; institutions: number; quarters: number };
  };
  /** Generate the sample set (示例数据) and import it with its arrival dates, in one step. */
  'sample.load': {
    args: { out?: string; years?: string; seed?: number };
    result: { dir: string; files: number; accepted: number; rejected: number; batchId: number | null };
  };
}

export interface ImportApi {
  'import.files': {
    args: {
      paths: string[];
      dryRun?: boolean;
      /** The date (YYYY-MM-DD) the analyst says the files arrived; default: today. */
      receivedDate?: string;
      /** Per-file arrival dates (path → YYYY-MM-DD), e.g. from a sample set's manifest. */
      receivedDates?: Record<string, string>;
      note?: string;
      /** Files larger than this are rejected before parsing; default 20 MB. */
      maxFileBytes?: number;
      /**
       * The analyst's decisions on 'confirm'/'explain' warnings, per file: keyed by the file's
       * SHA-256 (as the check result gives it), or by its path or name as given; the key '*'
       * holds decisions for any file of this call (the CLI's --explain KEY=说明). Each FileAck
       * is keyed by issueKey(). A file whose such warnings are all decided is committed with
       * the decisions (who = 本机使用人, when, the text); otherwise it is 'held'.
       */
      acks?: Record<string, FileAck>;
      /** Every 'confirm' warning counts as confirmed (the CLI's --confirm); 'explain' ones still need their 说明. */
      confirmAll?: boolean;
      /**
       * backfill (补录): the files are history loaded later — stored as 补录, neither on time
       * nor late, not judged by the timeliness score, no 30-day warning. Default regular.
       */
      mode?: 'regular' | 'backfill';
      /** Take each file's modified date as its arrival date (where receivedDates gives none): only when the analyst asks. */
      receivedFromModified?: boolean;
    };
    result: ImportSummary;
  };
  'status.matrix': { args: { quarter?: string; from?: string; to?: string; region?: string }; result: StatusMatrix };
  'status.export': { args: { quarter?: string; from?: string; to?: string; region?: string; out: string }; result: { path: string; matrix: StatusMatrix } };
  'data.dump': { args: { quarter: string; institution?: string }; result: DumpRow[] };
  'history.list': { args: { institution: string; quarter: string }; result: SubmissionInfo[] };
  'history.restore': { args: { submissionId: number }; result: SubmissionInfo };
  'batch.list': { args: { limit?: number }; result: BatchInfo[] };
  'batch.rollback': { args: { batchId: number }; result: BatchInfo };
}

/** The working calendar (holidays, 调休) and the reporting deadlines it gives; both editable by the analyst. */
export interface CalendarApi {
  'calendar.year': { args: { year: number }; result: CalendarYearInfo };
  /** Marks a day as a holiday or a working day (a correction to the notice), or (kind null) drops the correction. */
  'calendar.setDay': { args: { date: string; kind: 'holiday' | 'workday' | null; name?: string; reason: string }; result: CalendarYearInfo };
  'deadlines.list': { args: { year?: number; from?: string; to?: string }; result: DeadlineInfo[] };
  /** Sets a quarter's deadline by hand (with the reason), or (date null) returns it to the calendar's. */
  'deadlines.set': { args: { quarter: string; date: string | null; reason: string }; result: DeadlineInfo };
}

export interface BackupApi {
  'backup.create': { args: { reason?: string }; result: BackupInfo };
  'backup.list': { args: Record<string, never>; result: BackupListing };
  'backup.setKeep': { args: { keep: number }; result: BackupListing };
  /** Validates the file, backs up the current state, then replaces the database with the file. */
  'backup.restore': { args: { file: string }; result: RestoreResult };
}

/** 任务台账: the seeds' measures, their yearly status, notes, attachments and live figures. */
export interface LedgerApi {
  'ledger.list': { args: LedgerQuery; result: LedgerListing };
  /** Status and/or notes of a measure for a year (unit: a 镇街, for measures that name 各镇街). */
  'ledger.set': { args: { measure: string; year: number; unit?: string; status?: LedgerStatus; notes?: string }; result: LedgerRow };
  'ledger.attach': { args: { measure: string; year: number; unit?: string; name: string; note?: string }; result: LedgerRow };
  'ledger.detach': { args: { attachmentId: number }; result: LedgerRow };
  'ledger.export': { args: LedgerQuery & { out: string; format?: 'xlsx' | 'docx' }; result: { path: string; rows: number } };
}

/** Region facts (the denominators: 行政村 per 镇街, the 新型农业经营主体 roster) and coverage lists. */
export interface CoverageApi {
  'coverage.facts': { args: { region?: string }; result: RegionFact[] };
  'coverage.setFact': { args: { region?: string; unit?: string; fact: CoverageKind; value: number; asOf: string; source: string }; result: RegionFact };
  /** Coverage at a date (default today): per 镇街 and for the region, each village (entity) counted once. */
  'coverage.status': { args: { region?: string; kind: CoverageKind; date?: string }; result: CoverageStatus };
  'coverage.list': { args: { region?: string; kind: CoverageKind; unit?: string }; result: CoverageRecord[] };
  'coverage.add': { args: { region?: string; kind: CoverageKind; unit?: string; name: string; code?: string; institution?: string; asOf: string; source: string }; result: CoverageRecord };
  'coverage.remove': { args: { id: number }; result: { id: number } };
  /** Imports a list (.xlsx/.xls/.csv): 镇街, 名称 [, 代码, 机构, 日期]. */
  'coverage.import': { args: { region?: string; kind: CoverageKind; path: string; asOf?: string; source?: string }; result: { file: string; sheet: string; added: number; kept: number } };
}

/** LPR pricing: new lending by tenor against the LPR in force when it was lent; the LPR table. */
export interface PricingApi {
  /** A region's table at a quarter (default: the newest quarter with reports). */
  'pricing.table': { args: { region?: string; quarter?: string }; result: PricingTable };
  'pricing.export': { args: { region?: string; quarter?: string; out: string }; result: { path: string; quarter: string } };
  /** The LPR fixings month by month, with their sources and how far the table reaches. */
  'pricing.lpr': { args: Record<string, never>; result: LprListing };
  /** Adds the month after the table's last, as published (rates in percent: 3.00 = 3.00%), with its source; audited. */
  'pricing.lprAdd': { args: { month: string; date: string; oneYear: number; fiveYear: number; source: string }; result: LprListing };
  /** Removes the last month entered (to enter it again), with a reason; audited. */
  'pricing.lprRemove': { args: { month: string; reason: string }; result: LprListing };
}

export interface ChartsApi {
  'charts.list': { args: Record<string, never>; result: ChartInfo[] };
  'charts.option': { args: ChartOptionArgs; result: ChartOptionResult };
  'charts.export': { args: ChartExportArgs; result: ChartExportResult };
  /** The chart as a PNG at print resolution, for the clipboard (复制图片). */
  'charts.image': { args: ChartImageArgs; result: ChartImageResult };
  'charts.pack': { args: PackArgs; result: PackResult };
}

/** Any table of the window to a styled .xlsx (导出 Excel): the page sends the table it shows, every row. */
export interface TableExportApi {
  'table.export': { args: { sheet: TableSheetArgs; out: string }; result: { path: string; rows: number } };
}

/** The office table model (domain/present/officeTable.ts) as plain JSON: what a page sends to be written. */
export interface TableSheetArgs {
  name: string;
  title: string;
  period: string;
  unit: string;
  columns: { key: string; header: string; width: number; format?: CellFormat; decimals?: number; align?: 'left' | 'center' }[];
  rows: Record<string, string | number | boolean | null>[];
  notes?: string[];
  source: string;
  landscape?: boolean;
}

/** 导出 PDF: the PDF the window printed itself to (Chromium's printToPDF), written where the analyst chose. */
export interface PdfApi {
  /** data: the PDF's bytes in base64; checked to be a PDF, written to `out` (never the database or its backups). */
  'pdf.save': { args: { out: string; data: string }; result: PdfSaved };
}

export interface PdfSaved {
  path: string;
  bytes: number;
  /** Pages of the PDF (as its page tree counts them). */
  pages: number;
}

export interface ExplainApi {
  /** What a figure on screen is and every stored input it was computed from (数据来源). */
  'figure.explain': { args: FigureRef; result: Explanation };
  /** One bank's report for a quarter as imported (the current version, or the one asked for), with every version. */
  'report.view': { args: { institution: string; quarter: string; submissionId?: number }; result: ReportView };
  /** What changed, cell by cell, between two versions of the same report. */
  'report.diff': { args: { from: number; to: number }; result: ReportDiff };
}

/** 历史数据补录: past quarters from an analyst's own summary sheet, as 补录 submissions. */
export interface HistoryDataApi {
  /** Reads a long or wide history sheet; stores its values (or, dry run / unconfirmed wide layout, shows what it would store). */
  'historyData.import': { args: HistoryImportArgs; result: HistoryImportResult };
  /** The wide layouts confirmed so far, newest first. */
  'historyData.layouts': { args: Record<string, never>; result: HistoryLayoutInfo[] };
  /** Prior figures analysts entered for targets (「2021–2024 年已投放 X 万元，来源：…」). */
  'targets.priors': { args: Record<string, never>; result: TargetPrior[] };
  /** period: 2021-2024 for a cumulative target, the start quarter for a level target's path; amount in 万元; source required. */
  'targets.setPrior': { args: { target: string; period: string; amount: number; source: string }; result: TargetPrior };
  'targets.clearPrior': { args: { target: string }; result: { target: string } };
}

/** Every area's methods. An area joins here once its handlers exist. */
export type Api = RegistryApi & DataApi & TemplateApi & BackupApi & RuralAssessmentApi & ImportApi & ChartsApi & ExplainApi & CalendarApi & LedgerApi & CoverageApi & HistoryDataApi & DeskTextsApi & TableExportApi & PricingApi & PdfApi;
export type Method = keyof Api;
export type ArgsOf<M extends Method> = Api[M]['args'];
export type ResultOf<M extends Method> = Api[M]['result'];

/** What a running call may report and observe. */
export interface CallContext {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export type Handler<M extends Method> = (args: ArgsOf<M>, call: CallContext) => Promise<Result<ResultOf<M>>>;
export type HandlerTable = { [M in Method]: Handler<M> };

/** A file-type filter for the native dialogs, e.g. { name: 'Excel 报表', extensions: ['xlsx', 'xls'] }. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/**
 * Native dialogs, answered by the desktop shell's main process itself (not by
 * the service table); the browser test harness answers them with stubs.
 * A cancelled dialog gives [] or null, never an error.
 */
export interface ShellApi {
  'shell.chooseFiles': { args: { title?: string; filters?: FileFilter[]; multiple?: boolean }; result: string[] };
  'shell.chooseFolder': { args: { title?: string }; result: string | null };
  'shell.chooseSavePath': { args: { title?: string; defaultName: string; filters?: FileFilter[] }; result: string | null };
  /** Shows a file (e.g. one just exported) selected in the system file manager. */
  'shell.showInFolder': { args: { path: string }; result: boolean };
  /** 打印…: the page as it is laid out for print, to the system's print dialog (false: cancelled there). */
  'shell.print': { args: { landscape?: boolean }; result: boolean };
  /** 导出 PDF…: the page printed to a PDF (A4, the same options as 打印) and saved to `out`, a path a save dialog gave. */
  'shell.exportPdf': { args: { out: string; landscape?: boolean }; result: PdfSaved };
}
export type ShellMethod = keyof ShellApi;

/** Everything the renderer may call through the bridge: the service table plus the shell's dialogs. */
export type BridgeApi = Api & ShellApi;
export type BridgeMethod = keyof BridgeApi;
export type BridgeArgs<M extends BridgeMethod> = BridgeApi[M]['args'];
export type BridgeResult<M extends BridgeMethod> = BridgeApi[M]['result'];

/** What the native menu asks the window to do (文件 → 导入报表…/导入文件夹…/导出…/打印…/导出 PDF…, 帮助 → 使用说明). */
export type MenuCommand =
  | { command: 'import'; paths: string[] }
  | { command: 'export' }
  | { command: 'print' }
  | { command: 'pdf' }
  | { command: 'help' };

export interface CallOptions {
  /** Chosen by the caller (letters, digits, - and _, at most 64) so it can cancel the call later. */
  callId?: string;
}

/** The narrow bridge the preload exposes (window.rfm) and the harness imitates. */
export interface Bridge {
  call<M extends BridgeMethod>(
    method: M,
    args: BridgeArgs<M>,
    onProgress?: (p: Progress) => void,
    options?: CallOptions,
  ): Promise<Result<BridgeResult<M>>>;
  /** Asks a running call to stop; the call then resolves with E_CANCELLED (or its result, if it had already finished). */
  cancel(callId: string): void;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** The full path of a file dropped onto the window (sandboxed pages cannot see paths otherwise). */
  pathForFile(file: File): string;
}
