import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { Case } from '../../api/types';

/** A one-click change to a case (end an assignment, remove a core-team member) that returns the updated case. */
export function useCaseAction(onDone: (updated: Case, message: string) => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<Case>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await action(), message);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
