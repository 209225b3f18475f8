import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countAll } from './inspect.js';

/**
 * The contact agreement per family (issue 4 §4, 000:423-445, 001:429-433): channels, how often, good times and
 * "prefers space"; recorded at the start, revisable with every revision kept, and contact drift measured against it.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let family: TestFamily;
let session: Session;

interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string }> } }
interface Overview {
  current: { revision: number; channels: string[]; everyDays: number; goodTimes: string | null; prefersSpace: boolean; maxContactsPer30Days: number | null } | null;
  history: Array<{ revision: number }>;
  drift: { kind: string } | null;
  lastContactOn: string | null;
  contactsLast30: number;
  abilities: Record<string, boolean>;
}
const api = () => client(t.app, session);
const url = () => `/api/families/${family.familyId}/contact-agreement`;
const agreement = { channels: ['phone', 'sms'], everyDays: 14, goodTimes: 'Hverdage efter kl. 15', prefersSpace: false, note: 'Mor foretrækker sms først' };

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('contact agreement', () => {
  it('a family starts without an agreement', async () => {
    const response = await api().get(url());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ current: null, history: [], drift: null, abilities: { canEdit: true } });
  });

  it('an agreement without any channel is refused naming the field, and nothing is written', async () => {
    const before = await countAll(t.db);
    const response = await api().request('PUT', url(), { ...agreement, channels: [], revision: 0 });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'channels', code: 'no_channel' })]);
    expect(await countAll(t.db)).toEqual(before);
  });

  it('"prefers space" needs a limit; unknown channels are refused', async () => {
    const space = await api().request('PUT', url(), { ...agreement, prefersSpace: true, revision: 0 });
    expect(space.statusCode).toBe(422);
    expect((space.json() as ErrorBody).error.details[0]!.field).toBe('maxContactsPer30Days');
    const unknown = await api().request('PUT', url(), { ...agreement, channels: ['fax'], revision: 0 });
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorBody).error.details[0]!.field).toBe('channels.0');
  });

  it('is recorded at the start (revision 1)', async () => {
    const response = await api().request('PUT', url(), { ...agreement, revision: 0 });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Overview).current).toMatchObject({ revision: 1, channels: ['phone', 'sms'], everyDays: 14, goodTimes: 'Hverdage efter kl. 15' });
  });

  it('is revised as a new revision; the earlier one stays in the history', async () => {
    const response = await api().request('PUT', url(), { ...agreement, channels: ['sms'], everyDays: 60, prefersSpace: true, maxContactsPer30Days: 1, revision: 1 });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as Overview;
    expect(body.current).toMatchObject({ revision: 2, channels: ['sms'], prefersSpace: true, maxContactsPer30Days: 1 });
    expect(body.history.map((h) => h.revision)).toEqual([2, 1]);
  });

  it('a revision of a stale version is refused with 409 and nothing is written', async () => {
    const before = await countAll(t.db);
    const response = await api().request('PUT', url(), { ...agreement, revision: 1 });
    expect(response.statusCode).toBe(409);
    expect((response.json() as ErrorBody).error.code).toBe('version_conflict');
    expect(await countAll(t.db)).toEqual(before);
  });

  it('shows drift when a family that prefers space gets more contact than agreed', async () => {
    for (const day of ['2026-11-18', '2026-11-20']) {
      expect((await api().post(`/api/families/${family.familyId}/contacts`, { occurredOn: day, channel: 'sms' })).statusCode).toBe(201);
    }
    const body = (await api().get(url())).json() as Overview;
    expect(body).toMatchObject({ lastContactOn: '2026-11-20', contactsLast30: 2, drift: { kind: 'too_much' } });
  });

  it('is not visible to another municipality (404)', async () => {
    const other = await makeMunicipality(t.db);
    const stranger = client(t.app, await loginAs(t.app, await makeUser(t.db, other, { roles: ['coordinator'] })));
    expect((await stranger.get(url())).statusCode).toBe(404);
    expect((await stranger.request('PUT', url(), { ...agreement, revision: 2 })).statusCode).toBe(404);
  });
});
