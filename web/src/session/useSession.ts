import { useContext } from 'react';
import type { SessionUser } from '../api/types';
import { SessionContext, type SessionApi } from './SessionContext';

/** The session: who is logged in, and login/logout. */
export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** The logged-in user; only for pages behind RequireSession. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser needs a logged-in user');
  return state.user;
}
