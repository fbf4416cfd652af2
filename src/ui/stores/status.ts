/** 报送情况: the matrix for a range of quarters, the filters, the chase list. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { addQuarters, quarterId } from '../../domain/quarter';
import { reportingQuarter, todayDate } from '../../domain/present/periods';
import { chaseList, matchesState, statusRows, type StateFilter } from '../../domain/present/status';
import { useApi } from '../composables/useApi';

export const useStatusStore = defineStore('status', () => {
  const due = reportingQuarter(todayDate());
  const to = ref(quarterId(due));
  const from = ref(quarterId(addQuarters(due, -7)));
  const typeFilter = ref('全部');
  const stateFilter = ref<StateFilter>('全部');
  const chaseQuarter = ref(quarterId(due));
  const matrix = useApi('status.matrix');
  const loadedFor = ref('');

  const rows = computed(() => (matrix.data.value ? statusRows(matrix.data.value.institutions, matrix.data.value.cells) : []));
  const quarters = computed(() => matrix.data.value?.quarters ?? []);
  const types = computed(() => [...new Set(rows.value.map((r) => r.type))]);
  const shown = computed(() => rows.value.filter((r) => (typeFilter.value === '全部' || r.type === typeFilter.value) && matchesState(r, quarters.value, stateFilter.value)));
  const chaseDeadline = computed(() => matrix.data.value?.deadlines.find((d) => d.quarter === chaseQuarter.value) ?? null);
  const chase = computed(() => chaseList(rows.value, chaseQuarter.value, todayDate(), chaseDeadline.value?.deadline ?? null));

  async function load(region: string): Promise<void> {
    const r = await matrix.run({ from: from.value, to: to.value, region });
    if (!r) return;
    loadedFor.value = `${region}:${from.value}:${to.value}`;
    // Chase the newest quarter shown, unless the analyst picked one inside the range.
    if (!r.quarters.includes(chaseQuarter.value)) chaseQuarter.value = r.quarters[r.quarters.length - 1] ?? chaseQuarter.value;
  }

  return { from, to, typeFilter, stateFilter, chaseQuarter, matrix, loadedFor, rows, quarters, types, shown, chase, chaseDeadline, load };
});
