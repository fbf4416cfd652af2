/**
 * One service call with the state a page shows around it: loading, the last
 * error as a Chinese sentence (message + where), progress events, the last value.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { ArgsOf, Method, ResultOf } from '../../api/contract';
import type { Progress } from '../../api/types';
import { formatError, type AppError } from '../../domain/result';
import { call } from '../api/bridge';

export interface ApiState<M extends Method> {
  loading: Ref<boolean>;
  error: ShallowRef<AppError | null>;
  errorText: Ref<string>;
  progress: ShallowRef<Progress | null>;
  data: ShallowRef<ResultOf<M> | null>;
  run: (args: ArgsOf<M>) => Promise<ResultOf<M> | null>;
  clearError: () => void;
}

export function useApi<M extends Method>(method: M): ApiState<M> {
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  const errorText = ref('');
  const progress = shallowRef<Progress | null>(null);
  const data = shallowRef<ResultOf<M> | null>(null);
  let generation = 0;

  async function run(args: ArgsOf<M>): Promise<ResultOf<M> | null> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    errorText.value = '';
    progress.value = null;
    try {
      const r = await call(method, args, (p) => {
        if (mine === generation) progress.value = p;
      });
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
      }
    }
  }

  function clearError(): void {
    error.value = null;
    errorText.value = '';
  }

  return { loading, error, errorText, progress, data, run, clearError };
}
