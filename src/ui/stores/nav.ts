/**
 * Which page is open. The location hash (#/import) mirrors it so that a page
 * survives a reload and the harness can open a page directly.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { PAGES, type PageId } from '../pages/registry';

function fromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (PAGES.find((p) => p.id === id) ?? PAGES[0]).id;
}

export const useNavStore = defineStore('nav', () => {
  const page = ref<PageId>(fromHash(typeof location === 'undefined' ? '' : location.hash));

  /** Opens a page; an id the sidebar does not offer is ignored. */
  function go(id: string): void {
    const def = PAGES.find((p) => p.id === id);
    if (!def) return;
    page.value = def.id;
    const hash = `#/${def.id}`;
    if (typeof location !== 'undefined' && location.hash !== hash) history.replaceState(null, '', hash);
  }

  function syncFromHash(): void {
    page.value = fromHash(location.hash);
  }

  /** Files the native menu (文件 → 导入报表…) chose; the import page takes them. */
  const pendingImport = ref<string[]>([]);
  /** Bumped by 文件 → 导出…: the open page exports what it shows. */
  const exportRequest = ref(0);

  function has(id: string): boolean {
    return PAGES.some((p) => p.id === id);
  }

  return { page, go, has, syncFromHash, pendingImport, exportRequest };
});
