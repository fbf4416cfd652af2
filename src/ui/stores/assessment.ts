/**
 * 考核评估: one region-year scored with a scheme, a bank's breakdown, the
 * analysts' qualitative scores, and a what-if with changed points side by side.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { InstitutionResult, Scheme } from '../../api/assessment-types';
import type { QualitativeEntry, SchemeSummary, WhatIfResult } from '../../api/assessment-types';
import { formatError } from '../../domain/result';
import { AUTO_SCHEME, schemeVersionOptions } from '../../domain/assessment/describe';
import { call } from '../api/bridge';
import { useApi } from '../composables/useApi';

export const useAssessmentStore = defineStore('assessment', () => {
  const year = ref(new Date().getFullYear() - 1);
  const group = ref('全部');
  /** AUTO_SCHEME, or a scheme reference `id@version` picked by the analyst. */
  const schemeId = ref(AUTO_SCHEME);
  const schemes = shallowRef<SchemeSummary[]>([]);
  const scheme = shallowRef<Scheme | null>(null);
  const selected = ref<string | null>(null);
  const qualitative = shallowRef<QualitativeEntry[]>([]);
  const weights = ref<Record<string, number>>({});
  const whatIf = shallowRef<WhatIfResult | null>(null);
  const score = useApi('assessment.score');
  const whatIfCall = useApi('assessment.whatIf');
  const saveQual = useApi('assessment.setQualitative');
  const exportCall = useApi('assessment.exportScores');
  const loadError = ref('');
  const loadedFor = ref('');

  const schemeOptions = computed(() => schemeVersionOptions(schemes.value));
  /** The newest version of the scheme the year was scored with (to say when an older, saved one is in use). */
  const newestVersion = computed(() => schemes.value.find((s) => s.id === score.data.value?.schemeId)?.version ?? null);
  const results = computed<InstitutionResult[]>(() => score.data.value?.results ?? []);
  const groups = computed(() => [...new Set(results.value.map((r) => r.groupLabel))]);
  const shown = computed(() => results.value.filter((r) => group.value === '全部' || r.groupLabel === group.value));
  const current = computed(() => results.value.find((r) => r.institution === selected.value) ?? null);
  const qualitativeItems = computed(() => (scheme.value?.items ?? []).filter((i) => i.rule.type === 'qualitative'));
  const weightItems = computed(() => [...(scheme.value?.items ?? []), ...(scheme.value?.bonus.items ?? []), ...(scheme.value?.penalty.items ?? [])]);
  const changedWeights = computed(() => {
    const out: Record<string, number> = {};
    for (const i of weightItems.value) {
      const w = weights.value[i.id];
      if (w !== undefined && w !== i.max) out[i.id] = w;
    }
    return out;
  });

  async function load(region: string): Promise<void> {
    loadError.value = '';
    const s = await call('assessment.schemes', { region });
    if (!s.ok) {
      loadError.value = formatError(s.error);
      return;
    }
    schemes.value = s.value;
    if (!schemeOptions.value.some((o) => o.value === schemeId.value)) schemeId.value = AUTO_SCHEME;
    await rescore(region);
  }

  async function rescore(region: string): Promise<void> {
    whatIf.value = null;
    const r = await score.run({ region, year: year.value, save: false, ...(schemeId.value ? { scheme: schemeId.value } : {}) });
    if (!r) return;
    loadedFor.value = `${region}:${year.value}:${schemeId.value}`;
    const [sc, q] = await Promise.all([call('assessment.scheme', { id: r.schemeId, version: r.schemeVersion }), call('assessment.qualitative', { region, year: year.value })]);
    if (sc.ok) {
      scheme.value = sc.value.scheme;
      weights.value = Object.fromEntries([...sc.value.scheme.items, ...sc.value.scheme.bonus.items, ...sc.value.scheme.penalty.items].map((i) => [i.id, i.max]));
    } else loadError.value = formatError(sc.error);
    if (q.ok) qualitative.value = q.value;
    else loadError.value = formatError(q.error);
    if (!r.results.some((x) => x.institution === selected.value)) selected.value = r.results[0]?.institution ?? null;
  }

  function qualitativeFor(institution: string, item: string): QualitativeEntry | undefined {
    return qualitative.value.find((q) => q.institution === institution && q.item === item);
  }

  async function setQualitative(region: string, institution: string, item: string, value: number, reason: string): Promise<boolean> {
    const r = await saveQual.run({ institution, year: year.value, item, score: value, reason });
    if (!r) return false;
    await rescore(region);
    return true;
  }

  async function runWhatIf(region: string): Promise<void> {
    whatIf.value = await whatIfCall.run({ region, year: year.value, weights: changedWeights.value, ...(schemeId.value ? { scheme: schemeId.value } : {}) });
  }

  /** A scheme was imported elsewhere (机构与设置): the next visit reloads the schemes, and offers and scores with the new version. */
  function schemesChanged(): void {
    loadedFor.value = '';
  }

  function resetWeights(): void {
    weights.value = Object.fromEntries(weightItems.value.map((i) => [i.id, i.max]));
    whatIf.value = null;
  }

  return {
    year, group, schemeId, schemes, schemeOptions, newestVersion, scheme, selected, qualitative, weights, whatIf, score, whatIfCall, saveQual, exportCall, loadError, loadedFor,
    results, groups, shown, current, qualitativeItems, weightItems, changedWeights,
    load, rescore, qualitativeFor, setQualitative, runWhatIf, resetWeights, schemesChanged,
  };
});
