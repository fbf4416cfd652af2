/**
 * The one clock. Every "now" and "today" of the program comes from here, so
 * that tests (and a user's old data) never depend on the day they run.
 *
 * - Services call now()/today(); tests call setClock() or set RFM_NOW
 *   (an ISO moment, e.g. 2026-01-06T10:00:00+08:00) for child processes.
 * - The window asks the services for today (app.info), never its own Date.
 *
 * "Today" is the calendar date on this computer's clock in its own time zone
 * (Asia/Shanghai on the users' PCs), which is the date an analyst writes on a form.
 */
import type { CalendarDate } from './quarter';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one moment (tests, the RFM_NOW variable). */
export function fixedClock(at: Date | string): Clock {
  const t = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a moment: ${String(at)}`);
  return { now: () => new Date(t.getTime()) };
}

function fromEnvironment(): Clock {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const fixed = g.process?.env?.['RFM_NOW'];
  return fixed ? fixedClock(fixed) : systemClock;
}

let current: Clock = fromEnvironment();

/** Replaces the clock (tests); returns the previous one so it can be put back. */
export function setClock(clock: Clock): Clock {
  const before = current;
  current = clock;
  return before;
}

export function now(): Date {
  return current.now();
}

/** The current moment as the ISO text the store keeps (UTC). */
export function nowIso(): string {
  return now().toISOString();
}

/** Today on this computer's calendar. */
export function today(): CalendarDate {
  const d = now();
  return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
}
