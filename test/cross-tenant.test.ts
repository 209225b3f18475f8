import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listRoutes, testToday, type TestApp } from './app.js';
import {
  addAssignment, addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMeetingRecords, makeMunicipality, makeUser,
  type Session, type TestMeetingRecords, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { makeAssessmentRecords, type TestAssessmentRecords } from './assessment-fixtures.js';
import { makeCalendarRecords } from './calendar-fixtures.js';
import { makeDecisionRecords } from './decision-fixtures.js';
import { makeProposalRecords } from './proposal-fixtures.js';
import { makeDocumentRecords, pdfBytes } from './document-fixtures.js';
import { makeFamilyPortalRecords } from './family-portal-fixtures.js';
import { makeLeadingPracticeRecords, type TestLeadingPracticeRecords } from './leading-practice-fixtures.js';
import { makeStatusMeasurementRecords } from './status-measurement-fixtures.js';
import { makeLeadershipRecords } from './leadership-fixtures.js';
import { makeSurveyRecords, type TestSurveyRecords } from './survey-fixtures.js';
import { makeFollowUpRecords } from './follow-up-fixtures.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';
import { snapshotTenant } from './inspect.js';
import { makePlanRecords } from './plan-fixtures.js';

/**
 * The canary across every module (style.md §6, threat model "critical"): staff of municipality A, however senior,
 * asking for municipality B's records by their exact ids get 404 — the same answer as for an id that does not
 * exist — and B's data is byte-for-byte unchanged afterwards. The route list is read from the app itself, so a new
 * route with an id must be added to the table below or this file fails.
 */

let t: TestApp;
let A: {
  municipality: TestMunicipality; coordinator: TestUser; leader: TestUser; admin: TestUser; family: TestFamily; familyWithoutCase: TestFamily; measureId: string;
  plannedMeetingId: string;
};
let B: {
  municipality: TestMunicipality; coordinator: TestUser; partner: TestUser; family: TestFamily;
  measureId: string; buddyAssignmentId: string; teamMemberId: string; meetings: TestMeetingRecords; wheelActivityId: string; outboxMessageId: string;
  caseDecisionId: string; competenceVersionId: string;
};
let sessions: Record<'coordinator' | 'leader' | 'admin', Session>;
let bBefore: Awaited<ReturnType<typeof snapshotTenant>>;
/** B's §18 screening and §137 notification and re-assessment (assessment-fixtures.ts). */
let bAssessments: TestAssessmentRecords;
/** B's family message thread (family-portal-fixtures.ts). */
let bThreadId: string;
/** B's consent to share with its school (issue 5 items 3-4). */
let bConsentId: string;
/** B's case document, shared with the family and partners (issue 5, migration 0016). */
let bDocumentId: string;
/** B's status measurement (issue 9 item 7, migration 0023); its route is matched to B's or an unknown id by the case id. */
let bStatusMeasurementId: string;
/** B's escalation of an overdue follow-up (issue 9 item 2, migration 0021); matched to B's or an unknown id by the case id. */
let bEscalationId: string;
/** B's survey wave and invitations (issue 10, migration 0020); matched to B's or an unknown id by the case id. */
let bSurvey: TestSurveyRecords;
/** B's core-team proposal and committee meeting (issue 8 items 2-3, migration 0018); matched to B's or an unknown id by the case id. */
let bProposals: Awaited<ReturnType<typeof makeProposalRecords>>;
/** B's handover note, transition step, leaders' meeting series and meeting, learning goal (issue 9 items 3-6, migration 0022). */
let bLeading: TestLeadingPracticeRecords;
/** The family portal session of A's parent (issue 5): portal routes are checked with it, not with staff sessions. */
let portalParent: PortalSession;

/** Every portal route with an id in its path: A's parent asking with B's ids (issue 5 items 3 and 5). */
const portalIdRoutes: Record<string, (ids: Ids) => RequestSpec> = {
  'GET /api/portal/meetings/:id/minutes': (ids) => ({ url: `/api/portal/meetings/${ids.meeting}/minutes` }),
  'GET /api/portal/threads/:id': (ids) => ({ url: `/api/portal/threads/${ids.thread}` }),
  // Consent to share (issue 5 item 3).
  'POST /api/portal/consents/:id/withdraw': (ids) => ({ url: `/api/portal/consents/${ids.consent}/withdraw`, payload: { version: 1 } }),
  'POST /api/portal/threads/:id/messages': (ids) => ({ url: `/api/portal/threads/${ids.thread}/messages`, payload: { body: 'Udefra' } }),
  'GET /api/portal/meetings/:id/preparation': (ids) => ({ url: `/api/portal/meetings/${ids.meeting}/preparation` }),
  // Documents shared with the family (issue 5).
  'GET /api/portal/documents/:id/content': (ids) => ({ url: `/api/portal/documents/${ids.document}/content` }),
  'PUT /api/portal/meetings/:id/preparation': (ids) => ({ url: `/api/portal/meetings/${ids.meeting}/preparation`, payload: { focusPoints: 'Udefra', version: 0 } }),
  'POST /api/portal/meetings/:id/feedback': (ids) => ({
    url: `/api/portal/meetings/${ids.meeting}/feedback`, payload: { heard: 3, importantTopics: 3, approach: 3, overall: 3 },
  }),
  'GET /api/portal/children/:id/child-page': (ids) => ({ url: `/api/portal/children/${ids.person}/child-page` }),
  // The parent survey (issue 10): B's invitation answers like an unknown one.
  'GET /api/portal/surveys/:id': (ids) => ({ url: `/api/portal/surveys/${ids.case === B.family.caseId ? bSurvey.invitationId : randomUUID()}` }),
  'POST /api/portal/surveys/:id/response': (ids) => ({
    url: `/api/portal/surveys/${ids.case === B.family.caseId ? bSurvey.invitationId : randomUUID()}/response`, payload: { answers: [{ itemKey: 'p_sam_1', value: 4 }] },
  }),
  'PUT /api/portal/children/:id/child-page': (ids) => ({ url: `/api/portal/children/${ids.person}/child-page`, payload: { allowed: true, version: 1 } }),
  'POST /api/portal/children/:id/child-page/answers': (ids) => ({
    url: `/api/portal/children/${ids.person}/child-page/answers`, payload: { answers: [{ question: 'general', score: 3 }] },
  }),
};

/** One shared surname, so A's own family matches every name search aimed at B's. */
const sharedLastName = 'Skovgaard';

interface Ids {
  family: string; person: string; case: string; assignment: string; teamMember: string; measure: string; user: string;
  meeting: string; participant: string; agendaPoint: string; decision: string; agreement: string; fixedTeam: string;
  wheelActivity: string; outboxMessage: string; caseDecision: string;
  reassessment: string;
  thread: string;
  consent: string;
  document: string;
  competenceVersion: string;
}
type RequestSpec = { url: string; payload?: unknown };

/**
 * Every route with an id in its path, and a request that would succeed if the id were the caller's own (valid body,
 * the record's current version), so only the id decides the answer.
 */
const idRoutes: Record<string, (ids: Ids) => RequestSpec> = {
  // Handover, deputies, transition track, leaders' meetings, learning goals (issue 9 items 3-6): B's records by the case id.
  'GET /api/cases/:id/handover': (ids) => ({ url: `/api/cases/${ids.case}/handover` }),
  'POST /api/cases/:id/handover': (ids) => ({ url: `/api/cases/${ids.case}/handover`, payload: { toUserId: A.leader.id, familyNeeds: 'Overdragelse' } }),
  'POST /api/cases/:id/deputies': (ids) => ({ url: `/api/cases/${ids.case}/deputies`, payload: { userId: A.leader.id, startsOn: testToday, endsOn: '2026-12-31' } }),
  'GET /api/cases/:id/transition-track': (ids) => ({ url: `/api/cases/${ids.case}/transition-track` }),
  'PUT /api/cases/:id/transition-track': (ids) => ({ url: `/api/cases/${ids.case}/transition-track`, payload: { adultContactName: 'Udefra', version: 1 } }),
  'POST /api/cases/:id/transition-track/steps': (ids) => ({ url: `/api/cases/${ids.case}/transition-track/steps`, payload: { title: 'Udefra', plannedOn: '2027-01-01' } }),
  'PATCH /api/transition-steps/:id': (ids) => ({ url: `/api/transition-steps/${ids.case === B.family.caseId ? bLeading.stepId : randomUUID()}`, payload: { done: true, version: 1 } }),
  'GET /api/learning-goals/:id': (ids) => ({ url: `/api/learning-goals/${ids.case === B.family.caseId ? bLeading.learningGoalId : randomUUID()}` }),
  'PATCH /api/learning-goals/:id': (ids) => ({ url: `/api/learning-goals/${ids.case === B.family.caseId ? bLeading.learningGoalId : randomUUID()}`, payload: { notes: 'Udefra', version: 1 } }),
  'GET /api/leader-meetings/series/:id': (ids) => ({ url: `/api/leader-meetings/series/${ids.case === B.family.caseId ? bLeading.seriesId : randomUUID()}` }),
  'POST /api/leader-meetings/series/:id/meetings': (ids) => ({ url: `/api/leader-meetings/series/${ids.case === B.family.caseId ? bLeading.seriesId : randomUUID()}/meetings`, payload: {} }),
  'GET /api/leader-meetings/:id': (ids) => ({ url: `/api/leader-meetings/${ids.case === B.family.caseId ? bLeading.meetingId : randomUUID()}` }),
  'POST /api/leader-meetings/:id/decisions': (ids) => ({
    url: `/api/leader-meetings/${ids.case === B.family.caseId ? bLeading.meetingId : randomUUID()}/decisions`, payload: { text: 'Udefra', responsibleUserId: A.leader.id },
  }),
  'POST /api/leader-meetings/:id/hold': (ids) => ({ url: `/api/leader-meetings/${ids.case === B.family.caseId ? bLeading.meetingId : randomUUID()}/hold`, payload: { minutes: 'Udefra', version: 1 } }),
  // Surveys (issue 10): B's waves and staff invitations answer like unknown ids.
  'POST /api/surveys/waves/:id/invitations': (ids) => ({ url: `/api/surveys/waves/${ids.case === B.family.caseId ? bSurvey.waveId : randomUUID()}/invitations` }),
  'POST /api/surveys/waves/:id/reminders': (ids) => ({ url: `/api/surveys/waves/${ids.case === B.family.caseId ? bSurvey.waveId : randomUUID()}/reminders` }),
  'POST /api/surveys/waves/:id/close': (ids) => ({ url: `/api/surveys/waves/${ids.case === B.family.caseId ? bSurvey.waveId : randomUUID()}/close`, payload: { version: 1 } }),
  'GET /api/surveys/invitations/:id': (ids) => ({ url: `/api/surveys/invitations/${ids.case === B.family.caseId ? bSurvey.staffInvitationId : randomUUID()}` }),
  'POST /api/surveys/invitations/:id/response': (ids) => ({
    url: `/api/surveys/invitations/${ids.case === B.family.caseId ? bSurvey.staffInvitationId : randomUUID()}/response`, payload: { answers: [{ itemKey: 's_org_1', value: 4 }] },
  }),
  // The leader's escalations (issue 9 item 2).
  'POST /api/leader/escalations/:id/resolve': (ids) => ({
    url: `/api/leader/escalations/${ids.case === B.family.caseId ? bEscalationId : randomUUID()}/resolve`, payload: { note: 'Udefra', version: 1 },
  }),
  'PATCH /api/users/:id': (ids) => ({ url: `/api/users/${ids.user}`, payload: { name: 'Overtaget Bruger', version: 1 } }),
  'GET /api/families/:id': (ids) => ({ url: `/api/families/${ids.family}` }),
  'PATCH /api/families/:id': (ids) => ({ url: `/api/families/${ids.family}`, payload: { notes: 'Ændret udefra', version: 1 } }),
  'POST /api/families/:id/members': (ids) => ({
    url: `/api/families/${ids.family}/members`, payload: { relation: 'sibling', person: { firstName: 'Snig', lastName: 'Søskende', birthDate: '2019-05-05' } },
  }),
  'PATCH /api/persons/:id': (ids) => ({ url: `/api/persons/${ids.person}`, payload: { phone: '+45 99 99 99 99', version: 1 } }),
  'GET /api/cases/:id': (ids) => ({ url: `/api/cases/${ids.case}` }),
  'PATCH /api/cases/:id': (ids) => ({ url: `/api/cases/${ids.case}`, payload: { status: 'closed', statusReason: 'Lukket udefra', version: 1 } }),
  'POST /api/cases/:id/assignments': (ids) => ({ url: `/api/cases/${ids.case}/assignments`, payload: { userId: A.coordinator.id, role: 'buddy', startsOn: testToday } }),
  'POST /api/assignments/:id/end': (ids) => ({ url: `/api/assignments/${ids.assignment}/end`, payload: { endsOn: testToday } }),
  'POST /api/cases/:id/team-members': (ids) => ({ url: `/api/cases/${ids.case}/team-members`, payload: { userId: A.coordinator.id } }),
  'POST /api/team-members/:id/remove': (ids) => ({ url: `/api/team-members/${ids.teamMember}/remove`, payload: { removedOn: testToday } }),
  'GET /api/cases/:id/access-log': (ids) => ({ url: `/api/cases/${ids.case}/access-log` }),
  'POST /api/cases/:id/measures': (ids) => ({
    url: `/api/cases/${ids.case}/measures`, payload: { legalBasisId: 'BL-86', departmentId: A.municipality.departments.child_disability, description: 'Kørsel', startsOn: testToday },
  }),
  'PATCH /api/measures/:id': (ids) => ({ url: `/api/measures/${ids.measure}`, payload: { description: 'Ændret udefra', version: 1 } }),
  'DELETE /api/measures/:id': (ids) => ({ url: `/api/measures/${ids.measure}?version=1` }),
  'PUT /api/measures/:id/law-follow-up': (ids) => ({
    url: `/api/measures/${ids.measure}/law-follow-up`, payload: { months: 3, reasons: 'Udefra', decidedOn: testToday, version: 1 },
  }),
  // Case flow, core teams and meetings (issue 3).
  'GET /api/cases/:id/flow': (ids) => ({ url: `/api/cases/${ids.case}/flow` }),
  'POST /api/cases/:id/flow/records': (ids) => ({ url: `/api/cases/${ids.case}/flow/records`, payload: { kind: 'information_shared', text: 'Delt udefra' } }),
  'POST /api/cases/:id/flow/rounds': (ids) => ({ url: `/api/cases/${ids.case}/flow/rounds`, payload: { reason: 'Ny runde udefra' } }),
  'POST /api/cases/:id/core-team/apply': (ids) => ({ url: `/api/cases/${ids.case}/core-team/apply`, payload: { teamId: ids.fixedTeam } }),
  'PATCH /api/core-teams/:id': (ids) => ({ url: `/api/core-teams/${ids.fixedTeam}`, payload: { name: 'Overtaget team', version: 1 } }),
  'GET /api/cases/:id/meetings': (ids) => ({ url: `/api/cases/${ids.case}/meetings` }),
  'POST /api/cases/:id/meetings': (ids) => ({ url: `/api/cases/${ids.case}/meetings`, payload: { type: 'status_meeting', scheduledAt: '2026-11-21T09:00:00Z' } }),
  'GET /api/cases/:id/agreements': (ids) => ({ url: `/api/cases/${ids.case}/agreements` }),
  'GET /api/meetings/:id': (ids) => ({ url: `/api/meetings/${ids.meeting}` }),
  'PATCH /api/meetings/:id': (ids) => ({ url: `/api/meetings/${ids.meeting}`, payload: { minutes: 'Udefra', version: 1 } }),
  'POST /api/meetings/:id/close': (ids) => ({ url: `/api/meetings/${ids.meeting}/close`, payload: { noNextMeetingReason: 'Udefra', version: 1 } }),
  'POST /api/meetings/:id/cancel': (ids) => ({ url: `/api/meetings/${ids.meeting}/cancel`, payload: { version: 1 } }),
  'POST /api/meetings/:id/participants': (ids) => ({ url: `/api/meetings/${ids.meeting}/participants`, payload: { kind: 'guest', guestName: 'Snig' } }),
  'DELETE /api/meeting-participants/:id': (ids) => ({ url: `/api/meeting-participants/${ids.participant}` }),
  'POST /api/meetings/:id/agenda-points': (ids) => ({ url: `/api/meetings/${ids.meeting}/agenda-points`, payload: { column: 'worries', text: 'Udefra' } }),
  'PATCH /api/agenda-points/:id': (ids) => ({ url: `/api/agenda-points/${ids.agendaPoint}`, payload: { text: 'Udefra', version: 1 } }),
  'DELETE /api/agenda-points/:id': (ids) => ({ url: `/api/agenda-points/${ids.agendaPoint}?version=1` }),
  'POST /api/meetings/:id/decisions': (ids) => ({ url: `/api/meetings/${ids.meeting}/decisions`, payload: { text: 'Udefra' } }),
  'DELETE /api/meeting-decisions/:id': (ids) => ({ url: `/api/meeting-decisions/${ids.decision}` }),
  'POST /api/meetings/:id/agreements': (ids) => ({ url: `/api/meetings/${ids.meeting}/agreements`, payload: { text: 'Udefra', ownerUserId: A.coordinator.id, dueOn: '2027-01-01' } }),
  'PUT /api/meetings/:id/sharing': (ids) => ({ url: `/api/meetings/${ids.meeting}/sharing`, payload: { version: 1, minutesVisibility: 'family' } }),
  'PATCH /api/agreements/:id': (ids) => ({ url: `/api/agreements/${ids.agreement}`, payload: { status: 'done', version: 1 } }),  // Joint plan and the child's own voice (issue 3 §4-5). ids.person may be any person of B: a non-child is 404 too.
  'GET /api/families/:id/plan': (ids) => ({ url: `/api/families/${ids.family}/plan` }),
  'POST /api/families/:id/plan': (ids) => ({ url: `/api/families/${ids.family}/plan`, payload: { reason: 'Udefra', goals: [] } }),
  'POST /api/families/:id/plan/versions': (ids) => ({ url: `/api/families/${ids.family}/plan/versions`, payload: { baseVersion: 1, reason: 'Udefra', goals: [] } }),
  'GET /api/families/:id/plan/versions/:number': (ids) => ({ url: `/api/families/${ids.family}/plan/versions/1` }),
  'POST /api/families/:id/plan/versions/:number/statuses': (ids) => ({
    url: `/api/families/${ids.family}/plan/versions/1/statuses`, payload: { reason: 'Udefra', updates: [{ goalKey: ids.family, status: 'achieved' }] },
  }),
  'POST /api/families/:id/plan/versions/:number/agreement': (ids) => ({
    url: `/api/families/${ids.family}/plan/versions/1/agreement`, payload: { agreedOn: testToday, personIds: [ids.person] },
  }),
  'GET /api/families/:id/plan/compare': (ids) => ({ url: `/api/families/${ids.family}/plan/compare?from=1&to=1` }),
  'GET /api/families/:id/plan/pdf': (ids) => ({ url: `/api/families/${ids.family}/plan/pdf` }),
  'GET /api/children/:id/voice': (ids) => ({ url: `/api/children/${ids.person}/voice` }),
  'POST /api/children/:id/voice/notes': (ids) => ({ url: `/api/children/${ids.person}/voice/notes`, payload: { occurredOn: testToday, method: 'conversation', summary: 'Udefra' } }),
  'POST /api/children/:id/voice/scores': (ids) => ({ url: `/api/children/${ids.person}/voice/scores`, payload: { scoredOn: testToday, scores: [{ topic: 'Skole', score: 3 }] } }),
  // Follow-up, contact, transition and the annual wheel (issue 4).
  'GET /api/cases/:id/follow-ups': (ids) => ({ url: `/api/cases/${ids.case}/follow-ups` }),
  'POST /api/cases/:id/follow-ups': (ids) => ({ url: `/api/cases/${ids.case}/follow-ups`, payload: { occurredOn: testToday, form: 'phone', summary: 'Udefra' } }),
  'GET /api/cases/:id/transition': (ids) => ({ url: `/api/cases/${ids.case}/transition` }),
  'PUT /api/cases/:id/transition': (ids) => ({ url: `/api/cases/${ids.case}/transition`, payload: { startedOn: testToday, version: 1 } }),
  'POST /api/families/:id/contacts': (ids) => ({ url: `/api/families/${ids.family}/contacts`, payload: { occurredOn: testToday, channel: 'sms' } }),
  'GET /api/families/:id/contact-agreement': (ids) => ({ url: `/api/families/${ids.family}/contact-agreement` }),
  'PUT /api/families/:id/contact-agreement': (ids) => ({ url: `/api/families/${ids.family}/contact-agreement`, payload: { channels: ['phone'], everyDays: 14, prefersSpace: false, revision: 1 } }),
  'GET /api/families/:id/annual-wheel': (ids) => ({ url: `/api/families/${ids.family}/annual-wheel?year=2027` }),
  'POST /api/families/:id/annual-wheel/activities': (ids) => ({ url: `/api/families/${ids.family}/annual-wheel/activities`, payload: { year: 2027, month: 3, kind: 'network_meeting' } }),
  'PATCH /api/annual-wheel/activities/:id': (ids) => ({ url: `/api/annual-wheel/activities/${ids.wheelActivity}`, payload: { scheduledAt: null, version: 1 } }),
  // Calendar and reminders (issue 4). The feed is public: a token of B's is as unknown to A as any other.
  'GET /api/meetings/:id/invitation.ics': (ids) => ({ url: `/api/meetings/${ids.meeting}/invitation.ics` }),
  'GET /api/calendar/feed/:file': () => ({ url: `/api/calendar/feed/${'A'.repeat(43)}.ics` }),
  'GET /api/persons/:id/reminder-preference': (ids) => ({ url: `/api/persons/${ids.person}/reminder-preference` }),
  'PUT /api/persons/:id/reminder-preference': (ids) => ({ url: `/api/persons/${ids.person}/reminder-preference`, payload: { optedIn: false, channel: 'email', version: 1 } }),
  'POST /api/admin/outbox/:id/retry': (ids) => ({ url: `/api/admin/outbox/${ids.outboxMessage}/retry` }),
  // Decisions with today's law duties (issue 7 §3).
  'GET /api/cases/:id/decisions': (ids) => ({ url: `/api/cases/${ids.case}/decisions` }),
  'POST /api/cases/:id/decisions': (ids) => ({
    url: `/api/cases/${ids.case}/decisions`,
    payload: { decidedOn: testToday, outcome: 'refused', legalBasisId: 'BL-32', reasoning: 'Udefra', childViewsNotObtainedReason: 'Udefra' },
  }),
  'GET /api/decisions/:id': (ids) => ({ url: `/api/decisions/${ids.caseDecision}` }),
  'PATCH /api/decisions/:id': (ids) => ({ url: `/api/decisions/${ids.caseDecision}`, payload: { reasoning: 'Udefra', version: 1 } }),
  // Barnets Lov §18 screening, §20 provisional assessment, §137 notifications and re-assessments (issue 7).
  'GET /api/cases/:id/screenings': (ids) => ({ url: `/api/cases/${ids.case}/screenings` }),
  'POST /api/cases/:id/screenings': (ids) => ({
    url: `/api/cases/${ids.case}/screenings`, payload: { awareOn: testToday, screenedOn: testToday, outcome: 'nothing_further', reasons: 'Udefra' },
  }),
  'PUT /api/measures/:id/provisional-assessment': (ids) => ({ url: `/api/measures/${ids.measure}/provisional-assessment`, payload: { on: testToday, text: 'Udefra', version: 1 } }),
  'GET /api/cases/:id/notifications': (ids) => ({ url: `/api/cases/${ids.case}/notifications` }),
  'POST /api/cases/:id/notifications': (ids) => ({ url: `/api/cases/${ids.case}/notifications`, payload: { receivedOn: testToday, source: 'other', summary: 'Udefra' } }),
  'PATCH /api/reassessments/:id': (ids) => ({ url: `/api/reassessments/${ids.reassessment}`, payload: { assignedUserId: A.coordinator.id, version: 1 } }),
  // Family messages, meeting preparation and feedback (issue 5 item 3), staff side.
  'GET /api/families/:id/threads': (ids) => ({ url: `/api/families/${ids.family}/threads` }),
  'GET /api/message-threads/:id': (ids) => ({ url: `/api/message-threads/${ids.thread}` }),
  'POST /api/message-threads/:id/messages': (ids) => ({ url: `/api/message-threads/${ids.thread}/messages`, payload: { body: 'Udefra' } }),
  'GET /api/meetings/:id/family-input': (ids) => ({ url: `/api/meetings/${ids.meeting}/family-input` }),
  // Consent to share and the partner view (issue 5 items 3-4).
  'GET /api/families/:id/consents': (ids) => ({ url: `/api/families/${ids.family}/consents` }),
  'POST /api/families/:id/consents': (ids) => ({
    url: `/api/families/${ids.family}/consents`, payload: { departmentId: A.municipality.departments.ppr, givenOn: testToday, givenByPersonId: ids.person },
  }),
  'POST /api/consents/:id/withdraw': (ids) => ({ url: `/api/consents/${ids.consent}/withdraw`, payload: { version: 1 } }),
  'GET /api/partner/cases/:id': (ids) => ({ url: `/api/partner/cases/${ids.case}` }),
  'PATCH /api/partner/agreements/:id': (ids) => ({ url: `/api/partner/agreements/${ids.agreement}`, payload: { status: 'done', version: 1 } }),
  'POST /api/partner/cases/:id/notes': (ids) => ({ url: `/api/partner/cases/${ids.case}/notes`, payload: { text: 'Udefra' } }),
  'GET /api/cases/:id/partner-notes': (ids) => ({ url: `/api/cases/${ids.case}/partner-notes` }),
  // Documents of a case (issue 5), staff side and the partner's download.
  'GET /api/cases/:id/documents': (ids) => ({ url: `/api/cases/${ids.case}/documents` }),
  'POST /api/cases/:id/documents': (ids) => ({
    url: `/api/cases/${ids.case}/documents`, payload: { title: 'Udefra', fileName: 'udefra.pdf', contentType: 'application/pdf', content: pdfBytes.toString('base64') },
  }),
  'GET /api/documents/:id/content': (ids) => ({ url: `/api/documents/${ids.document}/content` }),
  'PATCH /api/documents/:id': (ids) => ({ url: `/api/documents/${ids.document}`, payload: { visibility: 'internal', version: 1 } }),
  'DELETE /api/documents/:id': (ids) => ({ url: `/api/documents/${ids.document}?version=1` }),
  'GET /api/partner/documents/:id/content': (ids) => ({ url: `/api/partner/documents/${ids.document}/content` }),
  // Decisions by the competence plan, core-team proposals and the visitation committee (issue 8 items 2-3).
  'GET /api/cases/:id/decision-competence': (ids) => ({ url: `/api/cases/${ids.case}/decision-competence` }),
  'GET /api/cases/:id/proposals': (ids) => ({ url: `/api/cases/${ids.case}/proposals` }),
  'POST /api/cases/:id/proposals': (ids) => ({
    url: `/api/cases/${ids.case}/proposals`, payload: { legalBasisId: 'BL-32', reasoning: 'Udefra', childViewsNotObtainedReason: 'Udefra' },
  }),
  'GET /api/proposals/:id': (ids) => ({ url: `/api/proposals/${ids.case === B.family.caseId ? bProposals.proposalId : randomUUID()}` }),
  'POST /api/proposals/:id/votes': (ids) => ({ url: `/api/proposals/${ids.case === B.family.caseId ? bProposals.proposalId : randomUUID()}/votes`, payload: { vote: 'agree' } }),
  'GET /api/committee/meetings/:id': (ids) => ({ url: `/api/committee/meetings/${ids.case === B.family.caseId ? bProposals.committeeMeetingId : randomUUID()}` }),
  'POST /api/committee/proposals/:id/decision': (ids) => ({
    url: `/api/committee/proposals/${ids.case === B.family.caseId ? bProposals.proposalId : randomUUID()}/decision`, payload: { outcome: 'granted', reasoning: 'Udefra' },
  }),
  // The decision-competence plan (issue 8 item 1): one version of B's plan.
  'GET /api/competence-plan/versions/:id': (ids) => ({ url: `/api/competence-plan/versions/${ids.competenceVersion}` }),
  // Shared financing and a family's costs (issue 8 items 4-6).
  'GET /api/measures/:id/financing': (ids) => ({ url: `/api/measures/${ids.measure}/financing` }),
  'POST /api/measures/:id/financing/versions': (ids) => ({
    url: `/api/measures/${ids.measure}/financing/versions`, payload: { basedOnVersion: 0, reason: 'Udefra', shares: [{ departmentId: randomUUID(), validFrom: '2026-01-01', shareBp: 10000 }] },
  }),
  'POST /api/measures/:id/financing/status': (ids) => ({ url: `/api/measures/${ids.measure}/financing/status`, payload: { basedOnVersion: 1, status: 'agreed', reason: 'Udefra' } }),
  'GET /api/families/:id/costs': (ids) => ({ url: `/api/families/${ids.family}/costs` }),
  // Fidelity status measurements (issue 9 item 7 = issue 10 item 6).
  'GET /api/cases/:id/status-measurement': (ids) => ({ url: `/api/cases/${ids.case}/status-measurement` }),
  'POST /api/cases/:id/status-measurements': (ids) => ({
    url: `/api/cases/${ids.case}/status-measurements`, payload: { answers: [{ questionKey: 'sof_involvement_child', score: 4 }] },
  }),
  'POST /api/cases/:id/status-measurement/raters': (ids) => ({ url: `/api/cases/${ids.case}/status-measurement/raters`, payload: { userId: A.coordinator.id } }),
  'PATCH /api/status-measurements/:id': (ids) => ({
    url: `/api/status-measurements/${ids.case === B.family.caseId ? bStatusMeasurementId : randomUUID()}`,
    payload: { answers: [{ questionKey: 'sof_involvement_child', score: 4 }], version: 1 },
  }),
};

const bIds = (): Ids => ({
  reassessment: bAssessments.reassessmentId, thread: bThreadId, consent: bConsentId, document: bDocumentId,
  family: B.family.familyId, person: B.family.child.id, case: B.family.caseId, assignment: B.buddyAssignmentId,
  teamMember: B.teamMemberId, measure: B.measureId, user: B.coordinator.id,
  meeting: B.meetings.meetingId, participant: B.meetings.participantId, agendaPoint: B.meetings.agendaPointId, decision: B.meetings.decisionId,
  agreement: B.meetings.agreementId, fixedTeam: B.meetings.fixedTeamId, wheelActivity: B.wheelActivityId, outboxMessage: B.outboxMessageId,
  caseDecision: B.caseDecisionId, competenceVersion: B.competenceVersionId,
});
const unknownIds = (): Ids => ({
  reassessment: randomUUID(), thread: randomUUID(), consent: randomUUID(), document: randomUUID(),
  family: randomUUID(), person: randomUUID(), case: randomUUID(), assignment: randomUUID(), teamMember: randomUUID(), measure: randomUUID(), user: randomUUID(),
  meeting: randomUUID(), participant: randomUUID(), agendaPoint: randomUUID(), decision: randomUUID(), agreement: randomUUID(), fixedTeam: randomUUID(),
  wheelActivity: randomUUID(), outboxMessage: randomUUID(), caseDecision: randomUUID(), competenceVersion: randomUUID(),
});

/** Every string of B that must never reach A: ids, names, CPR numbers. */
function bSecrets(): string[] {
  const f = B.family;
  return [
    ...Object.values(bAssessments), bThreadId, bConsentId, bDocumentId,
    f.familyId, f.caseId, f.child.id, f.parent.id, B.measureId, B.buddyAssignmentId, B.teamMemberId, B.coordinator.id, B.partner.id, B.municipality.id,
    ...Object.values(B.municipality.departments), f.child.cpr, f.parent.cpr, f.child.firstName, f.parent.firstName, B.coordinator.email, B.coordinator.name,
    B.municipality.name, ...Object.values(B.meetings), B.wheelActivityId, B.outboxMessageId, B.caseDecisionId,
  ];
}

function send(session: Session, method: string, spec: RequestSpec) {
  return client(t.app, session).request(method as 'GET', spec.url, spec.payload);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  {
    const municipality = await makeMunicipality(db, { name: 'Nabo Kommune' });
    const coordinator = await makeUser(db, municipality, { roles: ['coordinator'], hasAuthority: true, name: 'Bodil Bagside' });
    const buddy = await makeUser(db, municipality, { roles: ['coordinator'] });
    const partner = await makeUser(db, municipality, { roles: ['external_partner'], department: 'school' });
    const family = await makeFamilyWithCase(db, municipality, { lead: coordinator, lastName: sharedLastName, model: 'sof' });
    const buddyAssignmentId = await addAssignment(db, family.caseId, buddy, 'buddy');
    const teamMemberId = await addTeamMember(db, family.caseId, partner);
    const measureId = await makeMeasure(db, municipality, family.caseId);
    const meetings = await makeMeetingRecords(db, municipality, family, coordinator);
    await makePlanRecords(db, municipality, family, coordinator, meetings.meetingId, measureId);
    const { wheelActivityId } = await makeFollowUpRecords(db, family);
    const { outboxMessageId } = await makeCalendarRecords(db, family, coordinator, meetings.meetingId);
    bAssessments = await makeAssessmentRecords(db, family, coordinator);
    bThreadId = (await makeFamilyPortalRecords(db, family, coordinator, meetings.meetingId)).threadId;
    const { decisionId: caseDecisionId, competenceVersionId } = await makeDecisionRecords(db, family, coordinator, measureId);
    bProposals = await makeProposalRecords(db, family, coordinator);
    bDocumentId = (await makeDocumentRecords(db, family, coordinator)).documentId;
    bStatusMeasurementId = (await makeStatusMeasurementRecords(db, family, coordinator)).measurementId;
    bEscalationId = (await makeLeadershipRecords(db, family, coordinator)).escalationId;
    bSurvey = await makeSurveyRecords(db, family, coordinator);
    bLeading = await makeLeadingPracticeRecords(db, family, coordinator, buddy);
    bConsentId = (await db.insertInto('consents').values({
      municipality_id: municipality.id, family_id: family.familyId, department_id: municipality.departments.school, given_on: '2026-11-01',
      given_by_person_id: family.parent.id, source: 'portal', created_at: new Date('2026-11-01T10:00:00Z'),
    }).returning('id').executeTakeFirstOrThrow()).id;
    B = { municipality, coordinator, partner, family, measureId, buddyAssignmentId, teamMemberId, meetings, wheelActivityId, outboxMessageId, caseDecisionId, competenceVersionId };
  }
  {
    const municipality = await makeMunicipality(db, { name: 'Hjem Kommune' });
    const coordinator = await makeUser(db, municipality, { roles: ['coordinator'], hasAuthority: true });
    // Same department kind as B's responsible department: a leader's reach must stop at the municipality border.
    const leader = await makeUser(db, municipality, { roles: ['team_leader'], department: 'child_disability' });
    const admin = await makeUser(db, municipality, { roles: ['administrator'] });
    const family = await makeFamilyWithCase(db, municipality, { lead: coordinator, lastName: sharedLastName, model: 'sof' });
    const familyWithoutCase = await makeFamilyWithCase(db, municipality, { withCase: false, createdBy: coordinator });
    const measureId = await makeMeasure(db, municipality, family.caseId);
    const plannedMeeting = await db.insertInto('meetings').values({
      municipality_id: municipality.id, case_id: family.caseId, type: 'network_meeting', scheduled_at: '2026-11-21T09:00:00Z', created_by: coordinator.id,
    }).returning('id').executeTakeFirstOrThrow();
    A = { municipality, coordinator, leader, admin, family, familyWithoutCase, measureId, plannedMeetingId: plannedMeeting.id };
  }
  // Both case counters start at 1: A and B each have a case numbered 2026-00001.
  expect(A.family.caseNumber).toBe(B.family.caseNumber);
  sessions = {
    coordinator: await loginAs(t.app, A.coordinator),
    leader: await loginAs(t.app, A.leader),
    admin: await loginAs(t.app, A.admin),
  };
  portalParent = await loginToPortal(t.app, db, await givePortalEmail(db, A.family.parent.id));
  bBefore = await snapshotTenant(db, B.municipality.id);
});

afterAll(async () => {
  await t?.close();
});

describe('cross-tenant API matrix: municipality A against B\'s records', () => {
  it('the table below covers every registered route that takes an id in its path', () => {
    // Portal routes need a portal session (staff cookies get 401 there): they have their own table, portalIdRoutes.
    const withId = listRoutes(t.app).filter((r) => /\/:\w+/.test(r.path) && !r.path.startsWith('/api/portal/')).map((r) => `${r.method} ${r.path}`).sort();
    expect(withId.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(idRoutes).sort()).toEqual(withId);
  });

  it('A\'s parent in the family portal gets 404 not_found from every portal route with B\'s ids, like unknown ids (and the table covers them all)', async () => {
    const withId = listRoutes(t.app).filter((r) => /\/:\w+/.test(r.path) && r.path.startsWith('/api/portal/')).map((r) => `${r.method} ${r.path}`).sort();
    expect(Object.keys(portalIdRoutes).sort()).toEqual(withId);
    const failures: string[] = [];
    for (const [route, build] of Object.entries(portalIdRoutes)) {
      const method = route.split(' ')[0]! as 'GET';
      const send = (spec: RequestSpec) => t.app.inject({ method, url: spec.url, headers: portalParent.headers, ...(spec.payload === undefined ? {} : { payload: spec.payload as object }) });
      const foreign = await send(build(bIds()));
      const unknown = await send(build(unknownIds()));
      if (foreign.statusCode !== 404 || foreign.json().error?.code !== 'not_found') failures.push(`${route}: ${foreign.statusCode} ${foreign.body.slice(0, 160)}`);
      expect(foreign.body, `${route} answers B's id differently from an unknown id`).toBe(unknown.body);
      for (const secret of bSecrets()) expect(foreign.body, route).not.toContain(secret);
    }
    expect(failures).toEqual([]);
  });

  for (const persona of ['coordinator', 'leader', 'admin'] as const) {
    it(`A's ${persona} gets 404 not_found from every id route with B's ids — the same answer as for ids that do not exist`, async () => {
      const failures: string[] = [];
      for (const [route, build] of Object.entries(idRoutes)) {
        const method = route.split(' ')[0]!;
        const foreign = await send(sessions[persona], method, build(bIds()));
        const unknown = await send(sessions[persona], method, build(unknownIds()));
        if (foreign.statusCode !== 404 || foreign.json().error?.code !== 'not_found') failures.push(`${route}: ${foreign.statusCode} ${foreign.body.slice(0, 160)}`);
        expect(foreign.body, `${route} answers B's id differently from an unknown id`).toBe(unknown.body);
        for (const secret of bSecrets()) expect(foreign.body, route).not.toContain(secret);
      }
      expect(failures).toEqual([]);
    });
  }

  it('B\'s ids inside a request body are refused exactly like unknown ids, and nothing is created in A either', async () => {
    const aBefore = await snapshotTenant(t.db, A.municipality.id);
    const coordinator = sessions.coordinator;
    const admin = sessions.admin;
    const caseVersion = 1;
    const cases: Array<[string, Session, string, (id: { family: string; child: string; department: string; user: string }) => RequestSpec]> = [
      ['open a case for B\'s family and child', coordinator, 'POST', (x) => ({ url: '/api/cases', payload: {
        familyId: x.family, childId: x.child, model: 'efei', openedOn: testToday, responsibleDepartmentId: A.municipality.departments.child_disability } })],
      ['open a case in A for B\'s child', coordinator, 'POST', (x) => ({ url: '/api/cases', payload: {
        familyId: A.familyWithoutCase.familyId, childId: x.child, model: 'efei', openedOn: testToday, responsibleDepartmentId: A.municipality.departments.child_disability } })],
      ['open a case in A with B\'s department responsible', coordinator, 'POST', (x) => ({ url: '/api/cases', payload: {
        familyId: A.familyWithoutCase.familyId, childId: A.familyWithoutCase.child.id, model: 'efei', openedOn: testToday, responsibleDepartmentId: x.department } })],
      ['open a case in A led by B\'s coordinator', coordinator, 'POST', (x) => ({ url: '/api/cases', payload: {
        familyId: A.familyWithoutCase.familyId, childId: A.familyWithoutCase.child.id, model: 'efei', openedOn: testToday,
        responsibleDepartmentId: A.municipality.departments.child_disability, leadUserId: x.user } })],
      ['hand A\'s case to B\'s department', coordinator, 'PATCH', (x) => ({ url: `/api/cases/${A.family.caseId}`, payload: { responsibleDepartmentId: x.department, version: caseVersion } })],
      ['assign B\'s coordinator to A\'s case', coordinator, 'POST', (x) => ({ url: `/api/cases/${A.family.caseId}/assignments`, payload: { userId: x.user, role: 'buddy', startsOn: testToday } })],
      ['put B\'s coordinator on A\'s core team', coordinator, 'POST', (x) => ({ url: `/api/cases/${A.family.caseId}/team-members`, payload: { userId: x.user } })],
      ['add B\'s child to A\'s meeting', coordinator, 'POST', (x) => ({ url: `/api/meetings/${A.plannedMeetingId}/participants`, payload: { kind: 'person', personId: x.child } })],
      ['add B\'s coordinator to A\'s meeting', coordinator, 'POST', (x) => ({ url: `/api/meetings/${A.plannedMeetingId}/participants`, payload: { kind: 'user', userId: x.user } })],
      ['make B\'s coordinator own an agreement of A\'s meeting', coordinator, 'POST', (x) => ({
        url: `/api/meetings/${A.plannedMeetingId}/agreements`, payload: { text: 'Aftale', ownerUserId: x.user, dueOn: '2026-12-01' } })],
      ['make B\'s parent own an agreement of A\'s meeting', coordinator, 'POST', (x) => ({
        url: `/api/meetings/${A.plannedMeetingId}/agreements`, payload: { text: 'Aftale', ownerPersonId: x.child, dueOn: '2026-12-01' } })],
      ['grant a measure in B\'s department', coordinator, 'POST', (x) => ({ url: `/api/cases/${A.family.caseId}/measures`, payload: {
        legalBasisId: 'BL-86', departmentId: x.department, description: 'Kørsel', startsOn: testToday } })],
      ['move A\'s measure to B\'s department', coordinator, 'PATCH', (x) => ({ url: `/api/measures/${A.measureId}`, payload: { departmentId: x.department, version: 1 } })],
      ['create a user in B\'s department', admin, 'POST', (x) => ({ url: '/api/users', payload: {
        email: 'ny-bruger@hjem.test.invalid', name: 'Ny Bruger', roles: ['coordinator'], departmentId: x.department, password: 'Et-langt-kodeord-123' } })],
      ['move A\'s coordinator to B\'s department', admin, 'PATCH', (x) => ({ url: `/api/users/${A.coordinator.id}`, payload: { departmentId: x.department, version: 1 } })],
    ];
    for (const [what, session, method, build] of cases) {
      const foreign = await send(session, method, build({ family: B.family.familyId, child: B.family.child.id, department: B.municipality.departments.child_disability, user: B.coordinator.id }));
      const unknown = await send(session, method, build({ family: randomUUID(), child: randomUUID(), department: randomUUID(), user: randomUUID() }));
      expect([404, 409, 422], `${what}: ${foreign.body}`).toContain(foreign.statusCode);
      expect(foreign.body, `${what} answers B's id differently from an unknown id`).toBe(unknown.body);
      for (const secret of bSecrets()) expect(foreign.body, what).not.toContain(secret);
    }
    expect(await snapshotTenant(t.db, A.municipality.id)).toEqual(aBefore);
  });

  for (const persona of ['coordinator', 'leader'] as const) {
    it(`search from A's ${persona} never returns B's family, whether by family name, child name, CPR number (with or without dash) or case number`, async () => {
      const api = client(t.app, sessions[persona]);
      const f = B.family;
      const terms = [sharedLastName, f.familyName, `${f.child.firstName} ${f.child.lastName}`, f.child.cpr, `${f.child.cpr.slice(0, 6)}-${f.child.cpr.slice(6)}`, f.parent.cpr, f.caseNumber];
      for (const q of terms) {
        const response = await api.get(`/api/search?q=${encodeURIComponent(q)}`);
        expect(response.statusCode, q).toBe(200);
        for (const secret of bSecrets()) expect(response.body, `search "${q}"`).not.toContain(secret);
      }
      // The search does work: A's own family of the same name and A's case with the same number are found.
      const byName = (await api.get(`/api/search?q=${sharedLastName}`)).json() as Array<{ familyId: string }>;
      expect(byName.map((h) => h.familyId)).toContain(A.family.familyId);
      const byNumber = (await api.get(`/api/search?q=${A.family.caseNumber}`)).json() as Array<{ caseId: string }>;
      expect(byNumber.map((h) => h.caseId)).toEqual([A.family.caseId]);
    });
  }

  it('my-families of A\'s coordinator lists A\'s family and nothing of B', async () => {
    const response = await client(t.app, sessions.coordinator).get('/api/my-families');
    expect(response.statusCode).toBe(200);
    const families = response.json() as Array<{ familyId: string }>;
    expect(families.map((f) => f.familyId).sort()).toEqual([A.family.familyId, A.familyWithoutCase.familyId].sort());
    for (const secret of bSecrets()) expect(response.body).not.toContain(secret);
  });

  it('no list endpoint (GET without an id) shows A\'s staff anything of B', async () => {
    const lists = listRoutes(t.app).filter((r) => r.method === 'GET' && r.path.startsWith('/api/') && !r.path.includes(':') && !r.path.startsWith('/api/docs'));
    expect(lists.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/my-families', '/api/search', '/api/users', '/api/staff', '/api/departments', '/api/municipality']));
    for (const persona of ['coordinator', 'leader', 'admin'] as const) {
      for (const route of lists) {
        const url = route.path === '/api/search' ? `/api/search?q=${sharedLastName}` : route.path;
        const response = await client(t.app, sessions[persona]).get(url);
        expect(response.statusCode, `${persona} ${url}`).toBeLessThan(500);
        for (const secret of bSecrets()) expect(response.body, `${persona} GET ${url}`).not.toContain(secret);
      }
    }
  });

  it('after all of the above, B\'s data (every tenant table, its audit log included) is exactly as before', async () => {
    expect(await snapshotTenant(t.db, B.municipality.id)).toEqual(bBefore);
  });

  it('A\'s audit log never names a record of B', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['family_ids', 'case_ids', 'entity_id']).where('municipality_id', '=', A.municipality.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.family_ids).not.toContain(B.family.familyId);
      expect(row.case_ids).not.toContain(B.family.caseId);
      expect(bSecrets()).not.toContain(row.entity_id);
    }
  });
});
