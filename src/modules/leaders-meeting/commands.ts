import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, forbidden, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { hasRole } from '../../platform/auth/actor.js';
import { buildAgenda, readableCaseIds, type AgendaItem } from './agenda.js';
import { activeStaff, decisionsOf, findMeeting, findSeries, meetingsOf, membersOf } from './repo.js';
import {
  checkHold, checkMembers, intervalMonths, isLeader, minutesMessage, nextOccurrence, occurrences, requireSeriesAccess, type SeriesKind,
} from './rules.js';
import type { DecisionInput, HoldInput, MeetingView, SeriesInput, SeriesList, SeriesView } from './schema.js';

/** Coordination group and stop-op meetings (issue 9 item 5): series, prefilled agendas, decision logs, minutes. */

async function loadSeries(trx: Trx, ctx: RequestContext, id: string, action: 'read' | 'manage') {
  const series = await findSeries(trx, id);
  // Unknown (or another municipality's) ids are 404 for everyone, before any role check, so they answer alike.
  if (!series) throw notFound('The meeting series');
  const members = await membersOf(trx, id);
  requireSeriesAccess(ctx.actor, members.some((m) => m.id === ctx.actor.userId), action);
  return { series, members };
}

async function seriesView(trx: Trx, ctx: RequestContext, id: string): Promise<SeriesView> {
  const { series, members } = await loadSeries(trx, ctx, id, 'read');
  const meetings = await meetingsOf(trx, id);
  const kind = series.kind as SeriesKind;
  return {
    id, kind, title: series.title, firstOn: series.first_on, intervalMonths: intervalMonths[kind],
    members: members.map((m) => ({ userId: m.id, name: m.name })),
    meetings: meetings.map((m) => ({ id: m.id, scheduledOn: m.scheduled_on, status: m.status as 'planned' | 'held', heldOn: m.held_on })),
    nextDates: occurrences(kind, series.first_on, 4, todayIn(ctx.clock)),
    abilities: { canManage: isLeader(ctx.actor) },
  };
}

export async function listSeries(trx: Trx, ctx: RequestContext): Promise<SeriesList> {
  if (!hasRole(ctx.actor, 'coordinator', 'core_team_member', 'team_leader', 'department_head')) throw forbidden('Your role does not allow leaders\' meetings.');
  let query = trx.selectFrom('leader_meeting_series as s').select('s.id').orderBy('s.kind').orderBy('s.title');
  if (!isLeader(ctx.actor)) {
    query = query.where((eb) => eb.exists(eb.selectFrom('leader_meeting_members as m').select('m.user_id')
      .whereRef('m.series_id', '=', 's.id').where('m.user_id', '=', ctx.actor.userId)));
  }
  const series = [];
  for (const row of await query.execute()) {
    const { members: _m, ...rest } = await seriesView(trx, ctx, row.id);
    series.push(rest);
  }
  return { series, abilities: { canCreate: isLeader(ctx.actor) } };
}

export async function getSeries(trx: Trx, ctx: RequestContext, id: string): Promise<SeriesView> {
  return seriesView(trx, ctx, id);
}

export async function createSeries(trx: Trx, ctx: RequestContext, input: SeriesInput): Promise<SeriesView> {
  requireSeriesAccess(ctx.actor, false, 'manage');
  const memberIds = [...new Set(input.memberUserIds)];
  checkMembers((await activeStaff(trx, memberIds)).length, memberIds.length);
  const created = await trx.insertInto('leader_meeting_series').values({
    municipality_id: ctx.actor.municipalityId, kind: input.kind, title: input.title, first_on: input.firstOn, created_by: ctx.actor.userId, created_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('leader_meeting_members').values(memberIds.map((userId) => ({ municipality_id: ctx.actor.municipalityId, series_id: created.id, user_id: userId }))).execute();
  // The first meeting is scheduled with the series.
  await trx.insertInto('leader_meetings').values({ municipality_id: ctx.actor.municipalityId, series_id: created.id, scheduled_on: input.firstOn }).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'leader_meeting_series', entityId: created.id, reason: 'leader' });
  return seriesView(trx, ctx, created.id);
}

/** Schedules the series' next meeting (its next date after the last one scheduled, or a given date of the series). */
export async function scheduleMeeting(trx: Trx, ctx: RequestContext, seriesId: string, scheduledOn?: string): Promise<MeetingView> {
  const { series } = await loadSeries(trx, ctx, seriesId, 'manage');
  const meetings = await meetingsOf(trx, seriesId);
  const on = scheduledOn ?? nextOccurrence(series.kind as SeriesKind, series.first_on, meetings.at(-1)?.scheduled_on ?? null);
  if (meetings.some((m) => m.scheduled_on === on)) {
    throw conflict('meeting_exists', 'The series already has a meeting on that day.', [{ field: 'scheduledOn', code: 'meeting_exists', message: 'Choose another day.' }]);
  }
  const created = await trx.insertInto('leader_meetings').values({ municipality_id: ctx.actor.municipalityId, series_id: seriesId, scheduled_on: on })
    .returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'leader_meeting', entityId: created.id, reason: 'leader' });
  return meetingView(trx, ctx, created.id);
}

async function loadMeeting(trx: Trx, ctx: RequestContext, id: string, action: 'read' | 'manage') {
  const meeting = await findMeeting(trx, id);
  if (!meeting) throw notFound('The meeting');
  const { series, members } = await loadSeries(trx, ctx, meeting.series_id, action);
  return { meeting, series, members };
}

async function meetingView(trx: Trx, ctx: RequestContext, id: string): Promise<MeetingView> {
  const { meeting, series, members } = await loadMeeting(trx, ctx, id, 'read');
  const today = todayIn(ctx.clock);
  const departments = [...new Set(members.map((m) => m.department_id).filter((d): d is string => d !== null))];
  const agenda: AgendaItem[] = meeting.status === 'held' && meeting.agenda ? meeting.agenda as AgendaItem[] : await buildAgenda(trx, departments, today);
  const linkable = await readableCaseIds(trx, ctx.actor, today, agenda.flatMap((a) => a.cases.map((c) => c.caseId)));
  const decisions = await decisionsOf(trx, id);
  const manage = isLeader(ctx.actor);
  await audit(trx, ctx, { action: 'read', entityType: 'leader_meeting', entityId: id, caseIds: [...linkable], reason: manage ? 'leader' : 'member' });
  return {
    id, series: { id: series.id, kind: series.kind as SeriesKind, title: series.title }, scheduledOn: meeting.scheduled_on,
    status: meeting.status as 'planned' | 'held', heldOn: meeting.held_on,
    agenda: agenda.map((a) => ({
      source: a.source, count: a.count, ...(a.people ? { people: a.people } : {}),
      cases: a.cases.map((c) => ({ caseNumber: c.caseNumber, caseId: linkable.has(c.caseId) ? c.caseId : null })),
    })),
    minutes: meeting.minutes, minutesSentAt: meeting.minutes_sent_at ? new Date(meeting.minutes_sent_at).toISOString() : null,
    decisions: decisions.map((d) => ({ id: d.id, text: d.text, responsible: { userId: d.user_id, name: d.name }, dueOn: d.due_on, createdAt: new Date(d.created_at).toISOString() })),
    members: members.map((m) => ({ userId: m.id, name: m.name })),
    version: meeting.version,
    abilities: { canRecord: manage, canHold: manage && meeting.status === 'planned' && today >= meeting.scheduled_on },
  };
}

export async function getMeeting(trx: Trx, ctx: RequestContext, id: string): Promise<MeetingView> {
  return meetingView(trx, ctx, id);
}

export async function addDecision(trx: Trx, ctx: RequestContext, meetingId: string, input: DecisionInput): Promise<MeetingView> {
  await loadMeeting(trx, ctx, meetingId, 'manage');
  if ((await activeStaff(trx, [input.responsibleUserId])).length === 0) {
    throw unprocessable('responsible_unknown', 'The responsible person is an active staff member.', [{ field: 'responsibleUserId', code: 'not_staff', message: 'Choose an active staff member.' }]);
  }
  const created = await trx.insertInto('leader_meeting_decisions').values({
    municipality_id: ctx.actor.municipalityId, meeting_id: meetingId, text: input.text, responsible_user_id: input.responsibleUserId,
    due_on: input.dueOn ?? null, created_by: ctx.actor.userId, created_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'leader_meeting_decision', entityId: created.id, reason: 'leader' });
  return meetingView(trx, ctx, meetingId);
}

/**
 * Records the meeting as held: the agenda is kept as it stood, the minutes saved, and one e-mail per member goes into
 * the outbox (a link, no case data), each once by its dedupe key.
 */
export async function holdMeeting(trx: Trx, ctx: RequestContext, meetingId: string, input: HoldInput, publicUrl: string): Promise<MeetingView> {
  const { meeting, series, members } = await loadMeeting(trx, ctx, meetingId, 'manage');
  const today = todayIn(ctx.clock);
  checkHold(meeting.status, meeting.scheduled_on, today);
  const departments = [...new Set(members.map((m) => m.department_id).filter((d): d is string => d !== null))];
  const agenda = await buildAgenda(trx, departments, today);
  const now = ctx.clock.now();
  const updated = await trx.updateTable('leader_meetings').set({
    status: 'held', held_on: today, agenda: JSON.stringify(agenda), minutes: input.minutes, minutes_sent_at: now, version: input.version + 1,
  }).where('id', '=', meetingId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The meeting');
  const decisions = await decisionsOf(trx, meetingId);
  const text = minutesMessage(series.title, today, decisions.length, `${publicUrl}/leader-meetings/${meetingId}`);
  for (const member of members.filter((m) => m.active)) {
    await enqueue(trx, {
      municipalityId: ctx.actor.municipalityId, dedupeKey: `leader_minutes:${meetingId}:${member.id}`, kind: 'other', channel: 'email',
      recipient: member.email, subject: text.subject, body: text.body, notBefore: now,
    });
  }
  await audit(trx, ctx, { action: 'update', entityType: 'leader_meeting', entityId: meetingId, reason: 'leader' });
  return meetingView(trx, ctx, meetingId);
}
