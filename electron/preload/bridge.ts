/** The bridge object itself, built over ipcRenderer (a fake in tests). */
import type { Bridge, BridgeMethod, BridgeResult, MenuCommand } from '../../src/api/contract';
import type { Progress } from '../../src/api/types';
import type { Result } from '../../src/domain/result';
import { CALL_CHANNEL, EVENT_CHANNEL, type RendererEvent, type RendererRequest } from '../shared/messages';

export interface IpcRendererLike {
  invoke(channel: string, request: RendererRequest): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: RendererEvent) => void): unknown;
}
export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

export function createBridge(ipc: IpcRendererLike, webUtils: WebUtilsLike): Bridge {
  const progressListeners = new Map<string, (p: Progress) => void>();
  const menuListeners = new Set<(c: MenuCommand) => void>();
  let counter = 0;

  ipc.on(EVENT_CHANNEL, (_event, message) => {
    if (message.kind === 'progress') progressListeners.get(message.callId)?.(message.progress);
    else for (const listener of menuListeners) listener(message.command);
  });

  return {
    call<M extends BridgeMethod>(method: M, args: unknown, onProgress?: (p: Progress) => void, options?: { callId?: string }) {
      const callId = options?.callId ?? `auto-${(++counter).toString(36)}`;
      if (onProgress) progressListeners.set(callId, onProgress);
      return (ipc.invoke(CALL_CHANNEL, { kind: 'call', callId, method, args }) as Promise<Result<BridgeResult<M>>>).finally(() => {
        progressListeners.delete(callId);
      });
    },
    cancel(callId: string) {
      void ipc.invoke(CALL_CHANNEL, { kind: 'cancel', callId });
    },
    onMenu(listener: (c: MenuCommand) => void) {
      menuListeners.add(listener);
      return () => {
        menuListeners.delete(listener);
      };
    },
    pathForFile(file: File) {
      const path = webUtils.getPathForFile(file);
      // Main relays to the services only paths the user chose: a dropped file is one (a File
      // the page built itself has no path, so a script cannot fake a drop this way).
      if (path) void ipc.invoke(CALL_CHANNEL, { kind: 'dropped', callId: `drop-${(++counter).toString(36)}`, paths: [path] });
      return path;
    },
  };
}
