/**
 * The typed client for the services and the shell: the ONLY module that touches
 * window.rfm (set by the Electron preload, or by the browser test harness). Every
 * call resolves to a Result; a missing bridge is reported as a Chinese error, not a throw.
 */
import type { Bridge, BridgeArgs, BridgeMethod, BridgeResult, CallOptions, FileFilter, MenuCommand } from '../../api/contract';
import type { Progress } from '../../api/types';
import { errorOf, type Result } from '../../domain/result';

declare global {
  interface Window {
    rfm?: Bridge;
  }
}

function bridge(): Bridge | null {
  return typeof window !== 'undefined' && window.rfm ? window.rfm : null;
}

const settledListeners = new Set<(method: BridgeMethod) => Promise<void> | void>();

/**
 * Called after every call to the services has answered, whatever the method, and
 * awaited before the call resolves: the data revision store asks then whether the data
 * changed (stores/revision.ts). So no page has to say which of its calls write, and when
 * a call that changed the data resolves, every page already knows it is out of date.
 */
export function onCallSettled(listener: (method: BridgeMethod) => Promise<void> | void): () => void {
  settledListeners.add(listener);
  return () => settledListeners.delete(listener);
}

export async function call<M extends BridgeMethod>(
  method: M,
  args: BridgeArgs<M>,
  onProgress?: (p: Progress) => void,
  options?: CallOptions,
): Promise<Result<BridgeResult<M>>> {
  const b = bridge();
  if (!b) return errorOf('E_NO_BRIDGE', {});
  try {
    return await b.call(method, args, onProgress, options);
  } catch {
    // A transport failure (IPC closed, worker crashed) is still reported as a sentence; Electron's
    // own words for it are English and say nothing the analyst can act on.
    return errorOf('E_BRIDGE', {});
  } finally {
    await Promise.all([...settledListeners].map(async (listener) => listener(method))).catch(() => undefined);
  }
}

let callSeq = 0;
/** A fresh id for a call that may be cancelled. */
export function newCallId(): string {
  callSeq += 1;
  return `ui-${Date.now().toString(36)}-${callSeq}`;
}

export function cancel(callId: string): void {
  bridge()?.cancel(callId);
}

export function onMenu(listener: (command: MenuCommand) => void): () => void {
  return bridge()?.onMenu(listener) ?? (() => undefined);
}

/** The full path of a dropped file, or '' when the host cannot tell. */
export function pathForFile(file: File): string {
  try {
    return bridge()?.pathForFile(file) ?? '';
  } catch {
    return '';
  }
}

/** Every report format the importer reads (src/services/import/detect.ts): .ods too, or 选择文件… hides those reports. */
export const REPORT_FILTERS: FileFilter[] = [{ name: '报表文件（Excel、WPS、ODS、CSV）', extensions: ['xlsx', 'xls', 'et', 'ods', 'csv'] }];
/** A table of targets or the like, read by the same workbook reader as the reports. */
export const SHEET_FILTERS: FileFilter[] = [{ name: '表格文件（Excel、WPS、ODS、CSV）', extensions: ['xlsx', 'xls', 'et', 'ods', 'csv'] }];
