import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter, countAll } from './inspect.js';
import { givePortalEmail, loginToPortal } from './portal-fixtures.js';

/**
 * The child's own voice (issue 3 §5): summaries of child conversations and observations (001:160-163) and Dialoglinealen
 * smiley scores per topic over time (000:479-483), shown beside the goals of the joint plan (004:143-148).
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
let coordinator: TestUser;
let coreMember: TestUser;
let session: Session;

interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string }> } }
interface Voice {
  childId: string; childName: string;
  notes: Array<{ occurredOn: string; method: string; summary: string; meetingId: string | null; recordedBy: string }>;
  scores: Array<{ scoredOn: string; topic: string; score: number }>;
  topics: Array<{ topic: string; latest: number; latestOn: string; previous: number | null; trend: string; history: Array<{ scoredOn: string; score: number }> }>;
  abilities: Record<string, boolean>;
}
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const api = (s: Session = session) => client(t.app, s);
const voiceUrl = () => `/api/children/${family.child.id}/voice`;

async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Jonas Rådgiver' });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr', name: 'Lars PPR' });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  await addTeamMember(t.db, family.caseId, coreMember);
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe("the child's own voice", () => {
  it('records a child observation with date, method, summary and author, audited in the same transaction', async () => {
    const meeting = await t.db.insertInto('meetings').values({
      municipality_id: m.id, case_id: family.caseId, type: 'child_conversation', child_contact: 'observation', scheduled_at: '2026-11-20T09:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    const head = await auditHead(t.db, m.id);
    const response = await api().post(`${voiceUrl()}/notes`, {
      occurredOn: '2026-11-20', method: 'observation', summary: 'Emil smilede, da vi talte om svømning; blev urolig ved snak om skolen.', meetingId: meeting.id,
    });
    expect(response.statusCode, response.body).toBe(201);
    const voice = response.json() as Voice;
    expect(voice.notes).toEqual([expect.objectContaining({ occurredOn: '2026-11-20', method: 'observation', meetingId: meeting.id, recordedBy: 'Jonas Rådgiver' })]);
    const rows = await auditRowsAfter(t.db, m.id, head);
    expect(rows.map((r) => [r.action, r.entity_type, r.case_ids])).toEqual([['create', 'child_voice_note', [family.caseId]]]);
  });

  it('Dialoglinealen scores per topic over time give the latest score and its trend per topic (000:479-483)', async () => {
    const first = await api().post(`${voiceUrl()}/scores`, {
      scoredOn: '2026-09-01', scores: [{ topic: 'Skole', score: 2 }, { topic: 'Hjemme', score: 4 }, { topic: 'Venner', score: 3 }],
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await api().post(`${voiceUrl()}/scores`, {
      scoredOn: '2026-11-20', scores: [{ topic: 'Skole', score: 4, comment: 'Ny lærer' }, { topic: 'Hjemme', score: 3 }, { topic: 'Venner', score: 3 }],
    });
    expect(second.statusCode, second.body).toBe(201);
    const voice = second.json() as Voice;
    expect(voice.topics.map((tp) => [tp.topic, tp.latest, tp.previous, tp.trend])).toEqual([
      ['Hjemme', 3, 4, 'down'], ['Skole', 4, 2, 'up'], ['Venner', 3, 3, 'same'],
    ]);
    expect(voice.topics.find((tp) => tp.topic === 'Skole')!.history).toEqual([{ scoredOn: '2026-09-01', score: 2 }, { scoredOn: '2026-11-20', score: 4 }]);
  });

  it('a score outside 1-5 smileys is refused naming the field; nothing is written', async () => {
    const { status, body } = await refused(() => api().post(`${voiceUrl()}/scores`, { scoredOn: '2026-11-21', scores: [{ topic: 'Skole', score: 6 }] }));
    expect(status).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'scores.0.score', code: 'score_range' });
  });

  it('the same topic twice on one date is refused (422 topic_repeated), in one session or against an earlier one', async () => {
    const inOne = await refused(() => api().post(`${voiceUrl()}/scores`, { scoredOn: '2026-11-21', scores: [{ topic: 'Skole', score: 3 }, { topic: 'skole ', score: 4 }] }));
    expect(inOne.status).toBe(422);
    expect(inOne.body.error.details[0]).toMatchObject({ field: 'scores.1.topic', code: 'topic_repeated' });
    const again = await refused(() => api().post(`${voiceUrl()}/scores`, { scoredOn: '2026-11-20', scores: [{ topic: 'Skole', score: 5 }] }));
    expect(again.status).toBe(422);
  });

  it('a conversation dated in the future or tied to another child\'s meeting is refused (422); nothing is written', async () => {
    const future = await refused(() => api().post(`${voiceUrl()}/notes`, { occurredOn: '2026-11-23', method: 'conversation', summary: 'Endnu ikke holdt' }));
    expect(future.status).toBe(422);
    expect(future.body.error.details[0]).toMatchObject({ field: 'occurredOn', code: 'date_in_future' });
    const meeting = await t.db.insertInto('meetings').values({
      municipality_id: m.id, case_id: otherFamily.caseId, type: 'child_conversation', child_contact: 'conversation', scheduled_at: '2026-11-20T09:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    const wrong = await refused(() => api().post(`${voiceUrl()}/notes`, { occurredOn: '2026-11-20', method: 'conversation', summary: 'x', meetingId: meeting.id }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('meeting_not_of_child');
    const method = await refused(() => api().post(`${voiceUrl()}/notes`, { occurredOn: '2026-11-20', method: 'guess', summary: 'x' }));
    expect(method.status).toBe(400);
  });

  it('a core-team member reads the child\'s voice but does not record it; other staff get 404, a parent\'s portal session 401', async () => {
    const core = api(await loginAs(t.app, coreMember));
    const read = await core.get(voiceUrl());
    expect(read.statusCode).toBe(200);
    expect((read.json() as Voice).abilities.canRecord).toBe(false);
    const write = await refused(() => core.post(`${voiceUrl()}/notes`, { occurredOn: '2026-11-20', method: 'conversation', summary: 'x' }));
    expect(write.status).toBe(403);
    // Parents log in to the family portal (issue 5 item 1), whose session opens no staff route.
    const portal = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id));
    const parent = await api({ ...portal, userId: '' }).get(voiceUrl());
    expect(parent.statusCode).toBe(401);
    const outsider = await makeUser(t.db, m, { roles: ['coordinator'] });
    expect((await api(await loginAs(t.app, outsider)).get(voiceUrl())).statusCode).toBe(404);
  });

  it('the joint plan shows each child\'s latest score per topic and trend beside the goals', async () => {
    const plan = await api().get(`/api/families/${family.familyId}/plan`);
    expect(plan.statusCode, plan.body).toBe(200);
    const childVoice = (plan.json() as { childVoice: Array<{ childId: string; topics: Voice['topics']; latestNotes: Voice['notes'] }> }).childVoice;
    expect(childVoice).toHaveLength(1);
    expect(childVoice[0]!.childId).toBe(family.child.id);
    expect(childVoice[0]!.topics.find((tp) => tp.topic === 'Skole')).toMatchObject({ latest: 4, trend: 'up' });
    expect(childVoice[0]!.latestNotes[0]!.method).toBe('observation');
  });
});
