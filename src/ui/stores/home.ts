/**
 * 首页: the region's headline for the latest quarter that has reports —
 * 涉农贷款 balance and growth against all loans, 不良率, and the chains.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { IndicatorRow } from '../../api/assessment-types';
import type { StatusMatrix } from '../../api/types';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';

export const HEADLINE_IDS = [
  'agri_loans_bal',
  'agri_loans_inc',
  'agri_loans_growth',
  'loans_total_growth',
  'agri_vs_total_growth',
  'agri_share',
  'agri_npl_ratio',
  'agri_npl_ratio_change',
  'agri_npl_bal',
  'chain_bal',
  'chain_growth',
  'chain_share',
  'chain_entities',
] as const;

export const useHomeStore = defineStore('home', () => {
  /** The latest quarter with data (null: the region has no reports yet), as the services say. */
  const quarter = ref<string | null>(null);
  const rows = shallowRef<IndicatorRow[]>([]);
  const reports = shallowRef<StatusMatrix['totals'][number] | null>(null);
  const deadline = shallowRef<StatusMatrix['deadlines'][number] | null>(null);
  /** The region the figures are for ('' before the first load). */
  const loadedRegion = ref('');

  const region = computed(() => new Map(rows.value.filter((r) => r.scope === 'region').map((r) => [r.id, r])));
  const chains = computed(() => {
    const byChain = new Map<string, { code: string; name: string; bal: number | null; growth: number | null; share: number | null; entities: number | null }>();
    for (const r of rows.value) {
      if (r.scope !== 'chain' || !r.chain) continue;
      const c = byChain.get(r.chain) ?? { code: r.chain, name: r.chainName ?? r.chain, bal: null, growth: null, share: null, entities: null };
      if (r.id === 'chain_bal') c.bal = r.value;
      if (r.id === 'chain_growth') c.growth = r.value;
      if (r.id === 'chain_share') c.share = r.value;
      if (r.id === 'chain_entities') c.entities = r.value;
      byChain.set(r.chain, c);
    }
    return [...byChain.values()];
  });

  /** The headline of the region's latest quarter with data (see usePageData: throws when a call fails). */
  async function load(regionCode: string): Promise<void> {
    const q = orThrow(await call('data.latestQuarter', { region: regionCode })).quarter;
    if (!q) {
      quarter.value = null;
      rows.value = [];
      reports.value = null;
      deadline.value = null;
      loadedRegion.value = regionCode;
      return;
    }
    const [r, s] = await Promise.all([
      call('indicators.compute', { quarter: q, region: regionCode, ids: [...HEADLINE_IDS], scopes: ['region', 'chain'] }),
      call('status.matrix', { quarter: q, region: regionCode }),
    ]);
    rows.value = orThrow(r);
    const matrix = orThrow(s);
    reports.value = matrix.totals.find((t) => t.quarter === q) ?? null;
    deadline.value = matrix.deadlines.find((d) => d.quarter === q) ?? null;
    quarter.value = q;
    loadedRegion.value = regionCode;
  }

  return { quarter, rows, reports, deadline, loadedRegion, region, chains, load };
});
