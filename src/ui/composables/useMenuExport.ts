/** 文件 → 导出… (the native menu) runs the export of the page that is open. */
import { watch } from 'vue';
import { useNavStore } from '../stores/nav';

export function useMenuExport(pageId: string, exportPage: () => Promise<void>): void {
  const nav = useNavStore();
  watch(
    () => nav.exportRequest,
    () => {
      if (nav.page === pageId) void exportPage();
    },
  );
}
