import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { requireRole } from '../../platform/policy/policy.js';
import { caseFactsQuery } from '../cadence/index.js';
import { itemsFromFacts, worklistOf, type WorklistItem } from './rules.js';
import type { Worklist } from './schema.js';

/** All items of the actor's own caseload, due any time (unaudited: callers audit what they show). */
export async function caseloadItems(trx: Trx, ctx: RequestContext, today: string): Promise<WorklistItem[]> {
  const facts = await caseFactsQuery(trx, { kind: 'user', userId: ctx.actor.userId }, today, { withContact: true, withEvents: true });
  return itemsFromFacts(facts.rows, today);
}

/**
 * The logged-in caseworker's worklist: what is overdue, due today and due this week across their own cases (issue 4
 * §2). One query, one audit row naming every family and case shown (style.md §4).
 */
export async function getWorklist(trx: Trx, ctx: RequestContext): Promise<Worklist> {
  requireRole(ctx.actor, 'search');
  const today = todayIn(ctx.clock);
  const items = worklistOf(await caseloadItems(trx, ctx, today));
  await audit(trx, ctx, {
    action: 'read', entityType: 'worklist', familyIds: [...new Set(items.map((i) => i.familyId))],
    caseIds: [...new Set(items.map((i) => i.caseId))], reason: 'own_caseload',
  });
  return {
    today, items,
    counts: {
      overdue: items.filter((i) => i.bucket === 'overdue').length,
      today: items.filter((i) => i.bucket === 'today').length,
      thisWeek: items.filter((i) => i.bucket === 'this_week').length,
    },
  };
}
