import { randomBytes } from 'node:crypto';
import type { Actor, Role } from '../../platform/auth/actor.js';
import { audit, appendAudit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant, type Origin, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { requireCase } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { formatCalendar, type IcsEvent } from './ics.js';
import {
  activeFeedOf, attendeesOf, feedMeetings, feedUser, findCalendarMeeting, hashToken, insertFeed, lookupFeed, revokeFeeds, sequenceFor,
  type AttendeeRow, type CalendarMeetingRow,
} from './repo.js';
import { descriptionOf, durationMinutes, fingerprintOf, summaryOf, uidOf } from './rules.js';
import type { FeedSubscription } from './schema.js';

/** The calendar use cases (issue 4 item 6): a meeting's invitation, and a user's subscribable feed. */

/** Builds one event; `full` (the invitation) adds the place and the participants, the feed leaves them out (rules.ts). */
async function eventOf(
  trx: Trx, municipalityId: string, meeting: CalendarMeetingRow, attendees: AttendeeRow[], now: Date, publicUrl: string, full: boolean,
  fallbackOrganizer: { email: string; name: string } | null,
): Promise<IcsEvent> {
  const own = attendees.filter((a) => a.meetingId === meeting.id).map(({ email, name, role }) => ({ email, name, role }));
  const chair = own.find((a) => a.role === 'CHAIR');
  const organizer = chair ? { email: chair.email, name: chair.name }
    : meeting.creator_email ? { email: meeting.creator_email, name: meeting.creator_name }
    : fallbackOrganizer;
  const start = new Date(meeting.scheduled_at);
  const status = meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED';
  const sequence = await sequenceFor(trx, municipalityId, meeting.id, fingerprintOf({
    scheduledAt: start.toISOString(), type: meeting.type, status, location: meeting.location, organizer: organizer?.email ?? null, attendees: own,
  }), now);
  const link = `${publicUrl}/meetings/${meeting.id}`;
  return {
    uid: uidOf(meeting.id), sequence, stamp: now, start, end: new Date(start.getTime() + durationMinutes(meeting.type) * 60_000),
    summary: summaryOf(meeting.type), description: descriptionOf(link), url: link, status,
    location: full ? meeting.location : null,
    organizer: full ? organizer : null,
    attendees: full ? own : [],
  };
}

/** GET /meetings/:id/invitation.ics: for anyone who may read the meeting; METHOD:CANCEL once it is cancelled (RFC 5546). */
export async function getInvitation(trx: Trx, ctx: RequestContext, meetingId: string, publicUrl: string): Promise<string> {
  const meeting = await findCalendarMeeting(trx, meetingId);
  if (!meeting) throw notFound('The meeting');
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), meeting.case_id);
  const reason = requireCase(row?.reason ?? null, 'read', 'The meeting');
  const attendees = await attendeesOf(trx, [meeting.id]);
  // Without a chair or an active creator, the one who asked for the invitation organises it.
  const self = await trx.selectFrom('users').select(['email', 'name']).where('id', '=', ctx.actor.userId).executeTakeFirst();
  const now = ctx.clock.now();
  const event = await eventOf(trx, ctx.actor.municipalityId, meeting, attendees, now, publicUrl, true, self ?? null);
  await audit(trx, ctx, { action: 'export', entityType: 'meeting_invitation', entityId: meetingId, familyIds: [meeting.family_id], caseIds: [meeting.case_id], reason });
  return formatCalendar({ method: event.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST', name: null, refreshInterval: null, events: [event] });
}

// ---- the subscribable feed ----

function subscriptionOf(row: { created_at: Date; last_used_at: Date | null } | undefined, url: string | null): FeedSubscription {
  return {
    active: !!row, url,
    createdAt: row ? new Date(row.created_at).toISOString() : null,
    lastUsedAt: row?.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  };
}

export async function getSubscription(trx: Trx, ctx: RequestContext): Promise<FeedSubscription> {
  // The URL cannot be shown again: only its hash is stored.
  return subscriptionOf(await activeFeedOf(trx, ctx.actor.userId), null);
}

/** Creates the user's feed URL, revoking any earlier one (rotation). The token is returned this once. */
export async function rotateSubscription(trx: Trx, ctx: RequestContext, publicUrl: string): Promise<FeedSubscription> {
  const now = ctx.clock.now();
  const revoked = await revokeFeeds(trx, ctx.actor.userId, now);
  const token = randomBytes(32).toString('base64url');
  const row = await insertFeed(trx, ctx.actor.municipalityId, ctx.actor.userId, hashToken(token), now);
  for (const id of revoked) await audit(trx, ctx, { action: 'delete', entityType: 'calendar_feed', entityId: id, reason: 'owner' });
  await audit(trx, ctx, { action: 'create', entityType: 'calendar_feed', entityId: row.id, reason: 'owner' });
  return subscriptionOf(row, `${publicUrl}/api/calendar/feed/${token}.ics`);
}

export async function revokeSubscription(trx: Trx, ctx: RequestContext): Promise<FeedSubscription> {
  const revoked = await revokeFeeds(trx, ctx.actor.userId, ctx.clock.now());
  for (const id of revoked) await audit(trx, ctx, { action: 'delete', entityType: 'calendar_feed', entityId: id, reason: 'owner' });
  return subscriptionOf(undefined, null);
}

const tokenFile = /^([A-Za-z0-9_-]{43})\.ics$/;

/**
 * GET /calendar/feed/:token.ics, without a session: the token is the credential. Unknown, malformed and revoked
 * tokens, and feeds of deactivated users, all get the same 404. Every fetch is audited as a read by the feed's owner,
 * naming the cases it showed, with the origin of the request (the calendar service that polls it).
 */
export async function readFeed(deps: { db: Database; clock: Clock }, file: string, origin: Origin, publicUrl: string): Promise<string> {
  const match = tokenFile.exec(file);
  if (!match) throw notFound('The calendar feed');
  const feed = await lookupFeed(deps.db, hashToken(match[1]!));
  if (!feed) throw notFound('The calendar feed');
  return inTenant(deps.db, feed.municipality_id, async (trx) => {
    const user = await feedUser(trx, feed.user_id);
    if (!user || !user.active) throw notFound('The calendar feed');
    const actor: Actor = {
      userId: user.id, municipalityId: feed.municipality_id, roles: user.roles as Role[], departmentId: user.department_id, personId: user.person_id, name: user.name,
    };
    const now = deps.clock.now();
    const meetings = await feedMeetings(trx, actor, todayIn(deps.clock), new Date(now.getTime() - 86_400_000), new Date(now.getTime() + 366 * 86_400_000));
    const attendees = await attendeesOf(trx, meetings.map((m) => m.id));
    const events: IcsEvent[] = [];
    for (const meeting of meetings) events.push(await eventOf(trx, feed.municipality_id, meeting, attendees, now, publicUrl, false, null));
    await trx.updateTable('calendar_feeds').set({ last_used_at: now }).where('id', '=', feed.id).execute();
    await appendAudit(trx, {
      municipalityId: feed.municipality_id, at: now, actorUserId: user.id, actorRole: user.roles.join(','), origin,
      action: 'read', entityType: 'calendar_feed', entityId: feed.id, reason: 'calendar_feed',
      caseIds: [...new Set(meetings.map((m) => m.case_id))], familyIds: [...new Set(meetings.map((m) => m.family_id))],
    });
    return formatCalendar({ method: 'PUBLISH', name: 'Tovholder', refreshInterval: 'PT1H', events });
  });
}
