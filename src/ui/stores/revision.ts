/**
 * The data revision as the window knows it, and today by the services' clock.
 *
 * The services move the revision whenever what a page shows may have changed — a
 * change made here, by the CLI or by another program on the same database (see
 * src/services/api/revision.ts). The window asks after every call it makes, before
 * that call resolves (so its own changes are known the moment they are made), and
 * every few seconds (for other programs'); pages loaded through usePageData reload
 * when the revision they were loaded at is no longer the current one.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call, onCallSettled } from '../api/bridge';

/** How often the window asks, for changes made by another program (a CLI import). */
const POLL_MS = 2000;

export const useRevisionStore = defineStore('revision', () => {
  /** `${session}:${revision}`; '' until the services first answered. Compared for equality only. */
  const token = ref('');
  /** YYYY-MM-DD by the services' clock; '' until they first answered. */
  const today = ref('');

  let running: Promise<void> | null = null;
  let again = false;

  /** Asks the services for the revision (calls that overlap share one question, asked again after). */
  function check(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const r = await call('data.revision', {});
        if (r.ok) {
          token.value = `${r.value.session}:${r.value.revision}`;
          today.value = r.value.today;
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  let poll: ReturnType<typeof setInterval> | null = null;
  let stopSettled: (() => void) | null = null;
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') void check();
  };

  /** Starts watching (App.vue, once): after every call, every POLL_MS while the window is visible, and on showing it again. */
  function start(): void {
    if (poll) return;
    stopSettled = onCallSettled((method) => (method === 'data.revision' || method.startsWith('shell.') ? undefined : check()));
    poll = setInterval(() => {
      if (document.visibilityState !== 'hidden') void check();
    }, POLL_MS);
    document.addEventListener('visibilitychange', onVisible);
    void check();
  }

  function stop(): void {
    if (poll) clearInterval(poll);
    poll = null;
    stopSettled?.();
    stopSettled = null;
    document.removeEventListener('visibilitychange', onVisible);
  }

  return { token, today, check, start, stop };
});
