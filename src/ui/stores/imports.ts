/**
 * 数据导入: the files chosen, the checked preview, the committed result and the
 * batch history. The page only draws this state and forwards clicks.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FileImportResult, ImportSummary, IssueRef } from '../../api/types';
import { useApi } from '../composables/useApi';
import { mergePaths } from '../../domain/present/paths';

export interface IssueView extends IssueRef {
  severity: '错误' | '警告' | '提示';
  file: string;
}

export const useImportStore = defineStore('imports', () => {
  const paths = ref<string[]>([]);
  const receivedDate = ref(todayIso());
  const note = ref('');
  const preview = shallowRef<ImportSummary | null>(null);
  const committed = shallowRef<ImportSummary | null>(null);
  const selectedFile = ref<string | null>(null);
  const check = useApi('import.files');
  const commit = useApi('import.files');
  const batches = useApi('batch.list');
  const rollback = useApi('batch.rollback');

  const selected = computed<FileImportResult | null>(() => preview.value?.files.find((f) => f.path === selectedFile.value) ?? null);
  const issues = computed<IssueView[]>(() => {
    const f = selected.value;
    if (!f) return [];
    return [
      ...f.errors.map((e) => ({ ...e, severity: '错误' as const, file: f.file })),
      ...f.warnings.map((e) => ({ ...e, severity: '警告' as const, file: f.file })),
      ...f.notes.map((e) => ({ ...e, severity: '提示' as const, file: f.file })),
    ];
  });

  function addPaths(more: string[]): void {
    paths.value = mergePaths(paths.value, more);
    preview.value = null;
    committed.value = null;
  }

  function removePath(p: string): void {
    paths.value = paths.value.filter((x) => x !== p);
    preview.value = null;
  }

  function clear(): void {
    paths.value = [];
    preview.value = null;
    committed.value = null;
    selectedFile.value = null;
  }

  async function runCheck(): Promise<void> {
    committed.value = null;
    const r = await check.run({ paths: paths.value, dryRun: true, receivedDate: receivedDate.value });
    preview.value = r;
    // Open the first file that has a problem, so the analyst sees it without a click.
    selectedFile.value = r?.files.find((f) => f.errors.length > 0)?.path ?? r?.files.find((f) => f.warnings.length > 0)?.path ?? r?.files[0]?.path ?? null;
  }

  async function runCommit(): Promise<boolean> {
    const r = await commit.run({ paths: paths.value, dryRun: false, receivedDate: receivedDate.value, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
    if (!r) return false;
    committed.value = r;
    preview.value = r;
    await loadBatches();
    return true;
  }

  async function loadBatches(): Promise<void> {
    await batches.run({ limit: 200 });
  }

  async function rollbackBatch(batchId: number): Promise<boolean> {
    const r = await rollback.run({ batchId });
    await loadBatches();
    return r !== null;
  }

  return { paths, receivedDate, note, preview, committed, selectedFile, selected, issues, check, commit, batches, rollback, addPaths, removePath, clear, runCheck, runCommit, loadBatches, rollbackBatch };
});

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
