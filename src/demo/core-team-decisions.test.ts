import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { client, login } from '../../test/factories.js';
import { demoPassword, seedDemo } from './seed.js';

/**
 * The core-team decision demo (issue 8 item 3): the department head finds a proposal with the visitation committee
 * on the agenda of its next meeting, with the dissent; the demo also holds one proposal being voted on and one granted
 * unanimously by the core team, with its decision and letter.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.clock);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('core-team decision demo', () => {
  it('one proposal being voted on, one with the committee (on a meeting\'s agenda), one granted by the core team with its letter', async () => {
    const head = client(t.app, await login(t.app, 'afdelingschef@demo.tovholder.dk', demoPassword));
    const queue = (await head.get('/api/committee/queue')).json() as {
      proposals: Array<{ referralReason: string; committeeMeeting: { meetsOn: string } | null; votes: Array<{ reason: string | null }> }>; meetings: unknown[];
    };
    expect(queue.proposals).toHaveLength(1);
    expect(queue.proposals[0]!.referralReason).toBe('dissent');
    expect(queue.proposals[0]!.committeeMeeting).not.toBeNull();
    expect(queue.proposals[0]!.votes.some((v) => v.reason !== null)).toBe(true);
    expect(queue.meetings).toHaveLength(1);
    const statuses = await t.db.selectFrom('decision_proposals as p').innerJoin('municipalities as m', 'm.id', 'p.municipality_id')
      .select(['p.status', 'p.decision_id']).where('m.name', '=', 'Demo Kommune').orderBy('p.status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['granted', 'referred', 'voting']);
    const granted = statuses.find((s) => s.status === 'granted')!;
    const decision = await t.db.selectFrom('decisions').select('decided_by_kind').where('id', '=', granted.decision_id!).executeTakeFirstOrThrow();
    expect(decision.decided_by_kind).toBe('core_team');
    expect(await t.db.selectFrom('decision_letters').select('id').where('decision_id', '=', granted.decision_id!).execute()).toHaveLength(1);
  });
});
