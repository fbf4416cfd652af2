/**
 * What a page prints (打印 / 导出 PDF): its period, units and orientation as data, read
 * when the analyst prints (so always the page's current choice). The frame adds the
 * page's title and the chosen region unless the declaration names its own.
 */
import { onBeforeUnmount } from 'vue';
import type { PrintDeclaration } from '../../domain/present/printForm';
import type { PageId } from '../pages/registry';
import { usePrintStore } from '../stores/print';

export function usePrintForm(pageId: PageId, decl: () => PrintDeclaration): void {
  const undo = usePrintStore().declare(pageId, decl);
  onBeforeUnmount(undo);
}
