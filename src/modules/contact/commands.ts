import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { staleVersion } from '../../platform/http/errors.js';
import { allowsCase, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { caseFactsQuery } from '../cadence/index.js';
import { findFamilyWithReason } from '../family/index.js';
import { checkSpaceLimit, contactDrift } from './rules.js';
import type { ContactAgreementInput, ContactAgreementView, ContactOverview } from './schema.js';

async function loadFamily(trx: Trx, ctx: RequestContext, familyId: string, action: 'read' | 'edit') {
  const family = await findFamilyWithReason(trx, ctx.actor, todayIn(ctx.clock), familyId);
  const reason = requireCase(family?.reason ?? null, action, 'The family');
  return { family: family!, reason };
}

async function overview(trx: Trx, ctx: RequestContext, family: { id: string; name: string }, reason: CaseAccessReason): Promise<ContactOverview> {
  const today = todayIn(ctx.clock);
  const [revisions, facts, recent] = await Promise.all([
    sql<{ revision: number; channels: string[]; every_days: number; good_times: string | null; prefers_space: boolean; max_contacts_per_30_days: number | null;
      note: string | null; recorded_by: string | null; recorded_at: Date }>`
      select a.revision, a.channels, a.every_days, a.good_times, a.prefers_space, a.max_contacts_per_30_days, a.note,
             coalesce(u.name, p.first_name || ' ' || p.last_name) as recorded_by, a.recorded_at
        from contact_agreements a left join users u on u.municipality_id = a.municipality_id and u.id = a.recorded_by
        left join persons p on p.municipality_id = a.municipality_id and p.id = a.recorded_by_person_id
       where a.family_id = ${family.id} order by a.revision desc`.execute(trx),
    caseFactsQuery(trx, { kind: 'family', familyId: family.id }, today, { withContact: true }),
    trx.selectFrom('contact_log').select(['id', 'kind', 'channel', 'direction', 'occurred_on', 'summary'])
      .where('family_id', '=', family.id).orderBy('occurred_on', 'desc').orderBy('created_at', 'desc').limit(20).execute(),
  ]);
  const history: ContactAgreementView[] = revisions.rows.map((r) => ({
    revision: r.revision, channels: r.channels, everyDays: r.every_days, goodTimes: r.good_times, prefersSpace: r.prefers_space,
    maxContactsPer30Days: r.max_contacts_per_30_days, note: r.note, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
  }));
  // The family-level figures are the same on every case row; a family without an open case has none (and no drift).
  const f = facts.rows[0];
  const lastContactOn = f?.last_contact_on ?? null;
  const contactsLast30 = f?.contacts_last_30 ?? 0;
  return {
    familyId: family.id, familyName: family.name, current: history[0] ?? null, history, lastContactOn, contactsLast30,
    drift: f ? contactDrift(f.contact_agreement ?? null, lastContactOn, contactsLast30, today) : null,
    recentContacts: recent.map((r) => ({ id: r.id, kind: r.kind, channel: r.channel, direction: r.direction, occurredOn: r.occurred_on, summary: r.summary })),
    abilities: { canEdit: allowsCase(reason, 'edit') },
  };
}

/** The family's contact agreement, its earlier revisions, recent contact and whether contact drifts from it. */
export async function getContactAgreement(trx: Trx, ctx: RequestContext, familyId: string): Promise<ContactOverview> {
  const { family, reason } = await loadFamily(trx, ctx, familyId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'contact_agreement', entityId: familyId, familyIds: [familyId], reason });
  return overview(trx, ctx, family, reason);
}

/**
 * Records the agreement at the start, or revises it (000:423-445, 001:429-433): every revision is a new row, so
 * earlier agreements stay visible. `revision` is the one the caller edited: a concurrent revision collides on the
 * unique (family, revision) constraint and is answered 409.
 */
export async function reviseContactAgreement(trx: Trx, ctx: RequestContext, familyId: string, input: ContactAgreementInput): Promise<ContactOverview> {
  const { family, reason } = await loadFamily(trx, ctx, familyId, 'edit');
  await insertRevision(trx, ctx, familyId, input);
  await audit(trx, ctx, { action: input.revision === 0 ? 'create' : 'update', entityType: 'contact_agreement', entityId: familyId, familyIds: [familyId], reason });
  return overview(trx, ctx, family, reason);
}

/**
 * The one way a revision is written, by staff or by a parent in the portal (issue 5 item 3): the same rules, the
 * same 409 on a stale revision; a parent's revision is recorded as by the person (recorded_by_person_id).
 */
export async function insertRevision(trx: Trx, ctx: RequestContext, familyId: string, input: ContactAgreementInput): Promise<void> {
  checkSpaceLimit(input.prefersSpace, input.maxContactsPer30Days);
  const latest = await trx.selectFrom('contact_agreements').select(sql<number>`coalesce(max(revision), 0)`.as('revision'))
    .where('family_id', '=', familyId).executeTakeFirst();
  if ((latest?.revision ?? 0) !== input.revision) throw staleVersion('The contact agreement');
  const byParent = ctx.actor.via === 'portal';
  const inserted = await trx.insertInto('contact_agreements').values({
    municipality_id: ctx.actor.municipalityId, family_id: familyId, revision: input.revision + 1, channels: [...new Set(input.channels)],
    every_days: input.everyDays, good_times: input.goodTimes, prefers_space: input.prefersSpace,
    max_contacts_per_30_days: input.prefersSpace ? input.maxContactsPer30Days ?? null : null, note: input.note,
    recorded_by: byParent ? null : ctx.actor.userId, recorded_by_person_id: byParent ? ctx.actor.personId : null,
    recorded_at: ctx.clock.now(),
  }).onConflict((oc) => oc.constraint('contact_agreements_revision_unique').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw staleVersion('The contact agreement');
}
