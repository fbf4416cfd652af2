/**
 * The messages that cross process boundaries in the desktop shell:
 * renderer ⇄ main over ONE invoke channel (plus one event channel back), and
 * main ⇄ utility process (the services) with numeric call ids.
 */
import type { MenuCommand } from '../../src/api/contract';
import type { Progress } from '../../src/api/types';
import type { AppError, Result } from '../../src/domain/result';

/** The only channel the renderer invokes (through the preload's bridge). */
export const CALL_CHANNEL = 'rfm:call';
/** The only channel main sends on: progress of running calls and menu commands. */
export const EVENT_CHANNEL = 'rfm:event';

export type RendererRequest =
  | { kind: 'call'; callId: string; method: string; args: unknown }
  | { kind: 'cancel'; callId: string }
  /** The preload reports the path of a file dropped onto the window (main then lets it be read). */
  | { kind: 'dropped'; callId: string; paths: string[] };

export type RendererEvent = { kind: 'progress'; callId: string; progress: Progress } | { kind: 'menu'; command: MenuCommand };

export type ToService = { type: 'call'; id: number; method: string; args: unknown } | { type: 'cancel'; id: number };

export type FromService =
  | { type: 'ready'; methods: string[] }
  | { type: 'failed'; error: AppError }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'result'; id: number; result: Result<unknown> };
