import { addDays } from '../platform/clock/dates.js';
import { composeLetter } from '../modules/decision/letter.js';
import { votingRoles } from '../modules/proposal/rules.js';
import type { Trx } from '../platform/db/tenant.js';

/**
 * Demo of core-team decisions (issue 8 item 3; 000:876-881) in Demo Kommune: on EFEI cases with a §32 measure and a
 * core team, one proposal granted unanimously by the core team (with its decision and letter), one referred to the
 * visitation committee after a disagreement (on the agenda of the committee's next meeting), and one still being
 * voted on. The texts are invented demo content.
 */
export async function seedCoreTeamDecisions(db: Trx, municipalityId: string, today: string, planVersionId: string): Promise<void> {
  const rules = await db.selectFrom('competence_plan_rules').select(['position', 'legal_basis_id']).where('plan_version_id', '=', planVersionId).execute();
  const rulePosition = rules.find((r) => r.legal_basis_id === 'BL-32')?.position;
  if (rulePosition === undefined) return;
  const candidates = await db.selectFrom('measures as m')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'm.municipality_id').onRef('c.id', '=', 'm.case_id'))
    .innerJoin('persons as ch', (j) => j.onRef('ch.municipality_id', '=', 'c.municipality_id').onRef('ch.id', '=', 'c.child_id'))
    .innerJoin('case_assignments as a', (j) => j.onRef('a.municipality_id', '=', 'c.municipality_id').onRef('a.case_id', '=', 'c.id').on('a.role', '=', 'family_coordinator'))
    .select(['m.id as measure_id', 'm.description', 'c.id as case_id', 'c.family_id', 'ch.first_name', 'a.user_id as lead'])
    .where('m.municipality_id', '=', municipalityId).where('m.legal_basis_id', '=', 'BL-32').where('c.model', '=', 'efei').where('c.status', '<>', 'closed')
    .where('a.ends_on', 'is', null).orderBy('c.case_number').execute();
  const withTeam: Array<(typeof candidates)[number] & { members: string[] }> = [];
  for (const c of candidates) {
    if (withTeam.some((w) => w.case_id === c.case_id)) continue;
    // The voting members: staff only (proposal/rules.ts votingRoles), not external partners on the team.
    const members = await db.selectFrom('case_team_members as t')
      .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 't.municipality_id').onRef('u.id', '=', 't.user_id'))
      .select(['t.user_id', 'u.roles']).where('t.case_id', '=', c.case_id).where('t.removed_on', 'is', null).execute();
    const voting = members.filter((m) => m.roles.some((r) => (votingRoles as readonly string[]).includes(r)));
    if (voting.length >= 1) withTeam.push({ ...c, members: voting.map((m) => m.user_id) });
  }
  if (withTeam.length === 0) return;
  const pick = (i: number) => withTeam[i % withTeam.length]!;
  const meeting = await db.insertInto('committee_meetings').values({
    municipality_id: municipalityId, meets_on: addDays(today, 5), location: 'Rådhuset, mødelokale 3', note: 'Visitationsudvalgets ugentlige møde', created_by: pick(0).lead,
  }).returning('id').executeTakeFirstOrThrow();
  const views = (name: string) => ({
    child_views_method: 'conversation', child_views_on: addDays(today, -10), child_views: `${name} vil gerne have en voksen at tale med efter skole.`,
  });
  const propose = async (c: ReturnType<typeof pick>, values: Record<string, unknown>) => {
    const row = await db.insertInto('decision_proposals').values({
      municipality_id: municipalityId, case_id: c.case_id, legal_basis_id: 'BL-32', amount_dkk: 9500, amount_period: 'month',
      reasoning: 'Kerneteamet foreslår familiebehandling to gange om ugen, så forældrene får redskaber til hverdagen.', ...views(c.first_name),
      competence_plan_version_id: planVersionId, competence_rule_position: rulePosition, proposed_by: c.lead, proposed_at: new Date(`${addDays(today, -3)}T09:00:00Z`),
      ...values,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('decision_proposal_measures').values({ municipality_id: municipalityId, case_id: c.case_id, proposal_id: row.id, measure_id: c.measure_id }).execute();
    return row.id;
  };
  const vote = (proposalId: string, voter: string, vote: 'agree' | 'disagree', reason: string | null = null) =>
    db.insertInto('decision_proposal_votes').values({ municipality_id: municipalityId, proposal_id: proposalId, voter_user_id: voter, vote, reason, voted_at: new Date(`${addDays(today, -2)}T10:00:00Z`) }).execute();

  // 1. Granted unanimously by the core team: the decision (decided_by core_team) and its letter.
  const granted = pick(0);
  const grantedId = await propose(granted, {});
  for (const member of granted.members) await vote(grantedId, member, 'agree');
  const decidedOn = addDays(today, -2);
  const decision = await db.insertInto('decisions').values({
    municipality_id: municipalityId, case_id: granted.case_id, decided_on: decidedOn, outcome: 'granted', legal_basis_id: 'BL-32',
    reasoning: 'Kerneteamet foreslår familiebehandling to gange om ugen, så forældrene får redskaber til hverdagen.', amount_dkk: 9500, amount_period: 'month',
    ...views(granted.first_name), recorded_by: granted.members.at(-1)!, recorded_at: new Date(`${decidedOn}T10:00:00Z`),
    decided_by_kind: 'core_team', competence_plan_version_id: planVersionId, competence_rule_position: rulePosition, proposal_id: grantedId,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('decision_measures').values({ municipality_id: municipalityId, case_id: granted.case_id, decision_id: decision.id, measure_id: granted.measure_id }).execute();
  await db.updateTable('decision_proposals').set({ status: 'granted', decision_id: decision.id }).where('id', '=', grantedId).execute();
  const letter = composeLetter({
    decidedOn, outcome: 'granted', legalBasisLabel: 'BL §32', reasoning: 'Kerneteamet foreslår familiebehandling to gange om ugen, så forældrene får redskaber til hverdagen.',
    amountDkk: 9500, amountPeriod: 'month', measures: [granted.description], childViewsMethod: 'conversation', childViewsOn: addDays(today, -10),
    childViews: views(granted.first_name).child_views, childViewsNotObtainedReason: null, decidedBy: 'kerneteamet (enstemmigt)', childFirstName: granted.first_name,
    availableOn: decidedOn,
  });
  await db.insertInto('decision_letters').values({
    municipality_id: municipalityId, case_id: granted.case_id, decision_id: decision.id, decision_version: 1, body: letter.body, complaint_deadline: letter.complaintDeadline,
    created_at: new Date(`${decidedOn}T10:00:00Z`),
  }).execute();

  // 2. Referred to the visitation committee after one disagreement, on the agenda of its next meeting.
  const referred = pick(1);
  const referredId = await propose(referred, {
    amount_dkk: 14000, status: 'referred', referral_reason: 'dissent', referred_on: addDays(today, -2), expected_by: addDays(today, 5), committee_meeting_id: meeting.id,
  });
  await vote(referredId, referred.members[0]!, 'disagree', 'Familien bør først prøve et netværksmøde med skolen; beløbet er højt i forhold til behovet.');

  // 3. Still being voted on: with several members one has agreed; with one, nobody has voted yet.
  const pending = pick(2);
  const pendingId = await propose(pending, { amount_dkk: 6000, reasoning: 'Forslag om en fast kontaktperson til barnet en eftermiddag om ugen.' });
  if (pending.members.length > 1) await vote(pendingId, pending.members[0]!, 'agree');
}
