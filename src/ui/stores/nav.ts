/**
 * Which page is open. The location hash (#/import) mirrors it so that a page
 * survives a reload and the harness can open a page directly.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { PAGES, type PageId } from '../pages/registry';

function fromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (PAGES.find((p) => p.id === id)?.id ?? 'home') as PageId;
}

export const useNavStore = defineStore('nav', () => {
  const page = ref<PageId>(fromHash(typeof location === 'undefined' ? '' : location.hash));

  function go(id: PageId): void {
    page.value = id;
    const hash = `#/${id}`;
    if (typeof location !== 'undefined' && location.hash !== hash) history.replaceState(null, '', hash);
  }

  function syncFromHash(): void {
    page.value = fromHash(location.hash);
  }

  return { page, go, syncFromHash };
});
