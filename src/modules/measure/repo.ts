import type { Trx } from '../../platform/db/tenant.js';
import { lawFollowUpBasis } from '../cadence/rules.js';
import { legalBasisLabel } from '../legal-basis/commands.js';
import { grantStatus, type DecisionOutcome } from '../decision/rules.js';
import { childPlanDueOn, isActiveOn } from './rules.js';
import type { MeasureView } from './schema.js';
import { investigationClock, type InvestigationFacts } from './investigation.js';

/** The §20 clock as the view shows it (Barnets Lov §20 stk. 3; the rule is investigation.ts). */
function investigationView(facts: InvestigationFacts, today: string) {
  const clock = investigationClock(facts, today);
  return {
    awareOn: facts.awareOn, investigationDueOn: clock?.dueOn ?? null,
    investigationDaysLeft: clock && !clock.completed ? clock.daysLeft : null,
    provisionalAssessmentRequired: clock?.provisionalAssessmentRequired ?? false,
    provisionalAssessmentAllowed: clock?.provisionalAssessmentAllowed ?? false,
    provisionalAssessmentOn: facts.provisionalAssessmentOn,
  };
}

export async function measuresOfCases(trx: Trx, caseIds: string[], today: string): Promise<MeasureView[]> {
  if (caseIds.length === 0) return [];
  const rows = await trx.selectFrom('measures as m')
    .innerJoin('legal_bases as lb', 'lb.id', 'm.legal_basis_id')
    .innerJoin('departments as d', (join) => join.onRef('d.municipality_id', '=', 'm.municipality_id').onRef('d.id', '=', 'm.department_id'))
    .select(['m.id', 'm.case_id', 'm.legal_basis_id', 'lb.law', 'lb.paragraph', 'lb.subsection', 'lb.category', 'm.department_id', 'd.name as department_name',
      'm.description', 'm.starts_on', 'm.ends_on', 'm.version', 'm.purpose', 'm.expected_duration', 'm.custody_consent_on',
      'm.child_plan_decision', 'm.child_plan_decided_on', 'm.child_plan_reason', 'm.child_plan_completed_on'])
    .select(['m.aware_on', 'm.provisional_assessment_on', 'm.provisional_assessment', 'lb.completion_months'])
    .select(['m.law_follow_up_months', 'm.law_follow_up_reasons', 'm.law_follow_up_decided_on', 'm.explained_to_child_on', 'm.explained_to_parents_on'])
    .where('m.case_id', 'in', caseIds)
    .orderBy('m.starts_on').orderBy('m.created_at')
    .execute();
  const grants = await grantFacts(trx, rows.map((r) => r.id));
  return rows.map((r) => ({
    grantStatus: grantStatus(grants.latest.get(r.id) ?? null, grants.open.get(r.id)?.status ?? null), grantExpectedBy: grants.open.get(r.id)?.expectedBy ?? null,
    id: r.id, caseId: r.case_id, legalBasisId: r.legal_basis_id, legalBasisLabel: legalBasisLabel(r), legalBasisCategory: r.category,
    departmentId: r.department_id, departmentName: r.department_name, description: r.description, startsOn: r.starts_on, endsOn: r.ends_on,
    active: isActiveOn({ startsOn: r.starts_on, endsOn: r.ends_on }, today), version: r.version,
    purpose: r.purpose, expectedDuration: r.expected_duration, custodyConsentOn: r.custody_consent_on,
    childPlanDecision: r.child_plan_decision as MeasureView['childPlanDecision'], childPlanDecidedOn: r.child_plan_decided_on,
    childPlanReason: r.child_plan_reason, childPlanCompletedOn: r.child_plan_completed_on,
    childPlanDueOn: childPlanDueOn({ childPlanDecision: r.child_plan_decision as MeasureView['childPlanDecision'], childPlanDecidedOn: r.child_plan_decided_on, childPlanCompletedOn: r.child_plan_completed_on }),
    ...investigationView({ completionMonths: r.completion_months, awareOn: r.aware_on, endsOn: r.ends_on, provisionalAssessmentOn: r.provisional_assessment_on }, today),
    provisionalAssessment: r.provisional_assessment,
    lawFollowUpApplies: r.law === lawFollowUpBasis.law && r.category === lawFollowUpBasis.category,
    lawFollowUpMonths: r.law_follow_up_months, lawFollowUpReasons: r.law_follow_up_reasons, lawFollowUpDecidedOn: r.law_follow_up_decided_on,
    explainedToChildOn: r.explained_to_child_on, explainedToParentsOn: r.explained_to_parents_on,
  }));
}

/** The newest decision and the open core-team proposal naming each measure (issue 8 item 2: the grant status). */
async function grantFacts(trx: Trx, measureIds: string[]) {
  const latest = new Map<string, { outcome: DecisionOutcome; underPlan: boolean }>();
  const open = new Map<string, { status: 'voting' | 'referred'; expectedBy: string | null }>();
  if (measureIds.length === 0) return { latest, open };
  const decisions = await trx.selectFrom('decision_measures as dm')
    .innerJoin('decisions as d', (j) => j.onRef('d.municipality_id', '=', 'dm.municipality_id').onRef('d.id', '=', 'dm.decision_id'))
    .select(['dm.measure_id', 'd.outcome', 'd.decided_by_kind']).where('dm.measure_id', 'in', measureIds)
    .orderBy('d.decided_on', 'asc').orderBy('d.recorded_at', 'asc').execute();
  for (const d of decisions) latest.set(d.measure_id, { outcome: d.outcome as DecisionOutcome, underPlan: d.decided_by_kind !== null });
  const proposals = await trx.selectFrom('decision_proposal_measures as pm')
    .innerJoin('decision_proposals as p', (j) => j.onRef('p.municipality_id', '=', 'pm.municipality_id').onRef('p.id', '=', 'pm.proposal_id'))
    .select(['pm.measure_id', 'p.status', 'p.expected_by']).where('pm.measure_id', 'in', measureIds).where('p.status', 'in', ['voting', 'referred'])
    .orderBy('p.proposed_at', 'asc').orderBy('p.id', 'asc').execute();
  for (const p of proposals) open.set(p.measure_id, { status: p.status as 'voting' | 'referred', expectedBy: p.expected_by });
  return { latest, open };
}
