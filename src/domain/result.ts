/**
 * The one error model: services throw AppFailure inside (fail(), failure()); the handler
 * boundary (src/services/api/wrap.ts) turns every throw into a Result, which crosses the
 * API (IPC, CLI, browser harness) unchanged. Codes and their Chinese templates are one
 * list: src/domain/errors.ts.
 */
import { errorMessage, type ErrorCode, type MessageParams, type ParamsArg } from './errors';

/** Where in a file a problem was found. All parts optional: a registry error has none. */
export interface Location {
  file?: string;
  sheet?: string;
  cell?: string;
  submissionId?: number;
}

export interface AppError {
  /** Stable machine code, e.g. `E_VALUE_NOT_NUMBER`. */
  code: string;
  /** One Chinese sentence saying what is wrong and what to do. */
  message: string;
  where?: Location;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * Thrown inside services and turned back into a Result at the handler boundary. Its words come
 * from the list (failure(), fail()) or from an error that already exists (AppFailure.of): the
 * constructor is private, so no caller can hand it a sentence of its own.
 */
export class AppFailure extends Error {
  readonly appError: AppError;

  private constructor(appError: AppError) {
    super(appError.message);
    this.name = 'AppFailure';
    this.appError = appError;
  }

  /** Raises again an error that already crossed a boundary (a Result, a worker's message), with its own code and words. */
  static of(e: AppError): AppFailure {
    return new AppFailure(e.where ? { code: e.code, message: e.message, where: { ...e.where } } : { code: e.code, message: e.message });
  }
}

/** The AppError a listed code describes, its template filled in (for code that hands errors on as data: issues, IPC replies). */
export function appErrorOf<C extends ErrorCode>(code: C, params: MessageParams<C>, where?: Location): AppError {
  const message = errorMessage(code, ...([params] as unknown as ParamsArg<C>));
  return where ? { code, message, where } : { code, message };
}

/** The failure a listed code describes, its template filled in: failure('E_BATCH_UNKNOWN', { id: 7 }). */
export function failure<C extends ErrorCode>(code: C, params: MessageParams<C>, where?: Location): AppFailure {
  return AppFailure.of(appErrorOf(code, params, where));
}

/** Throws the failure a listed code describes: fail('E_BATCH_UNKNOWN', { id: 7 }) (usable where an expression is, `?? fail(…)`). */
export function fail<C extends ErrorCode>(code: C, params: MessageParams<C>, where?: Location): never {
  throw failure(code, params, where);
}

/** The same as a Result (for code that returns rather than throws). */
export function errorOf<C extends ErrorCode>(code: C, params: MessageParams<C>, where?: Location): Result<never> {
  return { ok: false, error: appErrorOf(code, params, where) };
}

/** Formats a location the way users read it: 文件「a.xlsx」工作表「封面」单元格 C5. */
export function describeLocation(where: Location | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(`文件「${where.file}」`);
  if (where.sheet) parts.push(`工作表「${where.sheet}」`);
  if (where.cell) parts.push(`单元格 ${where.cell}`);
  return parts.join('');
}

export function formatError(e: AppError): string {
  const loc = describeLocation(e.where);
  return loc ? `${loc}：${e.message}` : e.message;
}
