/**
 * 首页: the region's headline for the latest quarter that has reports —
 * 涉农贷款 balance and growth against all loans, 不良率, and the chains.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { IndicatorRow } from '../../api/assessment-types';
import type { StatusMatrix } from '../../api/types';
import { parseQuarter } from '../../domain/quarter';
import { formatError } from '../../domain/result';
import { call } from '../api/bridge';
import { latestReportedQuarter } from '../api/latest';

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
  const quarter = ref<string | null>(null);
  const rows = shallowRef<IndicatorRow[]>([]);
  const reports = shallowRef<StatusMatrix['totals'][number] | null>(null);
  const deadline = shallowRef<StatusMatrix['deadlines'][number] | null>(null);
  const loading = ref(false);
  const error = ref('');
  const loadedFor = ref('');

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

  async function load(regionCode: string, wanted?: string): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const q = wanted && parseQuarter(wanted) ? wanted : await latestReportedQuarter(regionCode);
      quarter.value = q;
      if (!q) {
        rows.value = [];
        return;
      }
      const [r, s] = await Promise.all([
        call('indicators.compute', { quarter: q, region: regionCode, ids: [...HEADLINE_IDS], scopes: ['region', 'chain'] }),
        call('status.matrix', { quarter: q, region: regionCode }),
      ]);
      if (!r.ok || !s.ok) {
        error.value = formatError(!r.ok ? r.error : !s.ok ? s.error : { code: '', message: '' });
        return;
      }
      rows.value = r.value;
      reports.value = s.value.totals.find((t) => t.quarter === q) ?? null;
      deadline.value = s.value.deadlines.find((d) => d.quarter === q) ?? null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      // Set even when the region has no reports yet: the page is then drawn (as empty).
      loadedFor.value = `${regionCode}:${quarter.value ?? ''}`;
      loading.value = false;
    }
  }

  return { quarter, rows, reports, deadline, loading, error, region, chains, loadedFor, load };
});
