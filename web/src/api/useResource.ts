import { useCallback, useEffect, useState } from 'react';
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
  const [state, setState] = useState<{ data?: T; error?: ApiError; key?: string; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    // A reload keeps showing the old data while it loads; another key starts empty.
    setState((previous) => ({ data: previous.key === key ? previous.data : undefined, key, loading: true }));
    load().then(
      (data) => { if (current) setState({ data, key, loading: false }); },
      (error: unknown) => { if (current) setState({ error: asApiError(error), key, loading: false }); },
    );
    return () => { current = false; };
    // `load` is a fresh closure every render; `key` and `generation` say when to load again.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => setState({ data, key, loading: false }), [key]);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
