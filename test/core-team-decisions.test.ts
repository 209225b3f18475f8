import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testToday, type TestApp } from './app.js';
import { addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { publishTestPlan } from './decision-fixtures.js';
import { countAll } from './inspect.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';

/**
 * Issue 8 items 2-3 (EFEI 000:810-881, 000:876-881): decisions checked against the decision-competence plan, the
 * letter to the family, core-team proposals decided unanimously, referral to the visitation committee on a single
 * disagreement or an excepted category, and the committee's decision.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let closedFamily: TestFamily;
let coordinator: TestUser;
let leader: TestUser;
let otherLeader: TestUser;
const members: TestUser[] = [];
let outsider: TestUser;
let partner: TestUser;
const sessions = new Map<string, Session>();
let portal: PortalSession;
const measures = { support: '', extraCosts: '', placement: '' };

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string; message: string }> } }
interface Proposal {
  id: string; status: string; referralReason: string | null; referredOn: string | null; expectedBy: string | null; committeeMeeting: { id: string; meetsOn: string } | null;
  decision: { id: string; outcome: string; decidedByKind: string | null } | null; votes: Array<{ userId: string; vote: string | null; reason: string | null }>;
  planVersionNo: number;
  abilities: Record<string, boolean>;
}

const as = (user: TestUser) => client(t.app, sessions.get(user.id)!);
const views = { childViewsMethod: 'conversation', childViewsOn: '2026-11-20', childViews: 'Jeg vil gerne have en voksen at tale med.' };
const grant = (extra: Record<string, unknown>) => ({ decidedOn: testToday, outcome: 'granted', reasoning: 'Behovet er dokumenteret i udredningen.', ...views, ...extra });
const proposal = (extra: Record<string, unknown> = {}) => ({
  legalBasisId: 'BL-32', reasoning: 'Kerneteamet foreslår en fast kontaktperson.', measureIds: [measures.support], amountDkk: 8000, amountPeriod: 'month', ...views, ...extra,
});
const propose = async (extra: Record<string, unknown> = {}, f: TestFamily = family) => {
  const response = await as(coordinator).request('POST', `/api/cases/${f.caseId}/proposals`, proposal(extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Proposal;
};
const vote = (user: TestUser, id: string, body: Record<string, unknown>) => as(user).request('POST', `/api/proposals/${id}/votes`, body);

async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], department: 'child_disability', hasAuthority: true, name: 'Mette Koordinator' });
  leader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability', name: 'Lea Leder' });
  otherLeader = await makeUser(t.db, m, { roles: ['department_head'], department: 'school', name: 'Sune Skoleleder' });
  for (const name of ['Anna Kerne', 'Bo Kerne', 'Cecilie Kerne']) members.push(await makeUser(t.db, m, { roles: ['core_team_member'], department: 'school', name }));
  outsider = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr', name: 'Ole Udenfor' });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Pia Partner' });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  closedFamily = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  await t.db.updateTable('cases').set({ status: 'closed', closed_on: '2026-11-01' }).where('id', '=', closedFamily.caseId).execute();
  // An external partner on the core team takes part but does not vote: the grant is the municipality's authority.
  await addTeamMember(t.db, family.caseId, partner);
  for (const member of members) {
    await addTeamMember(t.db, family.caseId, member);
    await addTeamMember(t.db, closedFamily.caseId, member);
  }
  measures.support = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-32', description: 'Fast kontaktperson' });
  measures.extraCosts = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', description: 'Merudgifter til kørsel' });
  measures.placement = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-46', description: 'Aflastning på institution' });
  await t.db.insertInto('yearly_legal_amounts').values({ municipality_id: m.id, year: 2026, kind: 'bl86_threshold_per_year', amount_dkk: 1000, note: 'Testværdi' }).execute();
  await t.db.insertInto('yearly_legal_amounts').values({ municipality_id: m.id, year: 2026, kind: 'bl87_cap_per_month', amount_dkk: 40000, note: 'Testværdi' }).execute();
  await publishTestPlan(t.db, m.id, leader.id, [
    { legal_basis_id: 'BL-86', decided_by: 'role', role: 'coordinator', max_amount_dkk: 5000, amount_period: 'month' },
    { category: 'compensation', decided_by: 'department_leader', department_id: m.departments.child_disability },
    { legal_basis_id: 'BL-32', decided_by: 'core_team', max_amount_dkk: 250000, amount_period: 'year' },
    { category: 'placement', decided_by: 'core_team' },
  ]);
  for (const user of [coordinator, leader, otherLeader, ...members, outsider, partner]) sessions.set(user.id, await loginAs(t.app, user));
  portal = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id));
});

afterAll(async () => {
  await t?.close();
});

describe('decisions checked against the competence plan (issue 8 item 2)', () => {
  it('a grant within competence is recorded with the rule and plan version, and the letter waits for the family', async () => {
    const response = await as(coordinator).request('POST', `/api/cases/${family.caseId}/decisions`,
      grant({ legalBasisId: 'BL-86', measureIds: [measures.extraCosts], amountDkk: 400, amountPeriod: 'month' }));
    expect(response.statusCode, response.body).toBe(201);
    const decision = response.json() as { decidedByKind: string; competencePlanVersionNo: number; competenceRulePosition: number; letter: { body: string; complaintDeadline: string } };
    expect([decision.decidedByKind, decision.competencePlanVersionNo, decision.competenceRulePosition]).toEqual(['role', 1, 0]);
    expect(decision.letter.complaintDeadline).toBe('2026-12-20');
    for (const part of ['BL §86', 'Behovet er dokumenteret', 'Jeg vil gerne have en voksen', 'Klagevejledning', '20.12.2026', '400,00 kr. pr. måned']) {
      expect(decision.letter.body).toContain(part);
    }
    const mail = await t.db.selectFrom('outbox_messages').select(['recipient', 'subject', 'body']).where('dedupe_key', 'like', 'decision-letter:%').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).not.toContain('Behovet');
    expect(mail[0]!.body).not.toContain('§');
  });

  it('beyond competence: 403 naming the department leader who can; nothing written', async () => {
    const { status, body } = await refused(() => as(coordinator).request('POST', `/api/cases/${family.caseId}/decisions`,
      grant({ legalBasisId: 'BL-87', amountDkk: 3000, amountPeriod: 'month' })));
    expect([status, body.error.code]).toEqual([403, 'outside_competence']);
    expect(body.error.message).toContain('the leader of Børnehandicap');
    expect(body.error.details[0]).toMatchObject({ field: 'legalBasisId', code: 'outside_competence' });
  });

  it('over the rule\'s amount limit: 422 naming the limit; nothing written', async () => {
    const { status, body } = await refused(() => as(coordinator).request('POST', `/api/cases/${family.caseId}/decisions`,
      grant({ legalBasisId: 'BL-86', amountDkk: 5000.5, amountPeriod: 'month' })));
    expect([status, body.error.code, body.error.details[0]?.field]).toEqual([422, 'over_competence_limit', 'amountDkk']);
    expect(body.error.message).toContain('5000 kr. per month');
  });

  it('a core-team paragraph is never granted directly, not even by a leader', async () => {
    const { status, body } = await refused(() => as(leader).request('POST', `/api/cases/${family.caseId}/decisions`,
      grant({ legalBasisId: 'BL-32', measureIds: [measures.support] })));
    expect([status, body.error.code]).toEqual([422, 'decided_by_core_team']);
  });

  it('the leader of the named department grants, and a team leader may decide what a coordinator may', async () => {
    const response = await as(leader).request('POST', `/api/cases/${family.caseId}/decisions`, grant({ legalBasisId: 'BL-87', amountDkk: 3000, amountPeriod: 'month' }));
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as { decidedByKind: string }).decidedByKind).toBe('department_leader');
  });

  it('a refusal needs no competence', async () => {
    const response = await as(coordinator).request('POST', `/api/cases/${family.caseId}/decisions`, grant({ legalBasisId: 'BL-87', outcome: 'refused' }));
    expect(response.statusCode, response.body).toBe(201);
  });

  it('"what may I decide?" on the case', async () => {
    const response = await as(coordinator).get(`/api/cases/${family.caseId}/decision-competence`);
    expect(response.statusCode, response.body).toBe(200);
    const routes = Object.fromEntries((response.json() as { bases: Array<{ legalBasisId: string; route: string }> }).bases.map((b) => [b.legalBasisId, b.route]));
    expect([routes['BL-86'], routes['BL-87'], routes['BL-32'], routes['BL-46'], routes['BL-30']]).toEqual(['direct', 'not_you', 'proposal', 'committee', 'no_rule']);
  });
});

describe('core-team proposals (issue 8 item 3, 000:876-881)', () => {
  it('unanimity grants: the decision is recorded as decided by the core team, with its letter', async () => {
    const p = await propose();
    expect([p.status, p.votes.map((v) => v.vote)]).toEqual(['voting', [null, null, null]]);
    expect((await vote(members[0]!, p.id, { vote: 'agree' })).statusCode).toBe(200);
    expect(((await vote(members[1]!, p.id, { vote: 'agree' })).json() as Proposal).status).toBe('voting');
    const last = await vote(members[2]!, p.id, { vote: 'agree' });
    const done = last.json() as Proposal;
    expect([done.status, done.decision?.outcome, done.decision?.decidedByKind]).toEqual(['granted', 'granted', 'core_team']);
    const decision = await as(coordinator).get(`/api/decisions/${done.decision!.id}`);
    expect((decision.json() as { letter: { body: string } }).letter.body).toContain('kerneteamet (enstemmigt)');
  });

  it('one disagreement refers it to the committee with the dissent; expected in 14 days without a meeting; voting is over', async () => {
    const p = await propose();
    await vote(members[0]!, p.id, { vote: 'agree' });
    const response = await vote(members[1]!, p.id, { vote: 'disagree', reason: 'Familien bør først prøve netværket.' });
    const referred = response.json() as Proposal;
    expect([referred.status, referred.referralReason, referred.referredOn, referred.expectedBy]).toEqual(['referred', 'dissent', testToday, '2026-12-06']);
    expect(referred.votes.find((v) => v.userId === members[1]!.id)?.reason).toBe('Familien bør først prøve netværket.');
    const late = await refused(() => vote(members[2]!, p.id, { vote: 'agree' }));
    expect([late.status, late.body.error.code]).toEqual([409, 'proposal_not_voting']);
  });

  it('a disagreement without a reason is refused; nothing written', async () => {
    const p = await propose();
    const { status, body } = await refused(() => vote(members[0]!, p.id, { vote: 'disagree' }));
    expect([status, body.error.details[0]?.field]).toEqual([422, 'reason']);
  });

  it('an excepted category (placement) goes to the committee at once', async () => {
    const p = await propose({ legalBasisId: 'BL-46', measureIds: [measures.placement] });
    expect([p.status, p.referralReason]).toEqual(['referred', 'excepted_category']);
  });

  it('over the core team\'s limit goes to the committee', async () => {
    const p = await propose({ amountDkk: 25000 });
    expect([p.status, p.referralReason]).toEqual(['referred', 'over_limit']);
  });

  it('a second vote is refused (409), the first stands', async () => {
    const p = await propose();
    await vote(members[0]!, p.id, { vote: 'agree' });
    const { status, body } = await refused(() => vote(members[0]!, p.id, { vote: 'disagree', reason: 'Jeg har fortrudt.' }));
    expect([status, body.error.code]).toEqual([409, 'already_voted']);
    const now = (await as(coordinator).get(`/api/proposals/${p.id}`)).json() as Proposal;
    expect([now.status, now.votes.find((v) => v.userId === members[0]!.id)?.vote]).toEqual(['voting', 'agree']);
  });

  it('a vote by someone not on the core team is refused (403); nothing written', async () => {
    const p = await propose();
    const coord = await refused(() => vote(coordinator, p.id, { vote: 'agree' }));
    expect([coord.status, coord.body.error.code]).toEqual([403, 'not_core_team_member']);
    const stranger = await refused(() => vote(outsider, p.id, { vote: 'agree' }));
    expect(stranger.status).toBe(404);
    // The external partner on the team reaches staff routes not at all (partner API only), so cannot vote either.
    const fromPartner = await refused(() => vote(partner, p.id, { vote: 'agree' }));
    expect(fromPartner.status).toBe(404);
  });

  it('a proposal or decision on a closed case is refused (422); nothing written', async () => {
    const a = await refused(() => as(coordinator).request('POST', `/api/cases/${closedFamily.caseId}/proposals`, proposal({ measureIds: [] })));
    expect([a.status, a.body.error.code]).toEqual([422, 'case_closed']);
    const b = await refused(() => as(coordinator).request('POST', `/api/cases/${closedFamily.caseId}/decisions`, grant({ legalBasisId: 'BL-86', amountDkk: 100, amountPeriod: 'month' })));
    expect([b.status, b.body.error.code]).toEqual([422, 'case_closed']);
  });

  it('a proposal for what the coordinator decides directly is refused, naming who decides', async () => {
    const { status, body } = await refused(() => as(coordinator).request('POST', `/api/cases/${family.caseId}/proposals`,
      proposal({ legalBasisId: 'BL-86', measureIds: [measures.extraCosts], amountDkk: 400 })));
    expect([status, body.error.code]).toEqual([422, 'proposal_not_needed']);
  });

  it('the last two votes sent at the same time are both counted: exactly one decision', async () => {
    const p = await propose();
    await vote(members[0]!, p.id, { vote: 'agree' });
    const [x, y] = await Promise.all([vote(members[1]!, p.id, { vote: 'agree' }), vote(members[2]!, p.id, { vote: 'agree' })]);
    expect([x.statusCode, y.statusCode], `${x.body} ${y.body}`).toEqual([200, 200]);
    const rows = await t.db.selectFrom('decision_proposal_votes').select('vote').where('proposal_id', '=', p.id).execute();
    expect(rows).toHaveLength(3);
    const final = (await as(coordinator).get(`/api/proposals/${p.id}`)).json() as Proposal;
    expect(final.status).toBe('granted');
    expect(await t.db.selectFrom('decisions').select('id').where('proposal_id', '=', p.id).execute()).toHaveLength(1);
  });

  it('a dissent and an agreement sent at the same time: no vote is silently lost, and it is referred', async () => {
    const p = await propose();
    const [x, y] = await Promise.all([
      vote(members[0]!, p.id, { vote: 'disagree', reason: 'For dyrt.' }), vote(members[1]!, p.id, { vote: 'agree' }),
    ]);
    // The dissent is always counted; the agreement is counted if it came first, else answered 409 (voting had ended).
    expect(x.statusCode, x.body).toBe(200);
    expect([200, 409], y.body).toContain(y.statusCode);
    const final = (await as(coordinator).get(`/api/proposals/${p.id}`)).json() as Proposal;
    expect([final.status, final.votes.filter((v) => v.vote !== null).length]).toEqual(['referred', y.statusCode === 200 ? 2 : 1]);
  });
});

describe('the visitation committee (issue 8 item 3)', () => {
  it('only department heads and team leaders keep the committee\'s record', async () => {
    expect((await as(coordinator).get('/api/committee/queue')).statusCode).toBe(403);
    expect((await as(members[0]!).request('POST', '/api/committee/meetings', { meetsOn: '2026-11-30' })).statusCode).toBe(403);
  });

  it('a planned meeting takes the referred proposals onto its agenda and they are expected by it', async () => {
    const created = await as(otherLeader).request('POST', '/api/committee/meetings', { meetsOn: '2026-11-30', location: 'Rådhuset, lokale 2' });
    expect(created.statusCode, created.body).toBe(201);
    const agenda = created.json() as { meeting: { id: string; agendaCount: number }; agenda: Proposal[] };
    expect(agenda.agenda.length).toBeGreaterThanOrEqual(4);
    expect(agenda.agenda.every((p) => p.expectedBy === '2026-11-30')).toBe(true);
    const again = await refused(() => as(otherLeader).request('POST', '/api/committee/meetings', { meetsOn: '2026-11-30' }));
    expect(again.status).toBe(409);
    // A proposal referred after the meeting is planned is expected by that meeting too.
    const p = await propose({ legalBasisId: 'BL-46', measureIds: [measures.placement] });
    expect([p.expectedBy, p.committeeMeeting?.meetsOn]).toEqual(['2026-11-30', '2026-11-30']);
  });

  it('the committee decides: a decision by the visitation committee with its letter; the family sees it in the portal', async () => {
    const queue = (await as(otherLeader).get('/api/committee/queue')).json() as { proposals: Proposal[] };
    const dissent = queue.proposals.find((p) => p.referralReason === 'dissent')!;
    expect(dissent.votes.some((v) => v.reason === 'Familien bør først prøve netværket.')).toBe(true);
    const bad = await refused(() => as(otherLeader).request('POST', `/api/committee/proposals/${dissent.id}/decision`, { outcome: 'granted', reasoning: ' ' }));
    expect(bad.status).toBe(400);
    const response = await as(otherLeader).request('POST', `/api/committee/proposals/${dissent.id}/decision`, { outcome: 'granted', reasoning: 'Udvalget bevilger kontaktpersonen.' });
    expect(response.statusCode, response.body).toBe(200);
    const decided = response.json() as Proposal;
    expect([decided.status, decided.decision?.decidedByKind]).toEqual(['granted', 'visitation_committee']);
    const twice = await refused(() => as(otherLeader).request('POST', `/api/committee/proposals/${dissent.id}/decision`, { outcome: 'refused', reasoning: 'Nej.' }));
    expect(twice.status).toBe(409);

    const seen = await t.app.inject({ method: 'GET', url: '/api/portal/decisions', headers: portal.headers });
    expect(seen.statusCode, seen.body).toBe(200);
    const body = seen.json() as { letters: Array<{ decisionId: string; body: string }>; pending: Array<{ stage: string; expectedBy: string | null }> };
    const letter = body.letters.find((l) => l.decisionId === decided.decision!.id);
    expect(letter?.body).toContain('visitationsudvalget');
    expect(letter?.body).toContain('Udvalget bevilger kontaktpersonen.');
    expect(body.pending.some((p) => p.stage === 'committee' && p.expectedBy === '2026-11-30')).toBe(true);
    expect(seen.body).not.toContain('Familien bør først prøve netværket.');
  });

  it('the coordinator sees where each proposal is on the case', async () => {
    const list = (await as(coordinator).get(`/api/cases/${family.caseId}/proposals`)).json() as { proposals: Proposal[]; abilities: Record<string, boolean> };
    expect(list.abilities.canPropose).toBe(true);
    expect(new Set(list.proposals.map((p) => p.status))).toEqual(new Set(['voting', 'referred', 'granted']));
  });

  it('each measure shows its grant status: granted only through a decision the plan allowed', async () => {
    const theCase = (await as(coordinator).get(`/api/cases/${family.caseId}`)).json() as { measures: Array<{ id: string; grantStatus: string; grantExpectedBy: string | null }> };
    const of = (id: string) => theCase.measures.find((x) => x.id === id)!;
    expect([of(measures.extraCosts).grantStatus, of(measures.placement).grantStatus, of(measures.placement).grantExpectedBy]).toEqual(['granted', 'with_committee', '2026-11-30']);
    // Several proposals for the support measure are open (made at the same instant here): it shows one of them.
    expect(['proposed', 'with_committee']).toContain(of(measures.support).grantStatus);
  });
});

describe('excepted categories are configured in the plan (issue 8 item 3)', () => {
  it('a leader publishes a version excepting support measures: a §32 proposal then goes straight to the committee', async () => {
    const current = (await as(leader).get('/api/competence-plan')).json() as { version: { versionNo: number; committeeOnlyCategories: string[] }; rules: Array<Record<string, unknown>> };
    expect(current.version.committeeOnlyCategories).toEqual(['placement']);
    const rules = current.rules.map((r) => ({
      legalBasisId: r.legalBasisId, category: r.category, decidedBy: r.decidedBy, role: r.role, departmentId: r.departmentId,
      maxAmountDkk: r.maxAmountDkk, amountPeriod: r.amountPeriod, defaultPayerDepartmentId: r.defaultPayerDepartmentId,
    }));
    const bad = await refused(() => as(leader).request('POST', '/api/competence-plan/versions', {
      note: 'Forkert kategori', rules, basedOnVersion: current.version.versionNo, committeeOnlyCategories: ['nonsense'],
    }));
    expect([bad.status, bad.body.error.details[0]?.field]).toEqual([400, 'committeeOnlyCategories.0']);
    const published = await as(leader).request('POST', '/api/competence-plan/versions', {
      note: 'Støttende indsatser går altid til visitationsudvalget', rules, basedOnVersion: current.version.versionNo, committeeOnlyCategories: ['placement', 'support_measure'],
    });
    expect(published.statusCode, published.body).toBe(201);
    const p = await propose();
    expect([p.status, p.referralReason, p.planVersionNo]).toEqual(['referred', 'excepted_category', current.version.versionNo + 1]);
  });
});
