/** 金融兴产强县: the year and quarter end the county progress table is for, and the table. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ProgressMeasureInfo, ProgressTable } from '../../api/assessment-types';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';

export const useProgressStore = defineStore('progress', () => {
  /** The year and quarter the analyst picked; null = those of the region's latest quarter with data. */
  const yearChoice = ref<number | null>(null);
  const quarterChoice = ref<number | null>(null);
  const latest = ref<string | null>(null);
  const todayYear = ref(0);
  const year = computed({
    get: () => yearChoice.value ?? (latest.value ? Number(latest.value.slice(0, 4)) : todayYear.value - 1),
    set: (y: number) => (yearChoice.value = y),
  });
  const quarter = computed({
    get: () => quarterChoice.value ?? (latest.value && yearChoice.value === null ? Number(latest.value.slice(5)) : 4),
    set: (q: number) => (quarterChoice.value = q),
  });
  const quarterId = computed(() => `${year.value}Q${quarter.value}`);
  const table = shallowRef<ProgressTable | null>(null);
  /** The measures (口径) a county's target can be set on, read once. */
  const measures = shallowRef<ProgressMeasureInfo[]>([]);

  async function load(region: string, today: number): Promise<void> {
    todayYear.value = today;
    if (measures.value.length === 0) measures.value = orThrow(await call('progress.measures', {}));
    latest.value = orThrow(await call('data.latestQuarter', { region })).quarter;
    table.value = orThrow(await call('progress.table', { year: year.value, quarter: quarter.value, region }));
  }

  /** Another region: its own latest quarter, unless the analyst picks one there. */
  function regionChanged(): void {
    yearChoice.value = null;
    quarterChoice.value = null;
  }

  return { yearChoice, quarterChoice, latest, year, quarter, quarterId, table, measures, load, regionChanged };
});
