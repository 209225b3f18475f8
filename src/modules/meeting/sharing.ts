import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { staleVersion, unprocessable } from '../../platform/http/errors.js';
import { loadMeeting, reloaded } from './load.js';
import { familyMayAttend } from './rules.js';
import type { MeetingSharingInput, MeetingView } from './schema.js';

/**
 * Issue 5 item 2: staff decide what of a meeting reaches the family portal (and partners): the appointment, the
 * minutes text, and each point, decision and agreement ("Deles med: kun internt / familien / familien og
 * samarbejdspartnere"). Sharing does not change what was said, so it stays possible after the meeting is closed
 * (while the case is open). One audit row names the meeting; the meeting's version guards against two editors.
 */
export async function shareMeeting(trx: Trx, ctx: RequestContext, meetingId: string, input: MeetingSharingInput): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'record_meeting');
  // 000:685-686: the analysis meeting is held without the family; it is never announced to them.
  if (input.visibility && input.visibility !== 'internal' && !familyMayAttend(meeting.type)) {
    throw unprocessable('family_may_not_attend', 'The family does not take part in an analysis meeting; it stays internal.', [
      { field: 'visibility', code: 'family_may_not_attend', message: 'An analysis meeting is held without the family.' },
    ]);
  }
  const updated = await trx.updateTable('meetings').set({
    visibility: input.visibility ?? meeting.visibility, minutes_visibility: input.minutesVisibility ?? meeting.minutes_visibility, version: input.version + 1,
  }).where('id', '=', meetingId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The meeting');
  // Each item only within this meeting: an id of another meeting's item changes nothing.
  for (const p of input.points) {
    await trx.updateTable('meeting_agenda_points').set({ visibility: p.visibility }).where('id', '=', p.id).where('meeting_id', '=', meetingId).execute();
  }
  for (const d of input.decisions) {
    await trx.updateTable('meeting_decisions').set({ visibility: d.visibility }).where('id', '=', d.id).where('meeting_id', '=', meetingId).execute();
  }
  for (const a of input.agreements) {
    await trx.updateTable('meeting_agreements').set({ visibility: a.visibility }).where('id', '=', a.id).where('meeting_id', '=', meetingId).execute();
  }
  await audit(trx, ctx, { action: 'update', entityType: 'meeting_sharing', entityId: meetingId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}
