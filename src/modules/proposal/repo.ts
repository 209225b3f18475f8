import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import { votingRoles } from './rules.js';
import { legalBasisLabel } from '../legal-basis/commands.js';

/** Queries of core-team proposals and votes (migration 0018). */

export async function proposalRows(trx: Trx, filter: { caseId: string } | { id: string } | { referred: true }) {
  let query = trx.selectFrom('decision_proposals as p')
    .innerJoin('legal_bases as lb', 'lb.id', 'p.legal_basis_id')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'p.municipality_id').onRef('c.id', '=', 'p.case_id'))
    .innerJoin('persons as ch', (j) => j.onRef('ch.municipality_id', '=', 'c.municipality_id').onRef('ch.id', '=', 'c.child_id'))
    .innerJoin('competence_plan_versions as pv', (j) => j.onRef('pv.municipality_id', '=', 'p.municipality_id').onRef('pv.id', '=', 'p.competence_plan_version_id'))
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'p.municipality_id').onRef('u.id', '=', 'p.proposed_by'))
    .leftJoin('committee_meetings as cm', (j) => j.onRef('cm.municipality_id', '=', 'p.municipality_id').onRef('cm.id', '=', 'p.committee_meeting_id'))
    .leftJoin('decisions as d', (j) => j.onRef('d.municipality_id', '=', 'p.municipality_id').onRef('d.id', '=', 'p.decision_id'))
    .selectAll('p')
    .select(['lb.law', 'lb.paragraph', 'lb.subsection', 'lb.category', 'c.case_number', 'c.family_id', 'c.child_id', 'c.status as case_status', 'ch.first_name',
      'pv.version_no as plan_version_no', 'u.name as proposed_by_name', 'cm.meets_on', 'd.outcome as decision_outcome', 'd.decided_on as decision_decided_on',
      'd.decided_by_kind as decision_decided_by_kind']);
  if ('id' in filter) query = query.where('p.id', '=', filter.id);
  else if ('caseId' in filter) query = query.where('p.case_id', '=', filter.caseId);
  else query = query.where('p.status', '=', 'referred');
  return query.orderBy('p.proposed_at', 'desc').execute();
}
export type ProposalRow = Awaited<ReturnType<typeof proposalRows>>[number];

/** Locks the proposal row until the transaction ends, so two votes counted at once never lose one. */
export async function lockProposal(trx: Trx, id: string) {
  return trx.selectFrom('decision_proposals').select(['id', 'status', 'case_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The current voting core-team members of a case (added on or before today, not removed by today; staff: rules.ts votingRoles). */
export async function currentCoreTeam(trx: Trx, caseId: string, today: string): Promise<Array<{ userId: string; name: string }>> {
  const rows = await trx.selectFrom('case_team_members as t')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 't.municipality_id').onRef('u.id', '=', 't.user_id'))
    .select(['t.user_id', 'u.name']).where('t.case_id', '=', caseId).where('t.added_on', '<=', today)
    .where(sql<boolean>`u.roles && ${sql.val([...votingRoles])}::text[]`)
    .where((eb) => eb.or([eb('t.removed_on', 'is', null), eb('t.removed_on', '>', today)])).orderBy('u.name').execute();
  return [...new Map(rows.map((r) => [r.user_id, { userId: r.user_id, name: r.name }])).values()];
}

export async function votesOf(trx: Trx, proposalIds: string[]) {
  if (proposalIds.length === 0) return [];
  return trx.selectFrom('decision_proposal_votes as v')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'v.municipality_id').onRef('u.id', '=', 'v.voter_user_id'))
    .select(['v.proposal_id', 'v.voter_user_id', 'u.name', 'v.vote', 'v.reason', 'v.voted_at']).where('v.proposal_id', 'in', proposalIds)
    .orderBy('v.voted_at').execute();
}

export async function measuresOfProposals(trx: Trx, proposalIds: string[]) {
  if (proposalIds.length === 0) return [];
  const rows = await trx.selectFrom('decision_proposal_measures as pm')
    .innerJoin('measures as m', (j) => j.onRef('m.municipality_id', '=', 'pm.municipality_id').onRef('m.id', '=', 'pm.measure_id'))
    .innerJoin('legal_bases as lb', 'lb.id', 'm.legal_basis_id')
    .select(['pm.proposal_id', 'm.id', 'm.description', 'lb.law', 'lb.paragraph', 'lb.subsection'])
    .where('pm.proposal_id', 'in', proposalIds).orderBy('m.starts_on').execute();
  return rows.map((r) => ({ proposalId: r.proposal_id, id: r.id, description: r.description, legalBasisLabel: legalBasisLabel(r) }));
}

/** The committee's meeting dates on or after a day (for expected_by). */
export async function meetingDatesFrom(trx: Trx, from: string) {
  return trx.selectFrom('committee_meetings').select(['id', 'meets_on']).where('meets_on', '>=', from).orderBy('meets_on').execute();
}
