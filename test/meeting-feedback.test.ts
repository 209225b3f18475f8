import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackVisible } from '../src/modules/family-meeting/rules.js';
import { createTestApp, type TestApp } from './app.js';
import { loginAs } from './factories.js';
import { makeFamilyPortalWorld, send, type FamilyPortalWorld } from './family-portal-setup.js';

/** Issue 5 item 3, 004:2120-2123: FIT-inspired feedback after a meeting, which the coordinator sees the next day. */

let t: TestApp;
let w: FamilyPortalWorld;
let closed: string;
let planned: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeFamilyPortalWorld(t);
  const base = { municipality_id: w.municipality.id, case_id: w.family.caseId, created_by: w.coordinator.id, visibility: 'family' };
  closed = (await t.db.insertInto('meetings').values({
    ...base, type: 'status_meeting', scheduled_at: '2026-11-22T08:00:00Z', status: 'closed', closed_at: '2026-11-22T09:30:00Z', closed_by: w.coordinator.id,
    next_meeting_on: '2027-01-15',
  }).returning('id').executeTakeFirstOrThrow()).id;
  planned = (await t.db.insertInto('meetings').values({ ...base, type: 'network_meeting', scheduled_at: '2026-11-26T09:00:00Z' })
    .returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.close();
});

const url = (id: string) => `/api/portal/meetings/${id}/feedback`;
const answers = { heard: 4, importantTopics: 5, approach: 3, overall: 4, comment: 'Mere tid til os næste gang' };
const countFeedback = async () => (await t.db.selectFrom('meeting_feedback').select('id').execute()).length;

describe('the rule: staff see feedback from the next Danish calendar day (004:2122 "den følgende dag")', () => {
  it.each([
    ['the same afternoon', '2026-11-22T10:00:00Z', '2026-11-22T15:00:00Z', false],
    ['late the same evening in Denmark (22:59 UTC = 23:59 CET)', '2026-11-22T10:00:00Z', '2026-11-22T22:59:00Z', false],
    ['just after midnight in Denmark (23:00 UTC = 00:00 CET)', '2026-11-22T10:00:00Z', '2026-11-22T23:00:00Z', true],
    ['a week later', '2026-11-22T10:00:00Z', '2026-11-29T10:00:00Z', true],
  ])('%s', (_title, answeredAt, now, visible) => {
    expect(feedbackVisible(new Date(answeredAt), new Date(now))).toBe(visible);
  });
});

describe('meeting feedback', () => {
  it('out-of-range answers are 422 and nothing is written; a planned meeting cannot be rated yet', async () => {
    const tooHigh = await send(t, w.parent, 'POST', url(closed), { ...answers, heard: 6 });
    expect(tooHigh.statusCode).toBe(422);
    expect(tooHigh.json().error).toMatchObject({ code: 'score_range', details: [{ field: 'heard' }] });
    expect((await send(t, w.parent, 'POST', url(closed), { ...answers, overall: 0 })).statusCode).toBe(422);
    const early = await send(t, w.parent, 'POST', url(planned), answers);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('meeting_not_closed');
    expect(await countFeedback()).toBe(0);
  });

  it('the parent answers once; a second answer is 409 and keeps the first', async () => {
    const given = await send(t, w.parent, 'POST', url(closed), answers);
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ feedbackGiven: true, abilities: { canGiveFeedback: false } });
    const again = await send(t, w.parent, 'POST', url(closed), { ...answers, heard: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('feedback_given');
    const rows = await t.db.selectFrom('meeting_feedback').select(['heard']).execute();
    expect(rows).toEqual([{ heard: 4 }]);
  });

  it('the coordinator does not see it the same day, only that it is waiting; from the next day they see the answers', async () => {
    const today = await send(t, w.staff, 'GET', `/api/meetings/${closed}/family-input`);
    expect(today.json()).toMatchObject({ feedback: [], feedbackWaiting: 1 });
    t.clock.set('2026-11-22T23:00:00Z'); // 00:00 on 23 November in Denmark
    const staff = await loginAs(t.app, w.coordinator);
    const tomorrow = await send(t, staff, 'GET', `/api/meetings/${closed}/family-input`);
    expect(tomorrow.json()).toMatchObject({
      feedbackWaiting: 0,
      feedback: [{ personId: w.family.parent.id, heard: 4, importantTopics: 5, approach: 3, overall: 4, comment: 'Mere tid til os næste gang' }],
    });
  });

  it('another family\'s parent gets 404 and writes nothing; staff cookies are refused on the portal route', async () => {
    t.clock.set('2026-11-22T23:05:00Z');
    const before = await countFeedback();
    const { loginToPortal, givePortalEmail } = await import('./portal-fixtures.js');
    const other = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, w.otherFamily.parent.id));
    expect((await send(t, other, 'POST', url(closed), answers)).statusCode).toBe(404);
    expect((await send(t, w.staff, 'POST', url(closed), answers)).statusCode).toBe(401);
    const outsider = await loginAs(t.app, w.outsider);
    expect((await send(t, outsider, 'GET', `/api/meetings/${closed}/family-input`)).statusCode).toBe(404);
    expect(await countFeedback()).toBe(before);
  });
});
