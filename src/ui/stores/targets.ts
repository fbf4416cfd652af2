/** 目标跟踪: the quarter the targets are judged at, the judged targets, the one selected. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { IndicatorInfo } from '../../api/assessment-types';
import type { TargetStatus } from '../../domain/targets/types';
import type { PricingTable } from '../../api/pricing-types';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';

export const useTargetsStore = defineStore('targets', () => {
  /** The quarter the analyst picked; '' = the region's latest quarter with data. */
  const quarterChoice = ref('');
  const latest = ref<string | null>(null);
  const quarter = computed({ get: () => quarterChoice.value || latest.value || '', set: (q: string) => (quarterChoice.value = q) });
  const rows = shallowRef<TargetStatus[]>([]);
  const selected = ref<string | null>(null);
  /** The indicators a target can be set on (no dimension members), read once. */
  const catalogue = shallowRef<IndicatorInfo[]>([]);
  /** The LPR pricing table at the judged quarter (the 安康 §4 target's detail); null without data. */
  const pricing = shallowRef<PricingTable | null>(null);
  /** Current reports of the region at the judged quarter: none means nothing is judged from data and there is no export. */
  const reports = ref<number | null>(null);

  const current = computed(() => rows.value.find((t) => t.id === selected.value) ?? null);

  async function loadCatalogue(): Promise<void> {
    if (catalogue.value.length === 0) catalogue.value = orThrow(await call('indicators.catalogue', {})).filter((i) => i.dimension === null);
  }

  async function load(region: string): Promise<void> {
    await loadCatalogue();
    latest.value = orThrow(await call('data.latestQuarter', { region })).quarter;
    rows.value = orThrow(await call('targets.evaluate', { region, ...(quarter.value ? { quarter: quarter.value } : {}) }));
    if (!rows.value.some((t) => t.id === selected.value)) selected.value = rows.value[0]?.id ?? null;
    const judged = quarter.value || rows.value.find((t) => t.quarter)?.quarter;
    pricing.value = judged ? orThrow(await call('pricing.table', { region, quarter: judged })) : null;
    reports.value = judged ? (orThrow(await call('status.matrix', { quarter: judged, region })).totals[0]?.reported ?? 0) : 0;
  }

  function regionChanged(): void {
    quarterChoice.value = '';
  }

  return { quarterChoice, latest, quarter, rows, selected, current, catalogue, pricing, reports, loadCatalogue, load, regionChanged };
});
