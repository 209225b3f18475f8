import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again, e.g. after someone else changed the record. */
  reload: () => void;
  /** Replaces the data with what a write returned, without another round trip. */
  setData: (data: T) => void;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'internal', error instanceof Error ? error.message : String(error));
}

/** Loads data for a page; `key` changes (e.g. the id in the URL) load again. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  // The state remembers which key and generation it was loaded for, so a new key or a reload shows as loading in the
  // very render that asks for it (set in the effect instead, the old result would be painted once first).
  const [state, setState] = useState<{ data?: T; error?: ApiError; key?: string; generation?: number }>({});
  const [generation, setGeneration] = useState(0);
  // `load` is a fresh closure every render; `key` and `generation` say when to load again (react.dev useEffectEvent).
  const loadLatest = useEffectEvent(load);

  useEffect(() => {
    let current = true;
    loadLatest().then(
      (data) => { if (current) setState({ data, key, generation }); },
      (error: unknown) => { if (current) setState({ error: asApiError(error), key, generation }); },
    );
    return () => { current = false; };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => setState({ data, key, generation }), [key, generation]);
  const loading = state.key !== key || state.generation !== generation;
  // A reload keeps showing the old data while it loads; another key starts empty.
  return { data: state.key === key ? state.data : undefined, error: loading ? undefined : state.error, loading, reload, setData };
}
