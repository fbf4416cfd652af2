/**
 * How every page (and every part of a page that loads on its own, like a chart)
 * gets what it shows: one loader, run
 *
 * - when the page is first shown, and whenever its inputs change (region, year, …);
 * - when the data revision moves (stores/revision.ts): at once if the page is in
 *   view, else the next time it is shown (inside <KeepAlive> a hidden page keeps its
 *   state but reloads before the analyst sees it again);
 * - on 刷新 (refresh()), which first asks the services whether the data changed.
 *
 * So no page shows figures loaded before the last change: from the moment the window
 * knows of a change (before the call that made it resolves), the page is no longer
 * `settled` and is drawn `stale` until its new load is in. The loader writes what it
 * read into the page's store and throws when a call failed (orThrow); loads never
 * overlap, and a change that lands while one runs is followed by another load.
 */
import { computed, onActivated, onDeactivated, onMounted, onUnmounted, ref, watch, type ComputedRef, type Ref } from 'vue';
import { formatError, type Result } from '../../domain/result';
import { useRevisionStore } from '../stores/revision';

export interface PageData {
  /** The page shows what it loaded for its current inputs at the current revision (or the error of that load). */
  settled: ComputedRef<boolean>;
  /** What is on screen was loaded for other inputs or before the last change (a load is under way or failed). */
  stale: ComputedRef<boolean>;
  loading: Ref<boolean>;
  /** Why the last load failed, as a Chinese sentence; '' when it did not. */
  error: Ref<string>;
  clearError: () => void;
  /** 刷新: asks the services whether the data changed (another program may have), then loads again. */
  refresh: () => Promise<void>;
}

export interface PageDataOptions {
  /**
   * Everything the load depends on, as one string (e.g. `${region}|${year}`), or null
   * while it cannot load yet. Only what the analyst chose: a default the loader derives
   * from the data (the latest quarter) belongs inside the load, not here.
   */
  inputs: () => string | null;
  load: () => Promise<void>;
}

/** Thrown by a loader for a failed call; its message is shown as it is. */
export class LoadFailure extends Error {}

/** The value of a call's Result, or a LoadFailure with its Chinese message (and where). */
export function orThrow<T>(r: Result<T>): T {
  if (!r.ok) throw new LoadFailure(formatError(r.error));
  return r.value;
}

/**
 * During a long import every file is a change: a page in view that only has to follow
 * the data reloads at most once per this interval (the first change after a quiet
 * spell at once), so it does not reload back to back and slow the import down.
 */
const FOLLOW_GAP_MS = 1000;

export function usePageData(opts: PageDataOptions): PageData {
  const revision = useRevisionStore();
  const active = ref(false);
  const loading = ref(false);
  const error = ref('');
  const loadedFor = ref<string | null>(null);
  const failedFor = ref<string | null>(null);
  let forced = false;
  /** A load loop is under way (set and cleared synchronously: a hook and a watcher may both ask in one flush). */
  let busy = false;
  let done: Promise<void> = Promise.resolve();
  let loadedInputs: string | null = null;
  let lastEnd = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const wanted = computed(() => {
    const inputs = opts.inputs();
    return inputs === null || revision.token === '' ? null : `${inputs}@${revision.token}`;
  });

  function due(): boolean {
    const w = wanted.value;
    return active.value && w !== null && (forced || (w !== loadedFor.value && w !== failedFor.value));
  }

  /** How long to wait before following the data (0: load now). Never for new inputs or 刷新. */
  function followWait(): number {
    if (forced || loadedInputs !== opts.inputs()) return 0;
    return lastEnd + FOLLOW_GAP_MS - performance.now();
  }

  function pump(): Promise<void> {
    if (busy || !due()) return done;
    busy = true;
    done = (async () => {
      try {
        await loop();
      } finally {
        busy = false;
        loading.value = false;
      }
      // Asked for while the loop was ending (busy was still set): go again.
      if (due() && timer === null) await pump();
    })();
    return done;
  }

  async function loop(): Promise<void> {
    while (due()) {
      const wait = followWait();
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = null;
          void pump();
        }, wait);
        break;
      }
      const target = wanted.value;
      const inputs = opts.inputs();
      forced = false;
      loading.value = true;
      try {
        await opts.load();
        loadedFor.value = target;
        failedFor.value = null;
        error.value = '';
      } catch (e) {
        failedFor.value = target;
        error.value = e instanceof Error ? e.message : String(e);
      }
      loadedInputs = inputs;
      lastEnd = performance.now();
    }
  }

  function show(): void {
    active.value = true;
    void pump();
  }
  function hide(): void {
    active.value = false;
  }
  // Inside <KeepAlive> the first mount also activates; outside it, mount and unmount are all there is.
  onMounted(show);
  onActivated(show);
  onDeactivated(hide);
  onUnmounted(hide);
  watch(wanted, () => void pump());

  async function refresh(): Promise<void> {
    await revision.check();
    await done;
    forced = true;
    await pump();
  }

  return {
    settled: computed(() => !loading.value && wanted.value !== null && (loadedFor.value === wanted.value || failedFor.value === wanted.value)),
    stale: computed(() => wanted.value === null || loadedFor.value !== wanted.value),
    loading,
    error,
    clearError: () => {
      error.value = '';
    },
    refresh,
  };
}
