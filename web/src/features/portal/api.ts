import { api, setPortalCsrfToken } from '../../api/client';
import type { OwnFamily } from '../../api/types';

/**
 * The family portal's API (issue 5 item 1). Its session is separate from the staff session: its own cookie and
 * CSRF token; a 401 here never ends the staff session in the same browser (quietUnauthorized).
 */

export interface PortalLoginStarted {
  status: 'code_sent_if_known';
  channel: 'email' | 'sms';
  expiresInMinutes: number;
  /** Only in a demo municipality outside production, where no e-mail or SMS is sent. */
  demoCode?: string;
}

export interface PortalMe {
  person: { firstName: string; lastName: string };
  municipality: { name: string };
  method: 'code' | 'oidc';
  expiresAt: string;
  family: OwnFamily | null;
  csrfToken: string;
}

const quiet = { quietUnauthorized: true };

export const portalApi = {
  options: () => api.get<{ oidc: boolean }>('/portal/login/options', quiet),
  start: (address: string) => api.post<PortalLoginStarted>('/portal/login/start', { address }, quiet),
  async verify(address: string, code: string): Promise<void> {
    const session = await api.post<{ csrfToken: string }>('/portal/login/verify', { address, code }, quiet);
    setPortalCsrfToken(session.csrfToken);
  },
  async me(): Promise<PortalMe> {
    const me = await api.get<PortalMe>('/portal/me', quiet);
    setPortalCsrfToken(me.csrfToken);
    return me;
  },
  async logout(): Promise<void> {
    try {
      await api.post('/portal/logout', {}, quiet);
    } finally {
      setPortalCsrfToken(null);
    }
  },
  /** Where the browser goes to log in with MitID (OpenID Connect): a full page load, not a fetch. */
  oidcStartUrl: '/api/portal/oidc/start',
};
