/**
 * What every page shares: the app and database info, the regions, the institutions,
 * the chosen region, and today by the services' clock. The registry is read again at
 * every new data revision (an edit in 机构与设置, a restored backup, a CLI change).
 */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppInfo, InstitutionRow, LocalUserInfo, RegionInfo } from '../../api/types';
import { parseIsoDate, type CalendarDate } from '../../domain/quarter';
import { call } from '../api/bridge';
import { orThrow } from '../composables/usePageData';
import { useRevisionStore } from './revision';

const REGION_KEY = 'rfm.region';

export const useAppStore = defineStore('app', () => {
  const info = shallowRef<AppInfo | null>(null);
  const regions = shallowRef<RegionInfo[]>([]);
  const institutions = shallowRef<InstitutionRow[]>([]);
  const regionCode = ref<string>(readRegion());
  const localUser = shallowRef<LocalUserInfo | null>(null);
  const loaded = ref(false);
  const revision = useRevisionStore();

  /** Today by the services' clock (never the window's own: tests fix it, and so may a user's settings). */
  const todayIso = computed(() => revision.today || info.value?.today || '');
  const today = computed<CalendarDate | null>(() => parseIsoDate(todayIso.value));

  const region = computed<RegionInfo | null>(() => regions.value.find((r) => r.code === regionCode.value) ?? regions.value[0] ?? null);
  const regionInstitutions = computed(() => institutions.value.filter((i) => i.region === region.value?.code));
  const institutionName = computed(() => {
    // A fictional bank (示例机构) carries its mark wherever the window names it.
    const m = new Map(institutions.value.map((i) => [i.code, institutionDisplayName(i)]));
    return (code: string): string => m.get(code) ?? code;
  });

  /**
   * What every page shares. App.vue loads it through usePageData, so it is read again at
   * every new data revision: a registry edit, a restored backup, a change by the CLI.
   */
  async function load(): Promise<void> {
    const [i, r, inst, u] = await Promise.all([call('app.info', {}), call('registry.regions', {}), call('registry.institutions', { includeInactive: true }), call('settings.localUser', {})]);
    info.value = orThrow(i);
    regions.value = orThrow(r);
    institutions.value = orThrow(inst);
    localUser.value = orThrow(u);
    if (!regions.value.some((x) => x.code === regionCode.value) && regions.value[0]) regionCode.value = regions.value[0].code;
    loaded.value = true;
  }

  function setRegion(code: string): void {
    regionCode.value = code;
    try {
      localStorage.setItem(REGION_KEY, code);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session only.
    }
  }

  return { info, regions, institutions, localUser, regionCode, region, regionInstitutions, institutionName, todayIso, today, loaded, load, setRegion };
});

function readRegion(): string {
  try {
    return localStorage.getItem(REGION_KEY) ?? 'ankang';
  } catch {
    return 'ankang';
  }
}
