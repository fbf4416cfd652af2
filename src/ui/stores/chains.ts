/** 产业链: which chain and which quarter the charts show. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';

export const useChainsStore = defineStore('chains', () => {
  const chain = ref('');
  /** The quarter the analyst picked; '' = the region's latest quarter with data. */
  const quarterChoice = ref('');
  /** The region's latest quarter with data (null: none yet), as of the last load. */
  const latest = ref<string | null>(null);
  const quarter = computed({ get: () => quarterChoice.value || latest.value || '', set: (q: string) => (quarterChoice.value = q) });

  /** Keeps the chain if the region has it (else its first), and finds the latest quarter with data. */
  async function load(region: string, chains: { code: string }[]): Promise<void> {
    if (!chains.some((c) => c.code === chain.value)) chain.value = chains[0]?.code ?? '';
    latest.value = orThrow(await call('data.latestQuarter', { region })).quarter;
  }

  /** Another region: its own latest quarter unless the analyst picks one there. */
  function regionChanged(): void {
    quarterChoice.value = '';
  }

  return { chain, quarterChoice, latest, quarter, load, regionChanged };
});
