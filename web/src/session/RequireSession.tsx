import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import type { LoginState } from './SessionContext';
import { useSession } from './useSession';

/** Pages behind login: while the session is checked show "loading", without one go to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    // After an expired session the same user is brought back to where they were; after logging out, nobody is.
    const from = state.reason === 'logged_out' ? undefined : `${location.pathname}${location.search}`;
    const login: LoginState = { from, forUser: state.previousUserId, reason: state.reason };
    return <Navigate to="/login" replace state={login} />;
  }
  return <>{children}</>;
}
