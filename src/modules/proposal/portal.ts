import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { decisionOutcomes } from '../decision/rules.js';
import { custodyCases } from '../document/index.js';
import { legalBasisLabel } from '../legal-basis/commands.js';

/**
 * What the family sees of decisions in the portal (issue 8 items 2-3): the letters (afgørelsesbreve) of their
 * children's decisions, and where a pending decision is (with the core team, or with the visitation committee and by
 * when it is expected). Letters are always for the family (they are parties); a pending proposal shows only its
 * paragraph, stage and expected date — never its reasoning, votes or dissent, which are internal.
 */
export const PortalDecisions = z.object({
  letters: z.array(z.object({
    id: z.string().uuid(), decisionId: z.string().uuid(), childFirstName: z.string(), legalBasisLabel: z.string(), outcome: z.enum(decisionOutcomes),
    decidedOn: z.string(), body: z.string(), complaintDeadline: z.string().nullable(), createdAt: z.string(),
  })),
  pending: z.array(z.object({
    id: z.string().uuid(), childFirstName: z.string(), legalBasisLabel: z.string(), stage: z.enum(['core_team', 'committee']), expectedBy: z.string().nullable(),
  })),
});
export type PortalDecisions = z.infer<typeof PortalDecisions>;

export async function getPortalDecisions(trx: Trx, ctx: RequestContext): Promise<PortalDecisions> {
  const cases = await custodyCases(trx, ctx.actor.personId!);
  const caseIds = cases.map((c) => c.id);
  await audit(trx, ctx, { action: 'read', entityType: 'portal_decisions', familyIds: [...new Set(cases.map((c) => c.family_id))], caseIds, reason: 'parent' });
  if (caseIds.length === 0) return { letters: [], pending: [] };
  const letters = await trx.selectFrom('decision_letters as l')
    .innerJoin('decisions as d', (j) => j.onRef('d.municipality_id', '=', 'l.municipality_id').onRef('d.id', '=', 'l.decision_id'))
    .innerJoin('legal_bases as lb', 'lb.id', 'd.legal_basis_id')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'l.municipality_id').onRef('c.id', '=', 'l.case_id'))
    .innerJoin('persons as ch', (j) => j.onRef('ch.municipality_id', '=', 'c.municipality_id').onRef('ch.id', '=', 'c.child_id'))
    .select(['l.id', 'l.decision_id', 'l.body', 'l.complaint_deadline', 'l.created_at', 'l.decision_version', 'd.version', 'd.outcome', 'd.decided_on',
      'lb.law', 'lb.paragraph', 'lb.subsection', 'ch.first_name'])
    .where('l.case_id', 'in', caseIds).orderBy('d.decided_on', 'desc').orderBy('l.created_at', 'desc').execute();
  const pending = await trx.selectFrom('decision_proposals as p')
    .innerJoin('legal_bases as lb', 'lb.id', 'p.legal_basis_id')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'p.municipality_id').onRef('c.id', '=', 'p.case_id'))
    .innerJoin('persons as ch', (j) => j.onRef('ch.municipality_id', '=', 'c.municipality_id').onRef('ch.id', '=', 'c.child_id'))
    .select(['p.id', 'p.status', 'p.expected_by', 'lb.law', 'lb.paragraph', 'lb.subsection', 'ch.first_name'])
    .where('p.case_id', 'in', caseIds).where('p.status', 'in', ['voting', 'referred']).orderBy('p.proposed_at').execute();
  return {
    // Only the newest letter of each decision (a correction supersedes the earlier letter).
    letters: letters.filter((l) => l.decision_version === l.version).map((l) => ({
      id: l.id, decisionId: l.decision_id, childFirstName: l.first_name, legalBasisLabel: legalBasisLabel(l), outcome: l.outcome as PortalDecisions['letters'][number]['outcome'],
      decidedOn: l.decided_on, body: l.body, complaintDeadline: l.complaint_deadline, createdAt: new Date(l.created_at).toISOString(),
    })),
    pending: pending.map((p) => ({
      id: p.id, childFirstName: p.first_name, legalBasisLabel: legalBasisLabel(p), stage: p.status === 'voting' ? 'core_team' as const : 'committee' as const, expectedBy: p.expected_by,
    })),
  };
}
