import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

export interface TestCalendarRecords {
  feedId: string;
  outboxMessageId: string;
}

/**
 * One row in every table of migration 0006 (calendar feeds, event sequences, outbox, reminder preferences), for
 * fixtures that need every tenant table filled (tenant-isolation, cross-tenant). `meetingId` is a meeting of the family's case.
 */
export async function makeCalendarRecords(db: Database, family: TestFamily, user: TestUser, meetingId: string): Promise<TestCalendarRecords> {
  const municipalityId = family.municipalityId;
  const at = new Date('2026-11-22T10:00:00Z');
  const feed = await db.insertInto('calendar_feeds').values({
    municipality_id: municipalityId, user_id: user.id, token_hash: Buffer.from(`${user.id}-feed-hash`).toString('base64url').slice(0, 43).padEnd(43, 'A'), created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('calendar_event_sequences').values({ municipality_id: municipalityId, meeting_id: meetingId, sequence: 1, fingerprint: 'fixture', updated_at: at })
    .onConflict((oc) => oc.doNothing()).execute();
  const message = await db.insertInto('outbox_messages').values({
    municipality_id: municipalityId, dedupe_key: `fixture:${meetingId}`, kind: 'meeting_reminder', channel: 'email', recipient: 'fixture@example.test',
    subject: 'Påmindelse: møde i Tovholder', body: 'Du har et møde.', next_attempt_at: at, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('reminder_preferences').values({ municipality_id: municipalityId, person_id: family.parent.id, opted_in: true, channel: 'email', updated_at: at, updated_by: user.id })
    .onConflict((oc) => oc.doNothing()).execute();
  return { feedId: feed.id, outboxMessageId: message.id };
}
