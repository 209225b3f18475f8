import { useState } from 'react';
import { ApiError } from '../../api/client';

/** Runs a submit and keeps its error, so a form can show it (the server's message in plain words). */
export function useSubmit() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (work: () => Promise<void>) => {
    setSubmitting(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, error, run };
}
