import { api } from '../../api/client';
import { portalApi } from '../portal/api';

/** Consent to share (issue 5 item 3), mirroring src/modules/consent/schema.ts. */

export interface ConsentView {
  id: string;
  department: { id: string; name: string; kind: string; external: boolean };
  scope: 'coordination';
  givenOn: string;
  givenBy: { personId: string; name: string };
  source: 'portal' | 'paper';
  recordedBy: string | null;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  inForce: boolean;
  version: number;
}

export interface ConsentRecipient {
  departmentId: string; name: string; kind: string; external: boolean; involvement: Array<'core_team' | 'meeting'>; consentId: string | null;
}

export interface FamilyConsents {
  familyId: string;
  consents: ConsentView[];
  recipients: ConsentRecipient[];
  abilities: Record<string, boolean>;
}

const quiet = { quietUnauthorized: true };

export const consentApi = {
  // The parent, in the family portal (portal session).
  // The portal's CSRF token lives in memory only: load the session first, so a page opened directly can give and withdraw.
  async own(): Promise<FamilyConsents> {
    await portalApi.me();
    return api.get<FamilyConsents>('/portal/consents', quiet);
  },
  give: (departmentId: string) => api.post<ConsentView>('/portal/consents', { departmentId, scope: 'coordination' }, quiet),
  withdraw: (id: string, version: number) => api.post<ConsentView>(`/portal/consents/${id}/withdraw`, { version }, quiet),
  // Staff, on the family page.
  ofFamily: (familyId: string) => api.get<FamilyConsents>(`/families/${familyId}/consents`),
};
