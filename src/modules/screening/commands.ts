import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { allowsCase, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { screeningsOf } from './repo.js';
import { checkScreeningDates } from './rules.js';
import type { CaseScreenings, ScreeningInput } from './schema.js';

/** Barnets Lov §18: record and list the screenings of a case. */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'edit') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action);
  return { row: row!, reason };
}

async function viewOf(trx: Trx, caseId: string, reason: CaseAccessReason): Promise<CaseScreenings> {
  return { caseId, screenings: await screeningsOf(trx, caseId), abilities: { canRecord: allowsCase(reason, 'edit') } };
}

export async function getScreenings(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseScreenings> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'screenings', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, caseId, reason);
}

/**
 * Records a §18 screening. A screening is a record of what was decided and why: it is never changed afterwards; a
 * new concern (or a corrected one) is a new screening. Allowed on a closed case too: the concern is about its child.
 */
export async function recordScreening(trx: Trx, ctx: RequestContext, caseId: string, input: ScreeningInput): Promise<CaseScreenings> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkScreeningDates(input.awareOn, input.screenedOn, todayIn(ctx.clock));
  const created = await trx.insertInto('screenings').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, aware_on: input.awareOn, screened_on: input.screenedOn, outcome: input.outcome,
    reasons: input.reasons, recorded_by: ctx.actor.userId, recorded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'screening', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, caseId, reason);
}
