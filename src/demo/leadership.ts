import type { Clock } from '../platform/clock/clock.js';
import type { Trx } from '../platform/db/tenant.js';
import { listMunicipalityIds } from '../platform/db/tenants.js';
import { escalateMunicipality } from '../modules/leadership/escalation.js';
import { inTenantStep } from './tenant-step.js';

/**
 * The leader dashboard's demo (issue 9 items 1, 2, 8): the demo cases already carry follow-ups held on time, late and
 * not at all (flows.ts), so the dashboard shows real compliance figures and caseloads. This runs the escalation step
 * once at seeding, so the team leader (teamleder@demo.tovholder.dk) finds the escalations of the demo's long-overdue
 * follow-ups at first start, even before the worker's first tick (which keeps them up to date afterwards).
 * It is scheduleEscalations' loop inside the seed's one transaction: each municipality's step as its tenant.
 */
export async function seedLeadershipDemo(trx: Trx, clock: Clock): Promise<void> {
  const publicUrl = process.env.PUBLIC_URL ?? 'http://localhost:3000';
  for (const municipality of await listMunicipalityIds(trx)) {
    await inTenantStep(trx, municipality.id, (t) => escalateMunicipality(t, municipality.id, clock, publicUrl));
  }
}
