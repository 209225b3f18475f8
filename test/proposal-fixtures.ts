import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/**
 * One row in every table of migration 0018 (committee_meetings, decision_proposals, decision_proposal_measures,
 * decision_proposal_votes, decision_letters), for fixtures that need every tenant table filled (tenant-isolation,
 * cross-tenant). Needs the case's decision and competence plan (decision-fixtures.ts makeDecisionRecords) and a measure.
 */
export async function makeProposalRecords(db: Database, family: TestFamily, user: TestUser): Promise<{ proposalId: string; committeeMeetingId: string; letterId: string }> {
  const municipalityId = family.municipalityId;
  const decision = await db.selectFrom('decisions').select(['id', 'version']).where('case_id', '=', family.caseId).orderBy('recorded_at').executeTakeFirstOrThrow();
  const plan = await db.selectFrom('competence_plan_versions').select('id').where('municipality_id', '=', municipalityId).orderBy('version_no', 'desc').executeTakeFirstOrThrow();
  const measure = await db.selectFrom('measures').select('id').where('case_id', '=', family.caseId).executeTakeFirstOrThrow();
  const meeting = await db.insertInto('committee_meetings').values({
    municipality_id: municipalityId, meets_on: '2026-12-01', location: 'Rådhuset', created_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  const proposal = await db.insertInto('decision_proposals').values({
    municipality_id: municipalityId, case_id: family.caseId, legal_basis_id: 'BL-32', reasoning: 'Forslag om fast kontaktperson.',
    child_views_not_obtained_reason: 'Barnet er for lille.', competence_plan_version_id: plan.id, competence_rule_position: 0,
    status: 'referred', referral_reason: 'dissent', referred_on: '2026-11-22', expected_by: '2026-12-01', committee_meeting_id: meeting.id, proposed_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('decision_proposal_measures').values({ municipality_id: municipalityId, case_id: family.caseId, proposal_id: proposal.id, measure_id: measure.id }).execute();
  await db.insertInto('decision_proposal_votes').values({
    municipality_id: municipalityId, proposal_id: proposal.id, voter_user_id: user.id, vote: 'disagree', reason: 'Netværket først.',
  }).execute();
  const letter = await db.insertInto('decision_letters').values({
    municipality_id: municipalityId, case_id: family.caseId, decision_id: decision.id, decision_version: decision.version, body: 'Afgørelse (testbrev).', complaint_deadline: '2026-12-20',
  }).returning('id').executeTakeFirstOrThrow();
  return { proposalId: proposal.id, committeeMeetingId: meeting.id, letterId: letter.id };
}
