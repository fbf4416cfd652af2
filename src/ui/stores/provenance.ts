/**
 * The 数据来源 panel's state: which figure is explained, the figures opened from it
 * (a bank's total → one item → its indicator), and the report a row of inputs leads to.
 * Every page opens it the same way: explain(ref) with the FigureRef of what was clicked.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Explanation, FigureRef } from '../../api/explain-types';
import { formatError } from '../../domain/result';
import { call } from '../api/bridge';

export interface ReportTarget {
  institution: string;
  quarter: string;
  submissionId?: number;
  /** The input to bring into view and mark. */
  focus?: { key: string; member: string | null };
}

export const useProvenanceStore = defineStore('provenance', () => {
  const open = ref(false);
  const loading = ref(false);
  const error = ref('');
  const current = shallowRef<Explanation | null>(null);
  /** The figures opened so far, the one shown last. */
  const trail = shallowRef<FigureRef[]>([]);
  /** The report 报表查看 should open (set before going there). */
  const report = shallowRef<ReportTarget | null>(null);
  let generation = 0;

  async function show(r: FigureRef): Promise<void> {
    const mine = ++generation;
    open.value = true;
    loading.value = true;
    error.value = '';
    const res = await call('figure.explain', r);
    if (mine !== generation) return;
    loading.value = false;
    if (res.ok) current.value = res.value;
    else {
      current.value = null;
      error.value = formatError(res.error);
    }
  }

  /** Opens the panel on a figure (a click on a page starts a new trail). */
  function explain(r: FigureRef): Promise<void> {
    trail.value = [r];
    return show(r);
  }

  /** Opens a figure the one shown is built from. */
  function drill(r: FigureRef): Promise<void> {
    trail.value = [...trail.value, r];
    return show(r);
  }

  function back(): void {
    if (trail.value.length < 2) return;
    trail.value = trail.value.slice(0, -1);
    const last = trail.value[trail.value.length - 1];
    if (last) void show(last);
  }

  /** Shows the figure again from what the database holds now (after a change elsewhere). */
  function reload(): void {
    const last = trail.value[trail.value.length - 1];
    if (open.value && last) void show(last);
  }

  function close(): void {
    generation++;
    open.value = false;
    loading.value = false;
  }

  return { open, loading, error, current, trail, report, explain, drill, back, reload, close };
});
