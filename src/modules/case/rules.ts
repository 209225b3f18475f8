import { unprocessable } from '../../platform/http/errors.js';
import type { AssignmentRole, CaseModel, CaseStatus } from './schema.js';

type Model = (typeof CaseModel)['options'][number];
type Status = (typeof CaseStatus)['options'][number];
type Role = (typeof AssignmentRole)['options'][number];

/**
 * The family's one fixed contact has a model-specific name: EFEI's family coordinator (familiekoordinator,
 * 000:97-99, 000:533-561) and SOF's primary caseworker (primær rådgiver, 001:160-187).
 */
export const leadRoleOf: Record<Model, Role> = { efei: 'family_coordinator', sof: 'primary_caseworker' };

export function checkLeadRole(model: Model, role: Role): void {
  const expected = leadRoleOf[model];
  if ((role === 'family_coordinator' || role === 'primary_caseworker') && role !== expected) {
    throw unprocessable('lead_role_mismatch', `A ${model.toUpperCase()} case is led by a ${expected.replace('_', ' ')}.`, [
      { field: 'role', code: 'lead_role_mismatch', message: `Use the role ${expected} for this case's model.` },
    ]);
  }
}

/**
 * Issue 9 item 3: a structured handover note is required when a case's family coordinator or primary caseworker
 * changes, so the family's knowledge is not lost with the person (000:97-99 one fixed contact; 001:160-187). The lead
 * is replaced through POST /api/cases/:id/handover, which writes the change and the note in one transaction.
 */
export function checkHandoverGiven(): never {
  throw unprocessable('handover_note_required', 'Changing the case\'s coordinator or primary caseworker needs a handover note (issue 9 item 3): use "Overdrag sagen".', [
    { field: 'role', code: 'handover_note_required', message: 'Replace the lead through the handover, with a note for the new contact.' },
  ]);
}

/** Moving a case to ordinary operation or closing it needs a recorded reason (000:205-210: ordinary operation when close coordination is no longer needed). */
export const statusesNeedingReason: readonly Status[] = ['ordinary_operation', 'closed'];

export function checkStatusChange(to: Status, reason: string | null | undefined): void {
  if (statusesNeedingReason.includes(to) && !reason) {
    throw unprocessable('reason_required', 'Give a reason for this status.', [
      { field: 'statusReason', code: 'reason_required', message: 'A reason is required for ordinary operation and for closing a case.' },
    ]);
  }
}

/** A warning on a case: a rule of the models the system cannot refuse at the moment it is broken, shown until fixed. */
export interface CaseWarning {
  code: 'coordinator_not_child_disability' | 'coordinator_needs_caseworker' | 'department_not_represented';
  message: string;
  /** For department_not_represented: the department whose measures nobody on the core team represents. */
  departmentId?: string;
  departmentName?: string;
}

/**
 * 000:556-561 (also 003:30): "Familiekoordinatoren er som udgangspunkt en rådgiver fra børnehandicapområdet. Hvis
 * familiekoordinatoren ikke har myndighed, skal der være et tæt samarbejde med barnets socialrådgiver i
 * børnehandicapteamet." The one statement of the rule; checkCoordinator refuses an assignment that breaks it,
 * coordinatorWarnings reports a case that came to break it another way (model changed, caseworker ended).
 */
export function coordinatorProblems(coordinator: { departmentKind: string | null; hasAuthority: boolean }, caseHasCaseworkerWithAuthority: boolean): CaseWarning[] {
  const problems: CaseWarning[] = [];
  if (coordinator.departmentKind !== 'child_disability') {
    problems.push({ code: 'coordinator_not_child_disability', message: 'The family coordinator is a caseworker from the child-disability area (000:556-561).' });
  }
  if (!coordinator.hasAuthority && !caseHasCaseworkerWithAuthority) {
    problems.push({
      code: 'coordinator_needs_caseworker',
      message: 'A family coordinator without authority works with the child\'s caseworker with authority, who must be assigned to the case (000:556-561).',
    });
  }
  return problems;
}

/** Refuses assigning a family coordinator who breaks 000:556-561 (422 naming the rule). */
export function checkCoordinator(coordinator: { departmentKind: string | null; hasAuthority: boolean }, caseHasCaseworkerWithAuthority: boolean, field = 'userId'): void {
  const [first] = coordinatorProblems(coordinator, caseHasCaseworkerWithAuthority);
  if (first) throw unprocessable(first.code, first.message, [{ field, code: first.code, message: first.message }]);
}

/** The child's caseworker on a case is the one with authority (myndighedsrådgiver, 000:556-561). */
export function checkCaseworkerAuthority(hasAuthority: boolean, field = 'userId'): void {
  if (!hasAuthority) {
    throw unprocessable('caseworker_without_authority', 'The child\'s caseworker is a caseworker with authority (000:556-561).', [
      { field, code: 'caseworker_without_authority', message: 'Choose a caseworker with authority (myndighed).' },
    ]);
  }
}

/**
 * 000:591-592: "Familiekoordinatoren tager løbende stilling til, om kerneteamet er dækkende": a warning for every
 * department that grants an active measure on the case but has nobody on the core team or among the assigned staff.
 */
export function coverageWarnings(measureDepartments: Array<{ id: string; name: string }>, representedDepartmentIds: ReadonlySet<string>): CaseWarning[] {
  const seen = new Set<string>();
  const warnings: CaseWarning[] = [];
  for (const department of measureDepartments) {
    if (representedDepartmentIds.has(department.id) || seen.has(department.id)) continue;
    seen.add(department.id);
    warnings.push({
      code: 'department_not_represented', departmentId: department.id, departmentName: department.name,
      message: 'The case has measures from a department that is not represented on the core team (000:591-592).',
    });
  }
  return warnings;
}
