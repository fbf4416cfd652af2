/** 任务台账: the year, the quarter the evidence is read at, the filters, the listing and the measure selected. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LedgerListing, LedgerStatus } from '../../api/ledger-types';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';
import { defaultAssessmentYear } from './assessment';

export const useLedgerStore = defineStore('ledger', () => {
  /** The year picked; null = the latest year whose fourth quarter has reports (as 考核评估). */
  const yearChoice = ref<number | null>(null);
  const latest = ref<string | null>(null);
  const todayYear = ref(0);
  const year = computed({
    get: () => yearChoice.value ?? defaultAssessmentYear(latest.value, todayYear.value),
    set: (y: number) => {
      yearChoice.value = y;
      quarter.value = '';
    },
  });
  /** '' = the year's latest quarter with data. */
  const quarter = ref('');
  const responsible = ref('');
  const status = ref<'' | LedgerStatus>('');
  const listing = shallowRef<LedgerListing | null>(null);
  const selected = ref<string | null>(null);

  const inputs = computed(() => `${yearChoice.value ?? ''}|${quarter.value}|${responsible.value}|${status.value}`);

  async function load(region: string, today: number): Promise<void> {
    todayYear.value = today;
    latest.value = orThrow(await call('data.latestQuarter', { region })).quarter;
    const r = orThrow(
      await call('ledger.list', {
        region,
        year: year.value,
        ...(quarter.value ? { quarter: quarter.value } : {}),
        ...(responsible.value ? { responsible: responsible.value } : {}),
        ...(status.value ? { status: status.value } : {}),
      }),
    );
    listing.value = r;
    if (!r.rows.some((x) => x.id === selected.value)) selected.value = r.rows[0]?.id ?? null;
  }

  /** Another region: its own filters and year. */
  function regionChanged(): void {
    responsible.value = '';
    status.value = '';
    yearChoice.value = null;
    quarter.value = '';
  }

  return { yearChoice, year, quarter, responsible, status, listing, selected, inputs, latest, load, regionChanged };
});
