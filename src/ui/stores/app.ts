/** What every page shares: the app and database info, the regions, the institutions, the chosen region. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppInfo, InstitutionRow, RegionInfo } from '../../api/types';
import { formatError } from '../../domain/result';
import { call } from '../api/bridge';

const REGION_KEY = 'rfm.region';

export const useAppStore = defineStore('app', () => {
  const info = shallowRef<AppInfo | null>(null);
  const regions = shallowRef<RegionInfo[]>([]);
  const institutions = shallowRef<InstitutionRow[]>([]);
  const regionCode = ref<string>(readRegion());
  const loadError = ref('');
  const loaded = ref(false);

  const region = computed<RegionInfo | null>(() => regions.value.find((r) => r.code === regionCode.value) ?? regions.value[0] ?? null);
  const regionInstitutions = computed(() => institutions.value.filter((i) => i.region === region.value?.code));
  const institutionName = computed(() => {
    const m = new Map(institutions.value.map((i) => [i.code, i.name]));
    return (code: string): string => m.get(code) ?? code;
  });

  async function load(): Promise<void> {
    const [i, r, inst] = await Promise.all([call('app.info', {}), call('registry.regions', {}), call('registry.institutions', { includeInactive: true })]);
    const firstError = [i, r, inst].find((x) => !x.ok);
    if (firstError && !firstError.ok) {
      loadError.value = formatError(firstError.error);
      return;
    }
    if (i.ok) info.value = i.value;
    if (r.ok) regions.value = r.value;
    if (inst.ok) institutions.value = inst.value;
    if (!regions.value.some((x) => x.code === regionCode.value) && regions.value[0]) regionCode.value = regions.value[0].code;
    loadError.value = '';
    loaded.value = true;
  }

  async function reloadInstitutions(): Promise<void> {
    const inst = await call('registry.institutions', { includeInactive: true });
    if (inst.ok) institutions.value = inst.value;
  }

  function setRegion(code: string): void {
    regionCode.value = code;
    try {
      localStorage.setItem(REGION_KEY, code);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session only.
    }
  }

  return { info, regions, institutions, regionCode, region, regionInstitutions, institutionName, loadError, loaded, load, reloadInstitutions, setRegion };
});

function readRegion(): string {
  try {
    return localStorage.getItem(REGION_KEY) ?? 'ankang';
  } catch {
    return 'ankang';
  }
}
