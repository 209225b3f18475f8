import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/** One row in every table of migration 0014 (issue 5 items 3 and 5), for the tenant and cross-tenant canaries. */
export interface TestFamilyPortalRecords {
  threadId: string;
  messageId: string;
}

export async function makeFamilyPortalRecords(db: Database, family: TestFamily, user: TestUser, meetingId: string): Promise<TestFamilyPortalRecords> {
  const municipality_id = family.municipalityId;
  const at = new Date('2026-11-21T10:00:00Z');
  const thread = await db.insertInto('message_threads').values({
    municipality_id, family_id: family.familyId, subject: 'Spørgsmål om aflastning', created_by_person_id: family.parent.id, created_at: at, last_message_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  const message = await db.insertInto('messages').values({
    municipality_id, thread_id: thread.id, author_person_id: family.parent.id, body: 'Hvornår hører vi noget?', sent_at: at, read_by_family_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('messages').values({ municipality_id, thread_id: thread.id, author_user_id: user.id, body: 'I morgen.', sent_at: at, read_by_staff_at: at }).execute();
  await db.insertInto('meeting_preparations').values({
    municipality_id, meeting_id: meetingId, person_id: family.parent.id, focus_points: 'Søvn', updated_at: at,
  }).execute();
  await db.insertInto('meeting_feedback').values({
    municipality_id, meeting_id: meetingId, person_id: family.parent.id, heard: 4, important_topics: 4, approach: 3, overall: 4, answered_at: at,
  }).execute();
  await db.insertInto('child_page_permissions').values({
    municipality_id, child_id: family.child.id, allowed: true, set_by_person_id: family.parent.id, set_at: at,
  }).execute();
  return { threadId: thread.id, messageId: message.id };
}
