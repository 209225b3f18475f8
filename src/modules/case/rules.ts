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

/** Moving a case to ordinary operation or closing it needs a recorded reason (000:205-210: ordinary operation when close coordination is no longer needed). */
export const statusesNeedingReason: readonly Status[] = ['ordinary_operation', 'closed'];

export function checkStatusChange(to: Status, reason: string | null | undefined): void {
  if (statusesNeedingReason.includes(to) && !reason) {
    throw unprocessable('reason_required', 'Give a reason for this status.', [
      { field: 'statusReason', code: 'reason_required', message: 'A reason is required for ordinary operation and for closing a case.' },
    ]);
  }
}
