import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized } from '../api/client';
import { authApi } from '../api/endpoints';
import type { SessionUser } from '../api/types';

/** Why there is no session: never logged in, logged out, or the server ended it. */
export type EndReason = 'none' | 'logged_out' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: EndReason; previousUserId?: string }
  | { status: 'authenticated'; user: SessionUser };

export interface SessionApi {
  state: SessionState;
  login: (email: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

/** What the login page is told: where to go back to (and for whom), and why the user is there. */
export interface LoginState { from?: string; forUser?: string; reason?: EndReason }

export const SessionContext = createContext<SessionApi | null>(null);

/** Holds who is logged in: asks the server once at start, then follows login, logout and expired sessions. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    authApi.session().then(
      (session) => { if (current) setState({ status: 'authenticated', user: session.user }); },
      (error: unknown) => {
        if (!current) return;
        // 401 is the normal "not logged in"; anything else also leaves the user at the login page.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('Session check failed', error);
        setState({ status: 'anonymous', reason: 'none' });
      },
    );
    const stop = onUnauthorized(() => setState((previous) => ({
      status: 'anonymous',
      reason: 'expired',
      previousUserId: previous.status === 'authenticated' ? previous.user.id : undefined,
    })));
    return () => { current = false; stop(); };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const session = await authApi.login(email, password);
    setState({ status: 'authenticated', user: session.user });
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setState({ status: 'anonymous', reason: 'logged_out' });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
