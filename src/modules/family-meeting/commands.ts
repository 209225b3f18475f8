import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion } from '../../platform/http/errors.js';
import { visibleTo } from '../../platform/policy/visibility.js';
import { loadMeeting } from '../meeting/load.js';
import { familyMayAttend } from '../meeting/rules.js';
import type { MeetingType } from '../meeting/schema.js';
import { checkFeedbackOpen, checkPreparable, checkPreparationGiven, checkScale, feedbackGiven, feedbackVisible } from './rules.js';
import type { FamilyInputView, FamilyMeeting, FamilyMeetingList, FeedbackInput, PreparationInput, PreparationView } from './schema.js';

/** The family's side of a meeting: preparation before it, FIT-inspired feedback after it (issue 5 item 3). */

interface MeetingFacts {
  id: string; type: string; scheduled_at: Date; location: string | null; status: FamilyMeeting['status']; case_id: string; family_id: string;
}

function meetingsQuery(trx: Trx, personId: string) {
  return trx.selectFrom('meetings as m')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'm.municipality_id').onRef('c.id', '=', 'm.case_id'))
    .select(['m.id', 'm.type', 'm.scheduled_at', 'm.location', 'm.status', 'm.case_id', 'c.family_id'])
    // Only meetings shared with the family (policy/visibility.ts); the title is a staff label and never leaves.
    .where('m.visibility', 'in', [...visibleTo.family])
    // The family's own meetings: the parent is a parent or carer of the case's family.
    .where(sql<boolean>`exists (select 1 from family_members fm where fm.municipality_id = c.municipality_id and fm.family_id = c.family_id
                                 and fm.person_id = ${personId}::uuid and fm.relation in ('parent', 'carer'))`);
}

/** A meeting of the parent's own family that the family takes part in; anything else is 404. */
async function loadFamilyMeeting(trx: Trx, ctx: RequestContext, meetingId: string): Promise<MeetingFacts> {
  const row = await meetingsQuery(trx, ctx.actor.personId!).where('m.id', '=', meetingId).executeTakeFirst() as MeetingFacts | undefined;
  // 000:685-686: the analysis meeting is held without the family; it is not the family's to prepare or rate.
  if (!row || !familyMayAttend(row.type as MeetingType)) throw notFound('The meeting');
  return row;
}

async function preparationOf(trx: Trx, meetingId: string, personId: string): Promise<PreparationView | null> {
  const row = await trx.selectFrom('meeting_preparations').select(['focus_points', 'wishes', 'invite_wishes', 'updated_at', 'version'])
    .where('meeting_id', '=', meetingId).where('person_id', '=', personId).executeTakeFirst();
  return row ? { focusPoints: row.focus_points, wishes: row.wishes, inviteWishes: row.invite_wishes, updatedAt: new Date(row.updated_at).toISOString(), version: row.version } : null;
}

async function familyMeetingView(trx: Trx, ctx: RequestContext, m: MeetingFacts): Promise<FamilyMeeting> {
  const personId = ctx.actor.personId!;
  const [preparation, feedback] = await Promise.all([
    preparationOf(trx, m.id, personId),
    trx.selectFrom('meeting_feedback').select('id').where('meeting_id', '=', m.id).where('person_id', '=', personId).executeTakeFirst(),
  ]);
  return {
    id: m.id, type: m.type, scheduledAt: new Date(m.scheduled_at).toISOString(), location: m.location, status: m.status,
    preparation, feedbackGiven: feedback !== undefined,
    abilities: { canPrepare: m.status === 'planned', canGiveFeedback: m.status === 'closed' && feedback === undefined },
  };
}

/** The family's upcoming meetings (to prepare) and those closed in the last 30 days (to give feedback on). */
export async function listFamilyMeetings(trx: Trx, ctx: RequestContext): Promise<FamilyMeetingList> {
  const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  const rows = await meetingsQuery(trx, ctx.actor.personId!)
    .where((eb) => eb.or([eb('m.status', '=', 'planned'), eb.and([eb('m.status', '=', 'closed'), eb('m.closed_at', '>=', since)])]))
    .orderBy('m.scheduled_at').execute() as MeetingFacts[];
  const mine = rows.filter((r) => familyMayAttend(r.type as MeetingType));
  const familyIds = [...new Set(mine.map((r) => r.family_id))];
  await audit(trx, ctx, { action: 'read', entityType: 'family_meeting_list', familyIds, caseIds: [...new Set(mine.map((r) => r.case_id))], reason: 'parent' });
  return { meetings: await Promise.all(mine.map((m) => familyMeetingView(trx, ctx, m))) };
}

export async function getFamilyMeeting(trx: Trx, ctx: RequestContext, meetingId: string): Promise<FamilyMeeting> {
  const m = await loadFamilyMeeting(trx, ctx, meetingId);
  await audit(trx, ctx, { action: 'read', entityType: 'meeting_preparation', entityId: meetingId, familyIds: [m.family_id], caseIds: [m.case_id], reason: 'parent' });
  return familyMeetingView(trx, ctx, m);
}

/** Writes the parent's own preparation (004:2108-2110); version 0 creates it, a stale version is 409. */
export async function prepareMeeting(trx: Trx, ctx: RequestContext, meetingId: string, input: PreparationInput): Promise<FamilyMeeting> {
  const m = await loadFamilyMeeting(trx, ctx, meetingId);
  checkPreparable(m.status);
  checkPreparationGiven(input);
  const personId = ctx.actor.personId!;
  const values = { focus_points: input.focusPoints ?? null, wishes: input.wishes ?? null, invite_wishes: input.inviteWishes ?? null, updated_at: ctx.clock.now() };
  const written = input.version === 0
    ? await trx.insertInto('meeting_preparations').values({ municipality_id: ctx.actor.municipalityId, meeting_id: meetingId, person_id: personId, ...values })
      .onConflict((oc) => oc.constraint('meeting_preparations_one_per_person').doNothing()).returning('id').executeTakeFirst()
    : await trx.updateTable('meeting_preparations').set({ ...values, version: input.version + 1 })
      .where('meeting_id', '=', meetingId).where('person_id', '=', personId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!written) throw staleVersion('Your preparation');
  await audit(trx, ctx, {
    action: input.version === 0 ? 'create' : 'update', entityType: 'meeting_preparation', entityId: written.id, familyIds: [m.family_id], caseIds: [m.case_id], reason: 'parent',
  });
  return familyMeetingView(trx, ctx, m);
}

/** The FIT-inspired answers after a closed meeting (004:2120-2123), once per family member. */
export async function giveFeedback(trx: Trx, ctx: RequestContext, meetingId: string, input: FeedbackInput): Promise<FamilyMeeting> {
  const m = await loadFamilyMeeting(trx, ctx, meetingId);
  checkFeedbackOpen(m.status);
  checkScale(input);
  const created = await trx.insertInto('meeting_feedback').values({
    municipality_id: ctx.actor.municipalityId, meeting_id: meetingId, person_id: ctx.actor.personId!, heard: input.heard, important_topics: input.importantTopics,
    approach: input.approach, overall: input.overall, comment: input.comment ?? null, answered_at: ctx.clock.now(),
  }).onConflict((oc) => oc.constraint('meeting_feedback_once').doNothing()).returning('id').executeTakeFirst();
  if (!created) throw feedbackGiven();
  await audit(trx, ctx, { action: 'create', entityType: 'meeting_feedback', entityId: created.id, familyIds: [m.family_id], caseIds: [m.case_id], reason: 'parent' });
  return familyMeetingView(trx, ctx, m);
}

/** The staff meeting page's section: the family's preparations, and their feedback from the day after (rules.feedbackVisible). */
export async function getFamilyInput(trx: Trx, ctx: RequestContext, meetingId: string): Promise<FamilyInputView> {
  const { row, reason } = await loadMeeting(trx, ctx, meetingId, 'read');
  const now = ctx.clock.now();
  const [preparations, feedback] = await Promise.all([
    trx.selectFrom('meeting_preparations as mp')
      .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'mp.municipality_id').onRef('p.id', '=', 'mp.person_id'))
      .select(['mp.person_id', 'p.first_name', 'p.last_name', 'mp.focus_points', 'mp.wishes', 'mp.invite_wishes', 'mp.updated_at', 'mp.version'])
      .where('mp.meeting_id', '=', meetingId).orderBy('mp.updated_at').execute(),
    trx.selectFrom('meeting_feedback as f')
      .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'f.municipality_id').onRef('p.id', '=', 'f.person_id'))
      .select(['f.person_id', 'p.first_name', 'p.last_name', 'f.heard', 'f.important_topics', 'f.approach', 'f.overall', 'f.comment', 'f.answered_at'])
      .where('f.meeting_id', '=', meetingId).orderBy('f.answered_at').execute(),
  ]);
  const visible = feedback.filter((f) => feedbackVisible(new Date(f.answered_at), now));
  await audit(trx, ctx, { action: 'read', entityType: 'meeting_family_input', entityId: meetingId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return {
    meetingId,
    preparations: preparations.map((p) => ({
      personId: p.person_id, personName: `${p.first_name} ${p.last_name}`, focusPoints: p.focus_points, wishes: p.wishes, inviteWishes: p.invite_wishes,
      updatedAt: new Date(p.updated_at).toISOString(), version: p.version,
    })),
    feedback: visible.map((f) => ({
      personId: f.person_id, personName: `${f.first_name} ${f.last_name}`, heard: f.heard, importantTopics: f.important_topics, approach: f.approach,
      overall: f.overall, comment: f.comment, answeredAt: new Date(f.answered_at).toISOString(),
    })),
    feedbackWaiting: feedback.length - visible.length,
  };
}
