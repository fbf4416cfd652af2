/** 产业链: which chain and which quarter the charts show. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { latestReportedQuarter } from '../api/latest';

export const useChainsStore = defineStore('chains', () => {
  const chain = ref('');
  const quarter = ref('');
  const loadedFor = ref('');
  const error = ref('');

  /** Picks the region's first chain and its latest reported quarter, unless the analyst chose already. */
  async function init(region: string, chains: { code: string }[]): Promise<void> {
    if (!chains.some((c) => c.code === chain.value)) chain.value = chains[0]?.code ?? '';
    if (!loadedFor.value.startsWith(`${region}:`) || !quarter.value) {
      try {
        quarter.value = (await latestReportedQuarter(region)) ?? '';
        error.value = '';
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
      }
    }
    loadedFor.value = `${region}:${quarter.value}`;
  }

  return { chain, quarter, loadedFor, error, init };
});
