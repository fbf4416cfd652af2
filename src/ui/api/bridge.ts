/**
 * The typed client for the services: the ONLY module that touches window.rfm
 * (set by the Electron preload, or by the browser test harness). Every call
 * resolves to a Result; a missing bridge is reported as a Chinese error, not a throw.
 */
import type { ArgsOf, Bridge, Method, ResultOf } from '../../api/contract';
import type { Progress } from '../../api/types';
import { err, type Result } from '../../domain/result';

/** File dialogs the Electron shell may add to the bridge; absent in the browser harness. */
export interface ShellDialogs {
  openFiles?: (options: { title?: string; folder?: boolean; filters?: { name: string; extensions: string[] }[] }) => Promise<string[]>;
  saveFile?: (options: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }) => Promise<string | null>;
}

type WindowBridge = Bridge & { dialog?: ShellDialogs };

declare global {
  interface Window {
    rfm?: WindowBridge;
  }
}

function bridge(): WindowBridge | null {
  return typeof window !== 'undefined' && window.rfm ? window.rfm : null;
}

export async function call<M extends Method>(method: M, args: ArgsOf<M>, onProgress?: (p: Progress) => void): Promise<Result<ResultOf<M>>> {
  const b = bridge();
  if (!b) return err('E_NO_BRIDGE', '界面未连接到数据服务：请从桌面程序启动本界面。');
  try {
    return await b.call(method, args, onProgress);
  } catch (e) {
    // A transport failure (IPC closed, worker crashed) is still reported as a sentence.
    const msg = e instanceof Error ? e.message : String(e);
    return err('E_BRIDGE', `与数据服务的连接中断：${msg}。请重新打开程序后重试。`);
  }
}

/** Whether native file dialogs are available (Electron) or paths are typed (browser harness). */
export function hasFileDialogs(): boolean {
  return Boolean(bridge()?.dialog?.openFiles);
}

export async function chooseFiles(folder: boolean): Promise<string[]> {
  const open = bridge()?.dialog?.openFiles;
  if (!open) return [];
  return open({
    title: folder ? '选择报表文件夹' : '选择报表文件',
    folder,
    filters: [{ name: '报表文件', extensions: ['xlsx', 'xls', 'csv', 'et'] }],
  });
}

export async function chooseSavePath(defaultPath: string, extensions: string[]): Promise<string | null> {
  const save = bridge()?.dialog?.saveFile;
  if (!save) return null;
  return save({ title: '保存到', defaultPath, filters: [{ name: extensions.join('/').toUpperCase(), extensions }] });
}

export const api = { call, hasFileDialogs, chooseFiles, chooseSavePath };
