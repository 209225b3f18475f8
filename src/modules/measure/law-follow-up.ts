import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { IsoDate, OptionalText, Version } from '../../platform/http/fields.js';
import { notFound, staleVersion, unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import { requireCase } from '../../platform/policy/policy.js';
import { lawFollowUpBasis, lawFollowUpMonthsRange } from '../cadence/rules.js';
import { findCase } from '../case/index.js';
import { measuresOfCases } from './repo.js';
import type { MeasureView } from './schema.js';

/**
 * Barnets Lov §95 (current-law.md, "The SOF cadence rule in both laws"): at the first follow-up of a §32 support
 * measure the municipality decides the cadence of the next follow-ups, records it with its reasons and explains it to
 * the child and the parents. This records that decision on the measure; cadence/rules.ts (lawFollowUpOf) turns it into
 * the case's next due date, the stricter of it and the SOF cadence.
 */

/**
 * The body of PUT /api/measures/:id/law-follow-up. Only the shape is checked here (400): the rules — range, reasons,
 * dates — are checked after access (422, checkLawFollowUp), so a caller without access learns nothing from them.
 */
export const LawFollowUpInput = z.object({
  /** The decided cadence in whole months (1-12). */
  months: z.number().int().nullish(),
  reasons: OptionalText(4000),
  decidedOn: IsoDate.nullish(),
  explainedToChildOn: IsoDate.nullish(),
  explainedToParentsOn: IsoDate.nullish(),
  version: Version,
});
export type LawFollowUpInput = z.infer<typeof LawFollowUpInput>;

/** What the check reads of the measure: its legal basis (law and category) and its start. */
export interface LawFollowUpTarget { law: string; category: string; startsOn: string }

/**
 * The §95 decision as the law asks it to be recorded; every problem is named at its field (422):
 * - only a Barnets Lov support measure has a §95 cadence (decided by law and category, cadence/rules.ts);
 * - the cadence in whole months within lawFollowUpMonthsRange, with its reasons, decided on a day from the measure's
 *   start to today (the injectable clock's today);
 * - explained to the child and to the parents: optional (it may happen after the decision is recorded), on a day from
 *   the decision to today.
 */
export function checkLawFollowUp(target: LawFollowUpTarget, input: LawFollowUpInput, today: string): void {
  if (target.law !== lawFollowUpBasis.law || target.category !== lawFollowUpBasis.category) {
    throw unprocessable('not_a_support_measure', 'Barnets Lov §95: a follow-up cadence is recorded only for a support measure under Barnets Lov §32.', [
      { field: 'months', code: 'not_a_support_measure', message: 'Only a support measure under Barnets Lov §32 has a §95 follow-up cadence.' },
    ]);
  }
  const problems: ErrorDetail[] = [];
  const { min, max } = lawFollowUpMonthsRange;
  if (input.months === null || input.months === undefined) problems.push({ field: 'months', code: 'required', message: 'Give the decided cadence in months.' });
  else if (input.months < min || input.months > max) problems.push({ field: 'months', code: 'out_of_range', message: `Give the cadence as a whole number of months, ${min}-${max}.` });
  if (!input.reasons) problems.push({ field: 'reasons', code: 'required', message: 'Barnets Lov §95: record the reasons for the cadence.' });
  const decidedOn = input.decidedOn ?? null;
  if (decidedOn === null) problems.push({ field: 'decidedOn', code: 'required', message: 'Give the day the cadence was decided.' });
  else if (decidedOn > today) problems.push({ field: 'decidedOn', code: 'in_future', message: 'The day the cadence was decided cannot be after today.' });
  else if (decidedOn < target.startsOn) problems.push({ field: 'decidedOn', code: 'before_measure_start', message: 'The cadence is decided at a follow-up of the measure, on or after its start.' });
  for (const field of ['explainedToChildOn', 'explainedToParentsOn'] as const) {
    const on = input[field] ?? null;
    if (on === null) continue;
    if (on > today) problems.push({ field, code: 'in_future', message: 'The day cannot be after today.' });
    else if (decidedOn !== null && on < decidedOn) problems.push({ field, code: 'before_decision', message: 'The cadence is explained on or after the day it was decided.' });
  }
  if (problems.length > 0) throw unprocessable('law_follow_up_invalid', 'The §95 follow-up cadence is incomplete or invalid.', problems);
}

/** Records (or revises) the §95 cadence of a support measure; audited like every measure write. */
export async function recordLawFollowUp(trx: Trx, ctx: RequestContext, measureId: string, input: LawFollowUpInput): Promise<MeasureView> {
  const today = todayIn(ctx.clock);
  const measure = await trx.selectFrom('measures as m').innerJoin('legal_bases as lb', 'lb.id', 'm.legal_basis_id')
    .select(['m.id', 'm.case_id', 'm.starts_on', 'lb.law', 'lb.category']).where('m.id', '=', measureId).executeTakeFirst();
  if (!measure) throw notFound('The measure');
  const row = await findCase(trx, ctx.actor, today, measure.case_id);
  if (!row?.reason) throw notFound('The measure');
  const reason = requireCase(row.reason, 'edit');
  if (row.status === 'closed') throw unprocessable('case_closed', 'The case is closed; reopen it before changing its measures.', []);
  checkLawFollowUp({ law: measure.law, category: measure.category, startsOn: measure.starts_on }, input, today);
  const updated = await trx.updateTable('measures').set({
    law_follow_up_months: input.months!, law_follow_up_reasons: input.reasons!, law_follow_up_decided_on: input.decidedOn!,
    explained_to_child_on: input.explainedToChildOn ?? null, explained_to_parents_on: input.explainedToParentsOn ?? null, version: input.version + 1,
  }).where('id', '=', measureId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The measure');
  await audit(trx, ctx, { action: 'update', entityType: 'measure_law_follow_up', entityId: measureId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return (await measuresOfCases(trx, [row.id], today)).find((m) => m.id === measureId)!;
}
