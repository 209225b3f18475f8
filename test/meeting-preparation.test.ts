import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { makeFamilyPortalWorld, send, type FamilyPortalWorld } from './family-portal-setup.js';

/** Issue 5 item 3 (004:2108-2110): the family prepares for a meeting; the coordinator sees it on the meeting. */

let t: TestApp;
let w: FamilyPortalWorld;
let planned: string;
let closed: string;
let analysis: string;
let internalOnly: string;

/** A meeting as createMeeting classifies it: shared with the family, except the analysis meeting held without it. */
async function meeting(type: string, status: 'planned' | 'closed', scheduledAt: string, visibility?: 'internal' | 'family'): Promise<string> {
  const row = await t.db.insertInto('meetings').values({
    municipality_id: w.municipality.id, case_id: w.family.caseId, type, scheduled_at: scheduledAt, status, created_by: w.coordinator.id,
    visibility: visibility ?? (type === 'analysis_meeting' ? 'internal' : 'family'),
    ...(status === 'closed' ? { closed_at: '2026-11-20T11:00:00Z', closed_by: w.coordinator.id, next_meeting_on: '2027-01-15' } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await makeFamilyPortalWorld(t);
  planned = await meeting('network_meeting', 'planned', '2026-11-26T09:00:00Z');
  closed = await meeting('status_meeting', 'closed', '2026-11-20T09:00:00Z');
  analysis = await meeting('analysis_meeting', 'planned', '2026-11-27T09:00:00Z');
  internalOnly = await meeting('network_meeting', 'planned', '2026-11-28T09:00:00Z', 'internal');
});
afterAll(async () => {
  await t?.close();
});

const url = (id: string) => `/api/portal/meetings/${id}/preparation`;
const countPreparations = async () => (await t.db.selectFrom('meeting_preparations').select('id').execute()).length;

describe('meeting preparation', () => {
  it('lists the family\'s meetings to prepare and to rate, without the analysis meeting held without the family (000:685-686)', async () => {
    const list = await send(t, w.parent, 'GET', '/api/portal/meeting-tasks');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().meetings.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([planned, closed]));
    expect(ids).not.toContain(analysis);
    expect((await send(t, w.parent, 'GET', url(analysis))).statusCode).toBe(404);
    // A meeting staff keep internal (policy/visibility.ts) is neither listed nor preparable, and no meeting carries its staff title.
    expect(ids).not.toContain(internalOnly);
    expect((await send(t, w.parent, 'GET', url(internalOnly))).statusCode).toBe(404);
    for (const m of list.json().meetings) expect(m).not.toHaveProperty('title');
  });

  it('the parent writes focus points, wishes and people to invite; the coordinator sees them on the meeting', async () => {
    const written = await send(t, w.parent, 'PUT', url(planned), { focusPoints: 'Skoleskift', wishes: 'Kort møde', inviteWishes: 'Klasselæreren', version: 0 });
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json()).toMatchObject({ preparation: { focusPoints: 'Skoleskift', version: 1 }, abilities: { canPrepare: true } });
    const staff = await send(t, w.staff, 'GET', `/api/meetings/${planned}/family-input`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json().preparations).toMatchObject([{
      personId: w.family.parent.id, personName: `${w.family.parent.firstName} ${w.family.parent.lastName}`,
      focusPoints: 'Skoleskift', wishes: 'Kort møde', inviteWishes: 'Klasselæreren',
    }]);
  });

  it('an edit with the current version updates it; a stale version is 409 and changes nothing', async () => {
    const updated = await send(t, w.parent, 'PUT', url(planned), { focusPoints: 'Skoleskift og søvn', version: 1 });
    expect(updated.json().preparation).toMatchObject({ focusPoints: 'Skoleskift og søvn', wishes: null, version: 2 });
    const stale = await send(t, w.parent, 'PUT', url(planned), { focusPoints: 'Gammel', version: 1 });
    expect(stale.statusCode).toBe(409);
    const again = await send(t, w.parent, 'PUT', url(planned), { focusPoints: 'Dobbelt', version: 0 });
    expect(again.statusCode).toBe(409);
    expect((await send(t, w.parent, 'GET', url(planned))).json().preparation.focusPoints).toBe('Skoleskift og søvn');
  });

  it('an empty preparation and a closed meeting are 422 with nothing written', async () => {
    const before = await countPreparations();
    const empty = await send(t, w.parent, 'PUT', url(closed), { focusPoints: '', version: 0 });
    expect(empty.statusCode).toBe(422);
    const closedMeeting = await send(t, w.parent, 'PUT', url(closed), { focusPoints: 'For sent', version: 0 });
    expect(closedMeeting.statusCode).toBe(422);
    expect(closedMeeting.json().error.code).toBe('meeting_not_open');
    expect(await countPreparations()).toBe(before);
  });

  it('another family\'s parent gets 404, staff without need-to-know 404, and sessions of the wrong kind 401', async () => {
    const before = await countPreparations();
    expect((await send(t, w.otherParent, 'GET', url(planned))).statusCode).toBe(404);
    expect((await send(t, w.otherParent, 'PUT', url(planned), { focusPoints: 'Snig', version: 0 })).statusCode).toBe(404);
    expect((await send(t, w.outsiderStaff, 'GET', `/api/meetings/${planned}/family-input`)).statusCode).toBe(404);
    expect((await send(t, w.parent, 'GET', `/api/meetings/${planned}/family-input`)).statusCode).toBe(401);
    expect((await send(t, w.staff, 'PUT', url(planned), { focusPoints: 'Staff', version: 0 })).statusCode).toBe(401);
    expect(await countPreparations()).toBe(before);
  });
});
