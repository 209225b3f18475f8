import { api } from '../../api/client';
import type { AnnualWheel } from '../worklist/api';
import type { Plan } from '../plan/api';

/** What the family sees in the portal (issue 5 item 2; src/modules/portal/view-schema.ts). */

export type Visibility = 'internal' | 'family' | 'partners';

export interface PortalPerson { name: string; phone: string | null; email: string; reachableHours: string | null }
export interface PortalContact {
  contacts: Array<PortalPerson & { role: 'family_coordinator' | 'primary_caseworker'; children: string[]; buddies: PortalPerson[] }>;
}
export interface PortalAgreement {
  id: string; text: string; owner: { kind: 'family' | 'staff'; name: string }; dueOn: string | null; status: 'open' | 'done' | 'cancelled';
  meeting: { id: string; type: string; scheduledAt: string };
}
export interface PortalMeeting {
  id: string; type: string; scheduledAt: string; location: string | null; childFirstName: string;
  participants: Array<{ name: string; category: 'family' | 'staff' | 'partner' | 'guest'; role: 'chair' | 'minute_taker' | 'participant'; organisation: string | null }>;
}
export interface PortalMeetings {
  upcoming: PortalMeeting[];
  withMinutes: Array<{ id: string; type: string; scheduledAt: string; childFirstName: string }>;
}
export interface PortalMinutes {
  id: string; type: string; scheduledAt: string; childFirstName: string; nextMeetingOn: string | null; minutes: string | null;
  columns: Array<{ key: string; points: Array<{ id: string; text: string }> }>;
  decisions: Array<{ id: string; text: string }>;
  agreements: PortalAgreement[];
}

const quiet = { quietUnauthorized: true };

export const portalViewsApi = {
  contact: () => api.get<PortalContact>('/portal/contact', quiet),
  plan: () => api.get<Plan>('/portal/plan', quiet),
  agreements: () => api.get<{ agreements: PortalAgreement[] }>('/portal/agreements', quiet),
  meetings: () => api.get<PortalMeetings>('/portal/meetings', quiet),
  minutes: (meetingId: string) => api.get<PortalMinutes>(`/portal/meetings/${encodeURIComponent(meetingId)}/minutes`, quiet),
  wheel: (year: number) => api.get<AnnualWheel>(`/portal/annual-wheel?year=${year}`, quiet),
};
