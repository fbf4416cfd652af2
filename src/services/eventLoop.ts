/**
 * Lets the event loop run once before the next step of a long synchronous job.
 *
 * A job that draws charts or writes files one after another without awaiting anything keeps
 * the process busy until it ends: the progress it reports is queued, not sent, so the window
 * jumps from nothing to 已生成; a 取消 cannot arrive, so `signal.throwIfAborted()` never fires;
 * in Electron the whole main process (menus, dialogs) hangs meanwhile. One turn per step costs
 * well under a millisecond against steps that take tens of milliseconds.
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
