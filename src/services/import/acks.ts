/**
 * The analyst's decisions on warnings that need one (IssueRef.ack): a 'confirm' warning is
 * accepted by ticking it, an 'explain' one only with a written 说明. A file whose such
 * warnings are not all decided is held: checked, not committed. Whoever raises the warning
 * (a cover check here, a 提示-level check rule elsewhere) only sets `ack`; matching the
 * decisions to the file and recording them is done here, once, for every kind.
 */
import { basename } from 'node:path';
import type { FileAck, IssueRef, WarningDecision } from '../../api/types';
import { issueKey } from '../../domain/import/issueKey';
import { fail } from '../../domain/result';

/** A 说明 is a sentence or a paragraph, not a document. */
export const MAX_ACK_TEXT = 2000;
/** What a warning confirmed by confirmAll (the CLI's --confirm) is stored with. */
export const CONFIRM_ALL_TEXT = '已确认（导入时一并确认）';
/** The key of the decisions that apply to any file of one call. */
export const ANY_FILE = '*';

/** Refuses decisions that are not texts, or too long, before anything is read or written. */
export function validateAcks(acks: unknown): asserts acks is Record<string, FileAck> | undefined {
  if (acks === undefined) return;
  if (!acks || typeof acks !== 'object' || Array.isArray(acks)) fail('E_ACK_INVALID', {});
  for (const [file, ack] of Object.entries(acks)) {
    if (!ack || typeof ack !== 'object' || Array.isArray(ack)) fail('E_ACK_FILE_INVALID', { file });
    for (const [key, text] of Object.entries(ack as Record<string, unknown>)) {
      if (typeof text !== 'string') fail('E_ACK_TEXT', { key });
      if (text.length > MAX_ACK_TEXT) fail('E_ACK_TOO_LONG', { key, length: text.length, max: MAX_ACK_TEXT });
    }
  }
}

/** The decisions for one file: those for any file, overridden by those keyed by its SHA-256, path or name. */
export function acksFor(acks: Record<string, FileAck> | undefined, file: { sha256: string; given: string; path: string }): FileAck {
  if (!acks) return {};
  const out: FileAck = {};
  for (const k of [ANY_FILE, basename(file.path), file.given, file.path, file.sha256]) {
    const a = Object.hasOwn(acks, k) ? acks[k] : undefined;
    if (a) for (const [key, text] of Object.entries(a)) out[key] = text;
  }
  return out;
}

export interface Decided {
  decisions: WarningDecision[];
  /** issueKey() of each warning that still needs a decision. */
  undecided: string[];
}

/**
 * Matches the decisions to the warnings that need one. A 'confirm' warning takes any
 * non-empty text (or confirmAll); an 'explain' one needs its own non-empty 说明.
 */
export function decideWarnings(warnings: readonly IssueRef[], ack: FileAck, opts: { confirmAll: boolean; by: string; at: string }): Decided {
  const out: Decided = { decisions: [], undecided: [] };
  const seen = new Set<string>();
  for (const w of warnings) {
    if (!w.ack) continue;
    const key = issueKey(w);
    if (seen.has(key)) continue;
    seen.add(key);
    const given = Object.hasOwn(ack, key) ? (ack[key] ?? '').trim() : '';
    const text = given || (w.ack === 'confirm' && opts.confirmAll ? CONFIRM_ALL_TEXT : '');
    if (!text) {
      out.undecided.push(key);
      continue;
    }
    out.decisions.push({ key, ack: w.ack, code: w.code, rule: w.rule ?? null, sheet: w.sheet, cell: w.cell, message: w.message, text, by: opts.by, at: opts.at });
  }
  return out;
}
