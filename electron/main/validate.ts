/**
 * Validation of everything the renderer sends before it is relayed: the
 * envelope, the call id, the method name (one the shell or the service table
 * knows) and the arguments (a plain JSON object of bounded size and depth).
 */
import { appErrorOf, type AppError } from '../../src/domain/result';
import type { RendererRequest } from '../shared/messages';

export const MAX_ARGS_BYTES = 512 * 1024;
export const MAX_ARGS_DEPTH = 16;
const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const METHOD_NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);


function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Why a value is not plain JSON (null when it is). Dates, Maps, typed arrays, functions… are refused. */
function jsonProblem(v: unknown, depth: number): string | null {
  if (depth > MAX_ARGS_DEPTH) return `嵌套超过 ${MAX_ARGS_DEPTH} 层`;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : '含有非有限数字';
  if (Array.isArray(v)) {
    for (const item of v) {
      const p = jsonProblem(item, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (isPlainObject(v)) {
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return `含有不允许的键「${key}」`;
      const p = jsonProblem(v[key], depth + 1);
      if (p) return p;
    }
    return null;
  }
  return `含有不是 JSON 数据的值（${typeof v === 'object' ? Object.prototype.toString.call(v) : typeof v}）`;
}

/** Checks the arguments of a call; null when they may be relayed. */
export function argsProblem(method: string, args: unknown): AppError | null {
  if (!isPlainObject(args)) return appErrorOf('E_IPC_INVALID', { method, problem: '参数必须是一个对象' });
  const p = jsonProblem(args, 0);
  if (p) return appErrorOf('E_IPC_INVALID', { method, problem: `参数${p}` });
  const size = Buffer.byteLength(JSON.stringify(args), 'utf8');
  if (size > MAX_ARGS_BYTES) return appErrorOf('E_IPC_INVALID', { method, problem: `参数过大（${size} 字节，上限 ${MAX_ARGS_BYTES}）` });
  return null;
}

export function methodProblem(method: unknown, known: ReadonlySet<string>): AppError | null {
  if (typeof method !== 'string' || method.length > 64 || !METHOD_NAME.test(method)) {
    return appErrorOf('E_IPC_REQUEST', { what: '操作名称' });
  }
  if (!known.has(method)) return appErrorOf('E_IPC_METHOD', { method });
  return null;
}

export type ParsedRequest = { ok: true; request: RendererRequest } | { ok: false; error: AppError };

/** Checks the envelope and the call id; the method and args are checked against the known methods later. */
export function parseRequest(raw: unknown): ParsedRequest {
  if (!isPlainObject(raw)) return { ok: false, error: appErrorOf('E_IPC_REQUEST', { what: '收到的请求格式' }) };
  const { kind, callId } = raw;
  if (typeof callId !== 'string' || !CALL_ID.test(callId)) return { ok: false, error: appErrorOf('E_IPC_REQUEST', { what: '请求编号' }) };
  if (kind === 'cancel') return { ok: true, request: { kind, callId } };
  if (kind === 'dropped') {
    const paths = raw['paths'];
    if (!Array.isArray(paths) || paths.length > 1000 || !paths.every((p): p is string => typeof p === 'string' && p.length <= 4096)) {
      return { ok: false, error: appErrorOf('E_IPC_REQUEST', { what: '拖放的文件路径' }) };
    }
    return { ok: true, request: { kind, callId, paths } };
  }
  if (kind === 'call') return { ok: true, request: { kind, callId, method: typeof raw['method'] === 'string' ? raw['method'] : '', args: raw['args'] } };
  return { ok: false, error: appErrorOf('E_IPC_REQUEST', { what: '收到的请求格式' }) };
}
