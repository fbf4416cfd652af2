/** 报送情况: the matrix for a range of quarters, the filters, the chase list. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { StatusMatrix } from '../../api/types';
import { addQuarters, quarterId } from '../../domain/quarter';
import { reportingQuarter } from '../../domain/present/periods';
import { chaseList, matchesState, statusRows, type StateFilter } from '../../domain/present/status';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';
import { useAppStore } from './app';

export const useStatusStore = defineStore('status', () => {
  const app = useAppStore();
  /** The quarters whose reports are due now, and the seven before: by the services' today. */
  const due = computed(() => (app.today ? reportingQuarter(app.today) : null));
  /** The range the analyst picked; '' = the default (the due quarter and the seven before). */
  const fromChoice = ref('');
  const toChoice = ref('');
  const from = computed({ get: () => fromChoice.value || (due.value ? quarterId(addQuarters(due.value, -7)) : ''), set: (q: string) => (fromChoice.value = q) });
  const to = computed({ get: () => toChoice.value || (due.value ? quarterId(due.value) : ''), set: (q: string) => (toChoice.value = q) });
  const typeFilter = ref('全部');
  const stateFilter = ref<StateFilter>('全部');
  const chaseQuarter = ref('');
  const matrix = shallowRef<StatusMatrix | null>(null);

  const rows = computed(() => (matrix.value ? statusRows(matrix.value.institutions, matrix.value.cells) : []));
  const quarters = computed(() => matrix.value?.quarters ?? []);
  const types = computed(() => [...new Set(rows.value.map((r) => r.type))]);
  const shown = computed(() => rows.value.filter((r) => (typeFilter.value === '全部' || r.type === typeFilter.value) && matchesState(r, quarters.value, stateFilter.value)));
  const chaseDeadline = computed(() => matrix.value?.deadlines.find((d) => d.quarter === chaseQuarter.value) ?? null);
  const chase = computed(() => (app.today ? chaseList(rows.value, chaseQuarter.value, app.today, chaseDeadline.value?.deadline ?? null) : []));

  async function load(region: string): Promise<void> {
    const m = orThrow(await call('status.matrix', { from: from.value, to: to.value, region }));
    matrix.value = m;
    // Chase the newest quarter shown, unless the analyst picked one inside the range.
    if (!m.quarters.includes(chaseQuarter.value)) chaseQuarter.value = m.quarters[m.quarters.length - 1] ?? '';
  }

  return { due, from, to, typeFilter, stateFilter, chaseQuarter, matrix, rows, quarters, types, shown, chase, chaseDeadline, load };
});
