/**
 * One service call with the state a page shows around it: loading, the last
 * error as a Chinese sentence (message + where), progress events, the last value,
 * and a way to cancel the call that is running.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { BridgeArgs, BridgeMethod, BridgeResult } from '../../api/contract';
import type { Progress } from '../../api/types';
import { formatError, type AppError } from '../../domain/result';
import { call, cancel as cancelCall, newCallId } from '../api/bridge';

export interface ApiState<M extends BridgeMethod> {
  loading: Ref<boolean>;
  error: ShallowRef<AppError | null>;
  errorText: Ref<string>;
  progress: ShallowRef<Progress | null>;
  data: ShallowRef<BridgeResult<M> | null>;
  run: (args: BridgeArgs<M>) => Promise<BridgeResult<M> | null>;
  cancel: () => void;
  clearError: () => void;
}

export function useApi<M extends BridgeMethod>(method: M): ApiState<M> {
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  const errorText = ref('');
  const progress = shallowRef<Progress | null>(null);
  const data = shallowRef<BridgeResult<M> | null>(null);
  let generation = 0;
  let running: string | null = null;

  async function run(args: BridgeArgs<M>): Promise<BridgeResult<M> | null> {
    const mine = ++generation;
    const callId = newCallId();
    running = callId;
    loading.value = true;
    error.value = null;
    errorText.value = '';
    progress.value = null;
    try {
      const r = await call(
        method,
        args,
        (p) => {
          if (mine === generation) progress.value = p;
        },
        { callId },
      );
      // A newer call on the same state wins: an old answer must not overwrite it.
      if (mine !== generation) return r.ok ? r.value : null;
      if (r.ok) {
        data.value = r.value;
        return r.value;
      }
      error.value = r.error;
      errorText.value = formatError(r.error);
      return null;
    } finally {
      if (mine === generation) {
        loading.value = false;
        progress.value = null;
        running = null;
      }
    }
  }

  function cancel(): void {
    if (running) cancelCall(running);
  }

  function clearError(): void {
    error.value = null;
    errorText.value = '';
  }

  return { loading, error, errorText, progress, data, run, cancel, clearError };
}
