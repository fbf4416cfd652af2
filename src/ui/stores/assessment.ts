/**
 * 考核评估: one region-year scored with a scheme, a bank's breakdown, the
 * analysts' qualitative scores, and a what-if with changed points side by side.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { InstitutionResult, Scheme, ScoreResult } from '../../api/assessment-types';
import type { QualitativeEntry, QualitativeGrid, SchemeSummary, WhatIfResult } from '../../api/assessment-types';
import { AUTO_SCHEME, isProvisional, schemeVersionOptions } from '../../domain/assessment/describe';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';
import { useApi } from '../composables/useApi';

/** The year an assessment defaults to: the latest year whose fourth quarter has reports (a year is assessed when it is complete). */
export function defaultAssessmentYear(latest: string | null, todayYear: number): number {
  if (!latest) return todayYear - 1;
  const y = Number(latest.slice(0, 4));
  return latest.endsWith('Q4') ? y : y - 1;
}

export const useAssessmentStore = defineStore('assessment', () => {
  /** The year the analyst picked; null = the default (defaultAssessmentYear). */
  const yearChoice = ref<number | null>(null);
  const latest = ref<string | null>(null);
  const todayYear = ref(0);
  const year = computed({ get: () => yearChoice.value ?? defaultAssessmentYear(latest.value, todayYear.value), set: (y: number) => (yearChoice.value = y) });
  const group = ref('全部');
  /** AUTO_SCHEME, or a scheme reference `id@version` picked by the analyst. */
  const schemeId = ref(AUTO_SCHEME);
  const schemes = shallowRef<SchemeSummary[]>([]);
  const scheme = shallowRef<Scheme | null>(null);
  const result = shallowRef<ScoreResult | null>(null);
  const selected = ref<string | null>(null);
  const qualitative = shallowRef<QualitativeEntry[]>([]);
  /** 定性评分表: the banks and items of the year's scheme, with the scores stored now. */
  const grid = shallowRef<QualitativeGrid | null>(null);
  /** Reports (current or superseded) of the year in the region: none means no ranking, no grades, no export. */
  const reportedInYear = ref<number | null>(null);
  const weights = ref<Record<string, number>>({});
  const whatIf = shallowRef<WhatIfResult | null>(null);
  const whatIfCall = useApi('assessment.whatIf');
  const saveQual = useApi('assessment.setQualitative');

  const schemeOptions = computed(() => schemeVersionOptions(schemes.value));
  /** The newest version of the scheme the year was scored with (to say when an older, saved one is in use). */
  const newestVersion = computed(() => schemes.value.find((s) => s.id === result.value?.schemeId)?.version ?? null);
  const results = computed<InstitutionResult[]>(() => result.value?.results ?? []);
  const groups = computed(() => [...new Set(results.value.map((r) => r.groupLabel))]);
  const shown = computed(() => results.value.filter((r) => group.value === '全部' || r.groupLabel === group.value));
  const current = computed(() => results.value.find((r) => r.institution === selected.value) ?? null);
  const qualitativeItems = computed(() => (scheme.value?.items ?? []).filter((i) => i.rule.type === 'qualitative'));
  /** Qualitative scores entered of those the ranking needs: while some are missing, the grades are 暂定. */
  // Counted by the scoring service, so the page, the export, the Word draft and the CLI say the same x/y.
  const qualitativeDone = computed(() => result.value?.qualitative ?? { entered: 0, needed: 0 });
  const provisional = computed(() => (result.value ? isProvisional(result.value) : false));
  const weightItems = computed(() => [...(scheme.value?.items ?? []), ...(scheme.value?.bonus.items ?? []), ...(scheme.value?.penalty.items ?? [])]);
  const changedWeights = computed(() => {
    const out: Record<string, number> = {};
    for (const i of weightItems.value) {
      const w = weights.value[i.id];
      if (w !== undefined && w !== i.max) out[i.id] = w;
    }
    return out;
  });

  /** Everything the page shows for the region and the chosen year and scheme (see usePageData). */
  async function load(region: string, today: number): Promise<void> {
    todayYear.value = today;
    const [l, s] = await Promise.all([call('data.latestQuarter', { region }), call('assessment.schemes', { region })]);
    latest.value = orThrow(l).quarter;
    schemes.value = orThrow(s);
    if (!schemeOptions.value.some((o) => o.value === schemeId.value)) schemeId.value = AUTO_SCHEME;
    const r = orThrow(await call('assessment.score', { region, year: year.value, save: false, ...(schemeId.value ? { scheme: schemeId.value } : {}) }));
    const [sc, q, g] = await Promise.all([
      call('assessment.scheme', { id: r.schemeId, version: r.schemeVersion }),
      call('assessment.qualitative', { region, year: year.value }),
      call('assessment.qualitativeGrid', { region, year: year.value }),
    ]);
    const shownScheme = orThrow(sc).scheme;
    qualitative.value = orThrow(q);
    grid.value = orThrow(g);
    reportedInYear.value = r.reports;
    // The analyst's what-if points stay while the scheme stays; another scheme starts from its own points.
    if (scheme.value?.id !== shownScheme.id || result.value?.schemeVersion !== r.schemeVersion) {
      weights.value = Object.fromEntries([...shownScheme.items, ...shownScheme.bonus.items, ...shownScheme.penalty.items].map((i) => [i.id, i.max]));
      whatIf.value = null;
    }
    scheme.value = shownScheme;
    result.value = r;
    if (!r.results.some((x) => x.institution === selected.value)) selected.value = r.results[0]?.institution ?? null;
    // A comparison on screen is of the data before the change: it is computed again.
    if (whatIf.value) whatIf.value = await whatIfCall.run({ region, year: year.value, weights: changedWeights.value, ...(schemeId.value ? { scheme: schemeId.value } : {}) });
  }

  function qualitativeFor(institution: string, item: string): QualitativeEntry | undefined {
    return qualitative.value.find((q) => q.institution === institution && q.item === item);
  }

  /** Saves a score with its reason; the page reloads by itself (the data revision moved). */
  async function setQualitative(institution: string, item: string, value: number, reason: string): Promise<boolean> {
    return (await saveQual.run({ institution, year: year.value, item, score: value, reason })) !== null;
  }

  async function runWhatIf(region: string): Promise<void> {
    whatIf.value = await whatIfCall.run({ region, year: year.value, weights: changedWeights.value, ...(schemeId.value ? { scheme: schemeId.value } : {}) });
  }

  function resetWeights(): void {
    weights.value = Object.fromEntries(weightItems.value.map((i) => [i.id, i.max]));
    whatIf.value = null;
  }

  return {
    year, yearChoice, latest, group, schemeId, schemes, schemeOptions, newestVersion, scheme, result, selected, qualitative, grid, weights, whatIf, whatIfCall, saveQual,
    results, groups, shown, current, qualitativeItems, reportedInYear, qualitativeDone, provisional, weightItems, changedWeights,
    load, qualitativeFor, setQualitative, runWhatIf, resetWeights,
  };
});
