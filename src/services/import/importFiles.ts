/**
 * The batch import: files and folders in, each file accepted or rejected on
 * its own. Files are read and parsed ahead in the worker pool; checks and
 * commits run strictly in order, one transaction per file, so a crash or a
 * cancel leaves only whole files in the store. A dry run parses and checks
 * everything and writes nothing.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { DB } from '../db/database';
import type { CallContext } from '../../api/contract';
import type { FileAck, FileImportResult, ImportSummary, IssueRef, ReceivedBasis } from '../../api/types';
import { AppFailure, appErrorOf, fail } from '../../domain/result';
import { errorMessage } from '../../domain/errors';
import { storageFailure } from '../db/storageErrors';
import { dayNumber, formatDate, isLate, quarterId, type CalendarDate } from '../../domain/quarter';
import type { WorkbookSnapshot } from '../../domain/import/workbook';
import { detectFormat, type DetectedFormat } from './detect';
import { ParsePool, type ParsePoolOptions } from './parsePool';
import type { CheckedFiles } from './checked';
import { packSnapshot, unpackSnapshot } from './packed';
import { ReadCache, readReport } from './readReport';
import { PendingCommits } from './pending';
import { createBatch } from './batches';
import { commitSubmission, nextVersion, recordHeld, recordRejection, sameBytesIssue, storedWithSha } from './submissions';
import { fileNameWarnings, InstitutionNames } from './coverChecks';
import { acksFor, decideWarnings, validateAcks } from './acks';
import { localToday, parseReceivedDate } from './received';
import { storedDeadline } from '../calendar/deadlines';
import { nextTurn } from '../eventLoop';
import { closedQuarterWarning, veryLateWarning } from './arrivalChecks';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';
import { readFailure, readRegularFile } from '../files/inputs';
import { keepRejectedFile } from '../returns/problems';

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Extensions picked up when walking a folder; files named explicitly are always tried (format by bytes). */
const FOLDER_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv']);

export interface ImportRequest {
  paths: string[];
  dryRun?: boolean;
  receivedDate?: string;
  receivedDates?: Record<string, string>;
  note?: string;
  maxFileBytes?: number;
  /** Decisions on 'confirm'/'explain' warnings, per file (see import.files in the contract). */
  acks?: Record<string, FileAck>;
  confirmAll?: boolean;
  mode?: 'regular' | 'backfill';
  receivedFromModified?: boolean;
}

export interface ImportOptions {
  /** Parses kept from a check for the commit that follows (the services context's); absent: every file is parsed. */
  checked?: CheckedFiles;
  /** A pool to reuse across imports (left open), or options for one made for this import. */
  pool?: ParsePool | ParsePoolOptions;
  jumpThreshold?: number;
  actor?: string;
}

interface Candidate {
  given: string;
  path: string;
  missing: boolean;
}

/** Expands folders (recursively, in name order), skipping Office lock files (~$) and hidden files. */
export async function expandPaths(paths: string[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (given: string, path: string, missing: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ given, path, missing });
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('~$') || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && FOLDER_EXTENSIONS.has(extname(e.name).toLowerCase())) add(p, p, false);
    }
  };
  for (const given of paths) {
    const p = resolve(given);
    const st = await stat(p).catch(() => null);
    if (!st) add(given, p, true);
    else if (st.isDirectory()) await walk(p);
    else add(given, p, false);
  }
  return out;
}

type Prepared =
  | { ok: true; bytes: number; sha256: string; detected: DetectedFormat; snapshot: WorkbookSnapshot; reused: boolean }
  | { ok: false; error: IssueRef; sha256: string | null };

/** Where a run keeps and finds checked parses (see checked.ts): a dry run keeps, a commit reuses. */
interface Kept {
  files: CheckedFiles;
  keep: boolean;
  /** The keys this run read or kept. */
  touched: Set<string>;
}

function asIssue(e: unknown, file: string): IssueRef {
  if (e instanceof AppFailure) return { sheet: e.appError.where?.sheet ?? null, cell: e.appError.where?.cell ?? null, code: e.appError.code, message: e.appError.message };
  return asIssue(readFailure(e, file), file);
}

async function prepare(c: Candidate, pool: ParsePool, maxBytes: number, kept: Kept | null): Promise<Prepared> {
  const file = basename(c.path);
  if (c.missing) return { ok: false, sha256: null, error: { sheet: null, cell: null, ...appErrorOf('E_FILE_NOT_FOUND', { path: c.given }) } };
  let sha256: string | null = null;
  try {
    // Read synchronously: a report is tens of KB and the cap bounds the worst case, while
    // each asynchronous stat/read costs a thread-pool round trip that, on a two-core office
    // PC, takes CPU from the parse workers (~0.15 s over five years of reports). The cap is
    // checked before a byte is read, and a FIFO, device or socket is refused unopened.
    const read = readRegularFile(c.path, { maxBytes, usualSize: '（季度报表通常不足 1 MB）' });
    // A view of the bytes read, not a copy (the pool posts a copy of its own to the worker).
    const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    // The same bytes as when they were checked: their parse is kept, only what reads the database runs again.
    const hit = kept?.files.get(sha256, bytes.length);
    if (hit) {
      kept?.touched.add(`${sha256}:${bytes.length}`);
      return { ok: true, bytes: bytes.length, sha256, detected: hit.detected, snapshot: unpackSnapshot(hit.packed), reused: true };
    }
    const detected = detectFormat(bytes, file);
    const { snapshot, packed } = await pool.parse({ bytes, format: detected.format, encoding: detected.encoding, file });
    if (kept?.keep) {
      // Kept packed (checked.ts): the bytes a worker sent, or packed here after an in-process parse.
      const key = kept.files.put(sha256, bytes.length, packed ?? packSnapshot(snapshot), detected);
      if (key) kept.touched.add(key);
    }
    return { ok: true, bytes: bytes.length, sha256, detected, snapshot, reused: false };
  } catch (e) {
    return { ok: false, sha256, error: asIssue(e, file) };
  }
}

function emptyResult(c: Candidate, req: ImportRequest): FileImportResult {
  return {
    file: basename(c.path),
    path: c.path,
    status: 'rejected',
    institution: null,
    institutionName: null,
    quarter: null,
    submissionId: null,
    version: null,
    late: null,
    deadline: null,
    kind: req.mode === 'backfill' ? 'backfill' : 'regular',
    receivedDate: null,
    receivedBasis: null,
    modifiedDate: null,
    sha256: null,
    format: null,
    valueCount: 0,
    errors: [],
    warnings: [],
    notes: [],
    undecided: [],
    decisions: [],
  };
}

/** A file's arrival date, where it came from, and the file's modified date (offered, used only when asked). */
interface Arrival {
  date: CalendarDate;
  basis: ReceivedBasis;
  modified: CalendarDate | null;
  /** The modified date lay after today (a PC clock set wrong): today was taken instead. */
  clamped: boolean;
}

/** A moment on this computer's calendar: the local date of a file's modified time (file metadata, not the clock). */
function localDateOf(ms: number): CalendarDate {
  const d = new Date(ms);
  return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
}

function arrivalFor(req: ImportRequest, c: Candidate, batch: { date: CalendarDate; basis: ReceivedBasis }, today: CalendarDate): Arrival {
  const st = c.missing ? undefined : statSync(c.path, { throwIfNoEntry: false });
  const modified = st ? localDateOf(st.mtimeMs) : null;
  const m = req.receivedDates;
  const given = m ? (m[c.given] ?? m[c.path] ?? m[basename(c.path)]) : undefined;
  if (given) return { date: parseReceivedDate(given, `文件「${basename(c.path)}」的收到日期`), basis: 'file', modified, clamped: false };
  if (req.receivedFromModified && modified) {
    const clamped = dayNumber(modified) > dayNumber(today);
    return { date: clamped ? today : modified, basis: 'mtime', modified, clamped };
  }
  return { ...batch, modified, clamped: false };
}

export async function importFiles(db: DB, req: ImportRequest, call: CallContext = {}, opts: ImportOptions = {}): Promise<ImportSummary> {
  const dryRun = req.dryRun === true;
  const maxBytes = req.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const today = localToday();
  const batch = req.receivedDate ? { date: parseReceivedDate(req.receivedDate), basis: 'batch' as const } : { date: today, basis: 'today' as const };
  validateAcks(req.acks);
  if (req.mode !== undefined && req.mode !== 'regular' && req.mode !== 'backfill') fail('E_IMPORT_MODE', { mode: String(req.mode) });
  const found = await expandPaths(req.paths);
  // Validate every per-file date before anything is written.
  const dated = found.map((c, i) => ({ c, i, when: arrivalFor(req, c, batch, today) }));
  // With per-file arrival dates, files are taken in the order they arrived, so a later correction (更正) supersedes.
  if (req.receivedDates || req.receivedFromModified) dated.sort((a, b) => dayNumber(a.when.date) - dayNumber(b.when.date) || a.i - b.i);
  const candidates = dated.map((d) => d.c);
  const received = dated.map((d) => d.when);
  const summary: ImportSummary = { batchId: null, dryRun, accepted: 0, rejected: 0, held: 0, reused: 0, files: [] };
  if (candidates.length === 0) return summary;
  const actor = opts.actor ?? localUser(db);
  const batchId = dryRun ? null : createBatch(db, req.note ?? null, actor);
  summary.batchId = batchId;

  const total = candidates.length;
  const kept: Kept | null = opts.checked ? { files: opts.checked, keep: dryRun, touched: new Set() } : null;
  const ownPool = !(opts.pool instanceof ParsePool);
  const pool = opts.pool instanceof ParsePool ? opts.pool : new ParsePool(opts.pool);
  const ahead = Math.max(1, pool.capacity);
  // Parsing runs ahead of the ordered check-and-commit loop by what the pool can hold.
  const jobs = new Map<number, Promise<Prepared>>();
  let scheduled = 0;
  const scheduleUpTo = (last: number): void => {
    for (; scheduled <= Math.min(last, total - 1); scheduled++) {
      const c = candidates[scheduled];
      if (c) jobs.set(scheduled, prepare(c, pool, maxBytes, kept));
    }
  };
  const seenSha = new Map<string, string>();
  // A check reads the batch's earlier files as history, as the commit will have stored them.
  const pending = dryRun ? new PendingCommits() : null;
  const cache = new ReadCache(db, pending ?? undefined);
  const names = new InstitutionNames(db);
  try {
    // Set when the store itself fails (disk full, write-protected, locked): the files
    // committed so far stay, the rest are listed as not imported, and the summary is kept.
    let stopped: IssueRef | null = null;
    for (let i = 0; i < total; i++) {
      const c = candidates[i];
      const when = received[i];
      if (!c || !when) continue;
      const result = emptyResult(c, req);
      result.receivedDate = formatDate(when.date);
      result.receivedBasis = when.basis;
      result.modifiedDate = when.modified ? formatDate(when.modified) : null;
      if (when.basis === 'mtime') {
        result.notes.push({
          sheet: null,
          cell: null,
          ...(when.clamped
            ? { code: 'N_RECEIVED_MTIME_CLAMPED', message: errorMessage('N_RECEIVED_MTIME_CLAMPED', { modified: result.modifiedDate ?? '', date: result.receivedDate }) }
            : { code: 'N_RECEIVED_MTIME', message: errorMessage('N_RECEIVED_MTIME', { date: result.receivedDate }) }),
        });
      }
      if (stopped) {
        result.errors.push({ ...stopped, message: `${stopped.message}本文件未导入。` });
        summary.files.push(result);
        summary.rejected++;
        continue;
      }
      if (call.signal?.aborted) {
        result.errors.push({ sheet: null, cell: null, ...appErrorOf('E_CANCELLED', { what: '导入', left: '本文件未导入' }) });
        summary.files.push(result);
        summary.rejected++;
        continue;
      }
      call.onProgress?.({ stage: dryRun ? '检查' : '导入', done: i, total, file: result.file });
      scheduleUpTo(i + ahead);
      const prep = await (jobs.get(i) ?? prepare(c, pool, maxBytes, kept));
      if (prep.ok && prep.reused) {
        summary.reused++;
        // A kept parse needs no worker's reply, so nothing else would let the event loop run
        // until the whole commit is done: a 取消 could not arrive, and V8 could not finish
        // collecting the unpacked workbooks (the heap doubled over a 10× commit).
        await nextTurn();
      }
      jobs.delete(i);
      result.sha256 = prep.sha256;
      if (!prep.ok) result.errors.push(prep.error);
      else {
        result.format = prep.detected.format;
        const dup = seenSha.get(prep.sha256);
        if (dup) {
          result.errors.push({ sheet: null, cell: null, ...appErrorOf('E_DUPLICATE_IN_BATCH', { file: result.file, other: dup }) });
        } else {
          seenSha.set(prep.sha256, result.file);
          try {
            checkAndCommit(db, { req, c, result, prep, when, batchId, dryRun, actor, cache, pending, names, jumpThreshold: opts.jumpThreshold });
          } catch (e) {
            const failure = storageFailure(e);
            if (!failure) throw e;
            stopped = { sheet: null, cell: null, code: failure.code, message: failure.message };
            result.errors.push({ ...stopped, message: `文件「${result.file}」未能写入数据库（本文件的改动已全部撤回）：${failure.message}` });
          }
        }
      }
      if (result.errors.length > 0) {
        result.status = 'rejected';
        result.submissionId = null;
        summary.rejected++;
        if (batchId !== null && !stopped) {
          recordRejection(db, batchId, result.path, result.errors, actor);
          // What a 退回通知 for this file must quote (services/returns): the file is not kept.
          keepRejectedFile(db, batchId, result, prep.ok ? prep.snapshot : null, actor);
        }
      } else if (result.undecided.length > 0) {
        // Checked and sound, but a warning awaits the analyst's decision: not committed.
        result.status = 'held';
        result.submissionId = null;
        summary.held++;
        if (batchId !== null) recordHeld(db, batchId, result.path, result.undecided, actor);
      } else {
        result.status = 'accepted';
        summary.accepted++;
      }
      summary.files.push(result);
    }
  } finally {
    if (ownPool) await pool.close();
    // A check keeps only its own files; a commit frees them all (its files are in the store now).
    if (kept?.keep) kept.files.retainOnly(kept.touched);
    else kept?.files.clear();
  }
  if (pool.fallbackReason) {
    for (const f of summary.files) f.notes.push({ sheet: null, cell: null, ...appErrorOf('N_IN_PROCESS', {}) });
  }
  call.onProgress?.({ stage: dryRun ? '检查' : '导入', done: total, total });
  return summary;
}

interface CommitInput {
  req: ImportRequest;
  c: Candidate;
  result: FileImportResult;
  prep: Extract<Prepared, { ok: true }>;
  when: Arrival;
  batchId: number | null;
  dryRun: boolean;
  actor: string;
  cache: ReadCache;
  /** A check's record of what its commit will have stored before this file (pending.ts); null in a commit. */
  pending: PendingCommits | null;
  names: InstitutionNames;
  jumpThreshold: number | undefined;
}

function checkAndCommit(db: DB, x: CommitInput): void {
  const { result, prep } = x;
  const report = readReport(
    { db, file: result.file, format: prep.detected.format, received: x.when.date, cache: x.cache, ...(x.jumpThreshold !== undefined ? { jumpThreshold: x.jumpThreshold } : {}) },
    prep.snapshot,
  );
  result.errors.push(...report.errors);
  result.warnings.push(...report.warnings);
  result.notes.push(...report.notes);
  result.institution = report.institution?.code ?? null;
  result.institutionName = report.institution?.name ?? null;
  result.quarter = report.quarter ? quarterId(report.quarter) : null;
  result.valueCount = report.values.length;
  if (result.errors.length > 0 || !report.institution || !report.quarter || !report.templateVersion) return;
  const inst = report.institution;
  const quarter = quarterId(report.quarter);
  const same = storedWithSha(db, prep.sha256);
  if (same) {
    result.errors.push(sameBytesIssue(result.file, same));
    return;
  }
  const next = x.pending?.nextVersion(inst.code, quarter) ?? nextVersion(db, inst.code, quarter);
  result.version = next.version;
  // Replacing history loaded from an analyst's summary sheet is the real report arriving, not a 重报.
  const replacesReport = next.currentOrigin === 'report';
  if (next.currentOrigin !== null && !replacesReport) {
    result.notes.push({ sheet: null, cell: null, code: 'N_REPLACES_HISTORY', message: errorMessage('N_REPLACES_HISTORY') });
  }
  result.warnings.push(
    ...fileNameWarnings({
      file: result.file,
      report,
      institution: inst,
      quarter: report.quarter,
      cache: x.cache,
      names: x.names,
      replaces: replacesReport ? { version: next.version - 1 } : null,
    }),
  );
  const backfill = result.kind === 'backfill';
  const deadline = storedDeadline(db, quarter);
  result.deadline = deadline ? formatDate(deadline) : null;
  // A 补录 is neither on time nor late.
  result.late = backfill ? null : deadline ? isLate(x.when.date, deadline) : false;
  const veryLate = !backfill && deadline ? veryLateWarning(report.quarter, x.when.date, deadline) : null;
  if (veryLate) result.warnings.push(veryLate);
  const closed =
    replacesReport ? closedQuarterWarning(db, { institution: inst, quarter: report.quarter, received: x.when.date, replaces: next.version - 1, backfill }) : null;
  if (closed) result.warnings.push(closed);
  const decided = decideWarnings(result.warnings, acksFor(x.req.acks, { sha256: prep.sha256, given: x.c.given, path: x.c.path }), {
    confirmAll: x.req.confirmAll === true,
    by: x.actor,
    at: nowIso(),
  });
  result.decisions = decided.decisions;
  result.undecided = decided.undecided;
  // Not refused: the commit stores it (a held one with the decisions made on this check).
  x.pending?.add(inst.code, quarter, next.version, report.values);
  if (decided.undecided.length > 0 || x.dryRun || x.batchId === null) return;
  const committed = commitSubmission(
    db,
    {
      batchId: x.batchId,
      institution: inst.code,
      quarter,
      fileName: result.file,
      sha256: prep.sha256,
      size: prep.bytes,
      format: prep.detected.format,
      templateVersion: report.templateVersion,
      receivedAt: nowIso(),
      receivedDate: formatDate(x.when.date),
      receivedSource: x.when.basis === 'today' ? 'import' : 'analyst',
      receivedBasis: x.when.basis,
      kind: result.kind,
      late: result.late === true,
      values: report.values,
      warnings: result.warnings,
      notes: result.notes,
      decisions: result.decisions,
    },
    x.actor,
  );
  result.submissionId = committed.id;
  result.version = committed.version;
}
