import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase, type CaseAction } from '../../platform/policy/policy.js';
import { findCase, type CaseRow } from '../case/index.js';
import { agendaOf, agreementsOf, decisionsOf, findMeeting, participantsOf, summaryOf, type MeetingRow } from './repo.js';
import { familyMayAttend } from './rules.js';
import type { MeetingView } from './schema.js';

/** Loading a meeting or its case with the access check (need-to-know through the case), and building the view. */

export async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: CaseAction, what = 'The case') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action, what);
  if (action !== 'read' && row!.status === 'closed') {
    throw unprocessable('case_closed', 'The case is closed; reopen it before changing its meetings.', []);
  }
  return { row: row!, reason };
}

export async function loadMeeting(trx: Trx, ctx: RequestContext, meetingId: string, action: CaseAction) {
  const meeting = await findMeeting(trx, meetingId);
  if (!meeting) throw notFound('The meeting');
  const { row, reason } = await loadCase(trx, ctx, meeting.case_id, action, 'The meeting');
  return { meeting, row, reason };
}

export async function viewOf(trx: Trx, ctx: RequestContext, meeting: MeetingRow, row: CaseRow): Promise<MeetingView> {
  const [participants, columns, decisions, agreements] = await Promise.all([
    participantsOf(trx, meeting.id, row.family_id), agendaOf(trx, meeting.id, meeting.template), decisionsOf(trx, meeting.id), agreementsOf(trx, [meeting.id]),
  ]);
  const open = meeting.status === 'planned' && row.status !== 'closed';
  return {
    ...summaryOf(meeting), familyId: row.family_id, minutes: meeting.minutes, columns, participants, decisions, agreements,
    familyMayAttend: familyMayAttend(meeting.type),
    abilities: {
      canEdit: open && allowsCase(row.reason, 'edit'),
      canRecord: open && allowsCase(row.reason, 'record_meeting'),
      canClose: open && allowsCase(row.reason, 'edit'),
      canUpdateAgreements: row.status !== 'closed' && allowsCase(row.reason, 'record_meeting'),
    },
  };
}

export async function reloaded(trx: Trx, ctx: RequestContext, meetingId: string, row: CaseRow): Promise<MeetingView> {
  return viewOf(trx, ctx, (await findMeeting(trx, meetingId))!, row);
}

