/**
 * 数据导入: the files chosen, the checked preview, the committed result and the
 * batch history. The page only draws this state and forwards clicks.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FileAck, FileImportResult, ImportSummary, IssueRef } from '../../api/types';
import { useApi } from '../composables/useApi';
import { mergePaths } from '../../domain/present/paths';
import { issueKey } from '../../domain/import/issueKey';
import { useAppStore } from './app';

export interface IssueView extends IssueRef {
  severity: '错误' | '警告' | '提示';
  file: string;
}

/** A warning of the selected file that needs the analyst's decision, with what was decided so far. */
export interface AckView extends IssueRef {
  ack: 'confirm' | 'explain';
  key: string;
  /** The 说明 typed, or 已确认 when ticked; '' while undecided. */
  text: string;
}

export const useImportStore = defineStore('imports', () => {
  const paths = ref<string[]>([]);
  /** Default: today by the services' clock (the store is made when the page first opens, after the app has loaded). */
  const receivedDate = ref(useAppStore().todayIso);
  /** Arrival dates given per file (path → YYYY-MM-DD): typed in the check table or taken from the files' modified dates. */
  const receivedPerFile = ref<Record<string, string>>({});
  /** regular, or 补录 (history loaded later: neither on time nor late). */
  const mode = ref<'regular' | 'backfill'>('regular');
  const note = ref('');
  const preview = shallowRef<ImportSummary | null>(null);
  const committed = shallowRef<ImportSummary | null>(null);
  const selectedFile = ref<string | null>(null);
  /** The analyst's decisions, per file (by SHA-256, as the check gives it) and warning (issueKey). */
  const decisions = ref<Record<string, FileAck>>({});
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

  /** The decisions for one file that count: a non-empty text per warning. */
  function decidedFor(f: FileImportResult): FileAck {
    const mine = f.sha256 ? decisions.value[f.sha256] : undefined;
    const out: FileAck = {};
    for (const [k, v] of Object.entries(mine ?? {})) if (v.trim()) out[k] = v.trim();
    return out;
  }

  const acks = computed<AckView[]>(() => {
    const f = selected.value;
    if (!f) return [];
    const mine = decidedFor(f);
    return f.warnings.flatMap((w) => (w.ack ? [{ ...w, ack: w.ack, key: issueKey(w), text: mine[issueKey(w)] ?? '' }] : []));
  });

  /** True when every 'confirm'/'explain' warning of the file has a decision (so 提交导入 will commit it). */
  function ready(f: FileImportResult): boolean {
    if (f.status === 'rejected') return false;
    const mine = decidedFor(f);
    return f.warnings.every((w) => !w.ack || Boolean(mine[issueKey(w)]));
  }

  const committable = computed(() => preview.value?.files.filter(ready).length ?? 0);
  const waiting = computed(() => preview.value?.files.filter((f) => f.status === 'held' && !ready(f)).length ?? 0);

  function decide(f: FileImportResult, key: string, text: string): void {
    if (!f.sha256) return;
    decisions.value = { ...decisions.value, [f.sha256]: { ...(decisions.value[f.sha256] ?? {}), [key]: text } };
  }

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
    decisions.value = {};
    receivedPerFile.value = {};
  }

  /** What every check and commit sends about arrival: the batch date, the per-file dates, the mode. */
  function arrivalArgs(): { receivedDate: string; receivedDates?: Record<string, string>; mode?: 'backfill' } {
    const perFile = Object.fromEntries(Object.entries(receivedPerFile.value).filter(([, d]) => d));
    return {
      receivedDate: receivedDate.value,
      ...(Object.keys(perFile).length > 0 ? { receivedDates: perFile } : {}),
      ...(mode.value === 'backfill' ? { mode: 'backfill' as const } : {}),
    };
  }

  /** A file's arrival date corrected in the check table: checked again at once (cheap: the parse is kept). */
  async function setReceived(path: string, date: string): Promise<void> {
    receivedPerFile.value = { ...receivedPerFile.value, [path]: date };
    await runCheck();
  }

  /** Offered, never silent: each file's modified date as its arrival date, shown per row and editable. */
  async function useModifiedDates(): Promise<void> {
    const next = { ...receivedPerFile.value };
    for (const f of preview.value?.files ?? []) if (f.modifiedDate) next[f.path] = f.modifiedDate;
    receivedPerFile.value = next;
    await runCheck();
  }

  const canUseModified = computed(() => Boolean(preview.value?.dryRun && preview.value.files.some((f) => f.modifiedDate && f.modifiedDate !== f.receivedDate)));

  let checks = 0;
  async function runCheck(): Promise<void> {
    committed.value = null;
    const keep = selectedFile.value;
    const mine = ++checks;
    const r = await check.run({ paths: paths.value, dryRun: true, ...arrivalArgs() });
    // Two dates corrected in quick succession: only the newest check's answer is shown.
    if (mine !== checks) return;
    preview.value = r;
    // Open the first file that has a problem, so the analyst sees it without a click.
    selectedFile.value =
      (keep && r?.files.some((f) => f.path === keep) ? keep : null) ??
      r?.files.find((f) => f.errors.length > 0)?.path ??
      r?.files.find((f) => f.status === 'held')?.path ??
      r?.files.find((f) => f.warnings.length > 0)?.path ??
      r?.files[0]?.path ??
      null;
  }

  async function runCommit(): Promise<boolean> {
    // Only the decided warnings of the files checked go back: a file whose bytes changed since is checked afresh.
    const given: Record<string, FileAck> = {};
    for (const f of preview.value?.files ?? []) {
      const mine = decidedFor(f);
      if (f.sha256 && Object.keys(mine).length > 0) given[f.sha256] = mine;
    }
    const r = await commit.run({
      paths: paths.value,
      dryRun: false,
      ...arrivalArgs(),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
      ...(Object.keys(given).length > 0 ? { acks: given } : {}),
    });
    if (!r) return false;
    committed.value = r;
    preview.value = r;
    return true;
  }

  async function loadBatches(): Promise<void> {
    await batches.run({ limit: 200 });
  }

  /** The batch list reloads by itself after it (the data revision moved). */
  async function rollbackBatch(batchId: number): Promise<boolean> {
    return (await rollback.run({ batchId })) !== null;
  }

  return {
    paths,
    receivedDate,
    receivedPerFile,
    mode,
    canUseModified,
    setReceived,
    useModifiedDates,
    note,
    preview,
    committed,
    selectedFile,
    selected,
    issues,
    acks,
    decisions,
    committable,
    waiting,
    ready,
    decide,
    check,
    commit,
    batches,
    rollback,
    addPaths,
    removePath,
    clear,
    runCheck,
    runCommit,
    loadBatches,
    rollbackBatch,
  };
});
