import { sql } from 'kysely';
import { appRole, type Trx } from '../platform/db/tenant.js';

/**
 * inTenant (platform/db/tenant.ts) for one part of the demo seed, which runs as a single transaction (seed.ts) and
 * so cannot open one per tenant: it sets the same tenant and app role for `work`, then switches back. Both settings
 * are transaction-local, and a `set local` lasts to the end of the whole transaction (a savepoint's release keeps
 * it), so without the switch back the seed's next operator step (creating a municipality) would run as the app role.
 * If `work` throws, the whole seed rolls back, settings included.
 */
export async function inTenantStep<T>(trx: Trx, municipalityId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  await sql`select set_config('app.municipality_id', ${municipalityId}, true), set_config('role', ${appRole}, true)`.execute(trx);
  const result = await work(trx);
  await sql`select set_config('role', 'none', true), set_config('app.municipality_id', '', true)`.execute(trx);
  return result;
}
