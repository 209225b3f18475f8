import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { insertRevision } from './commands.js';
import { ContactAgreementView, type ContactAgreementInput } from './schema.js';

/**
 * The family's own contact agreement in the portal (issue 5 item 3: "update the contact agreement"; 000:423-445: how
 * and how often the family wants contact). The parent sees the current revision and writes a new one with the same
 * rules as staff (commands.insertRevision); not the contact log or drift, which are the staff's working notes.
 */

export const OwnContactAgreement = z.object({ familyId: z.string(), current: ContactAgreementView.nullable() });
export type OwnContactAgreement = z.infer<typeof OwnContactAgreement>;

async function familyOfParent(trx: Trx, personId: string): Promise<string> {
  const row = await trx.selectFrom('family_members').select('family_id').where('person_id', '=', personId)
    .where('relation', 'in', ['parent', 'carer']).orderBy('family_id').limit(1).executeTakeFirst();
  if (!row) throw notFound('Your family');
  return row.family_id;
}

async function current(trx: Trx, familyId: string): Promise<OwnContactAgreement> {
  const rows = await sql<{ revision: number; channels: string[]; every_days: number; good_times: string | null; prefers_space: boolean;
    max_contacts_per_30_days: number | null; note: string | null; recorded_by: string | null; recorded_at: Date }>`
    select a.revision, a.channels, a.every_days, a.good_times, a.prefers_space, a.max_contacts_per_30_days, a.note,
           coalesce(u.name, p.first_name || ' ' || p.last_name) as recorded_by, a.recorded_at
      from contact_agreements a left join users u on u.municipality_id = a.municipality_id and u.id = a.recorded_by
      left join persons p on p.municipality_id = a.municipality_id and p.id = a.recorded_by_person_id
     where a.family_id = ${familyId} order by a.revision desc limit 1`.execute(trx);
  const r = rows.rows[0];
  return {
    familyId,
    current: r ? {
      revision: r.revision, channels: r.channels, everyDays: r.every_days, goodTimes: r.good_times, prefersSpace: r.prefers_space,
      maxContactsPer30Days: r.max_contacts_per_30_days, note: r.note, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
    } : null,
  };
}

export async function getOwnContactAgreement(trx: Trx, ctx: RequestContext): Promise<OwnContactAgreement> {
  const familyId = await familyOfParent(trx, ctx.actor.personId!);
  await audit(trx, ctx, { action: 'read', entityType: 'contact_agreement', entityId: familyId, familyIds: [familyId], reason: 'parent' });
  return current(trx, familyId);
}

export async function reviseOwnContactAgreement(trx: Trx, ctx: RequestContext, input: ContactAgreementInput): Promise<OwnContactAgreement> {
  const familyId = await familyOfParent(trx, ctx.actor.personId!);
  await insertRevision(trx, ctx, familyId, input);
  await audit(trx, ctx, { action: input.revision === 0 ? 'create' : 'update', entityType: 'contact_agreement', entityId: familyId, familyIds: [familyId], reason: 'parent' });
  return current(trx, familyId);
}
