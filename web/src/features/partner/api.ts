import { api } from '../../api/client';
import type { SharedDocument } from '../document/api';

/** The partner API (issue 5 item 4): an external partner's restricted view, mirroring src/modules/partner/schema.ts. */

export type PartnerReason = 'partner_core_team' | 'partner_meeting';

export interface PartnerFamily {
  familyId: string; familyName: string; caseId: string; child: { firstName: string; lastName: string }; reason: PartnerReason; nextMeetingAt: string | null;
}

export interface PartnerAgreement {
  id: string; text: string; ownerName: string; dueOn: string | null; status: 'open' | 'done' | 'cancelled'; meetingAt: string; version: number;
  abilities: Record<string, boolean>;
}

export interface PartnerCase {
  caseId: string; familyId: string; familyName: string; child: { firstName: string; lastName: string }; reason: PartnerReason; consentGivenOn: string;
  goals: Array<{ id: string; title: string; horizon: 'short' | 'long'; status: string; startsOn: string; endsOn: string }>;
  agreements: PartnerAgreement[];
  meetings: Array<{
    id: string; type: string; title: string | null; scheduledAt: string; location: string | null; status: 'planned' | 'closed' | 'cancelled';
    sharedMinutes: string | null; sharedDecisions: Array<{ id: string; text: string }>;
  }>;
  notes: Array<{ id: string; text: string; authorName: string; createdAt: string }>;
  /** Documents staff shared with partners (issue 5). */
  documents: SharedDocument[];
}

export const partnerApi = {
  families: () => api.get<PartnerFamily[]>('/partner/families'),
  case: (caseId: string) => api.get<PartnerCase>(`/partner/cases/${caseId}`),
  updateAgreement: (id: string, status: PartnerAgreement['status'], version: number) => api.patch<PartnerAgreement>(`/partner/agreements/${id}`, { status, version }),
  addNote: (caseId: string, text: string) => api.post<PartnerCase['notes'][number]>(`/partner/cases/${caseId}/notes`, { text }),
};
