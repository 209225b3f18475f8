import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import {
  consentsOf, custodyFamilyOf, departmentExists, findConsent, findFamilyWithReason, isCustodyHolder, recipientsOf,
} from './repo.js';
import type { ConsentView, FamilyConsents, GiveConsentInput, RecordConsentInput, WithdrawConsentInput } from './schema.js';

/**
 * Consent to share (issue 5 item 3): a parent or carer with custody gives or withdraws, in the family portal, the
 * family's consent to share information with a named department or partner organisation; staff see the consents on
 * the family page and may record one given on paper (marked as such) or a withdrawal told them. History is kept:
 * a withdrawal sets withdrawn_at, nothing is deleted. Consent governs partner access (item 4, policy.ts).
 */

async function view(trx: Trx, ctx: RequestContext, familyId: string, canRecord: boolean): Promise<FamilyConsents> {
  const consents = await consentsOf(trx, familyId);
  const recipients = await recipientsOf(trx, familyId, todayIn(ctx.clock), consents);
  return { familyId, consents, recipients, abilities: { canGive: canRecord, canWithdraw: canRecord } };
}

/** The family of the parent logged in to the portal; a parent without custody has none (the session also ends). */
async function ownFamily(trx: Trx, ctx: RequestContext): Promise<string> {
  const familyId = await custodyFamilyOf(trx, ctx.actor.personId!);
  if (!familyId) throw notFound('Your family');
  return familyId;
}

function unknownDepartment() {
  return unprocessable('unknown_department', 'There is no such department or partner.', [
    { field: 'departmentId', code: 'unknown_department', message: 'Choose one of the departments or partners listed.' },
  ]);
}

/** Giving consent while one is in force for the same recipient: the partial unique index consents_one_in_force. */
function alreadyInForce() {
  return conflict('consent_in_force', 'The family has already consented to share with this recipient.', [
    { field: 'departmentId', code: 'consent_in_force', message: 'Consent is already given; withdraw it first to give it again.' },
  ]);
}

async function insertConsent(trx: Trx, ctx: RequestContext, familyId: string, values: {
  departmentId: string; scope: string; givenOn: string; givenByPersonId: string; source: 'portal' | 'paper';
}): Promise<string> {
  const inserted = await trx.insertInto('consents').values({
    municipality_id: ctx.actor.municipalityId, family_id: familyId, department_id: values.departmentId, scope: values.scope,
    given_on: values.givenOn, given_by_person_id: values.givenByPersonId, source: values.source,
    recorded_by_user_id: values.source === 'paper' ? ctx.actor.userId : null, created_at: ctx.clock.now(),
  }).onConflict((oc) => oc.columns(['municipality_id', 'family_id', 'department_id']).where('withdrawn_at', 'is', null).doNothing())
    .returning('id').executeTakeFirst();
  if (!inserted) throw alreadyInForce();
  return inserted.id;
}

async function withdraw(trx: Trx, ctx: RequestContext, consent: { id: string; withdrawn_at: Date | null }, input: WithdrawConsentInput): Promise<void> {
  if (consent.withdrawn_at) {
    throw conflict('consent_withdrawn', 'The consent has already been withdrawn.', [
      { field: 'version', code: 'consent_withdrawn', message: 'This consent is no longer in force.' },
    ]);
  }
  const portal = ctx.actor.via === 'portal';
  const updated = await trx.updateTable('consents').set({
    withdrawn_at: ctx.clock.now(), withdrawn_by_person_id: portal ? ctx.actor.personId : null, withdrawn_by_user_id: portal ? null : ctx.actor.userId,
    version: input.version + 1,
  }).where('id', '=', consent.id).where('version', '=', input.version).where('withdrawn_at', 'is', null).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The consent');
}

// The family portal (a parent's session).

export async function getOwnConsents(trx: Trx, ctx: RequestContext): Promise<FamilyConsents> {
  const familyId = await ownFamily(trx, ctx);
  await audit(trx, ctx, { action: 'read', entityType: 'consent_list', entityId: familyId, familyIds: [familyId], reason: 'parent' });
  return view(trx, ctx, familyId, true);
}

export async function giveConsent(trx: Trx, ctx: RequestContext, input: GiveConsentInput): Promise<ConsentView> {
  const familyId = await ownFamily(trx, ctx);
  if (!(await departmentExists(trx, input.departmentId))) throw unknownDepartment();
  const id = await insertConsent(trx, ctx, familyId, {
    departmentId: input.departmentId, scope: input.scope, givenOn: todayIn(ctx.clock), givenByPersonId: ctx.actor.personId!, source: 'portal',
  });
  await audit(trx, ctx, { action: 'create', entityType: 'consent', entityId: id, familyIds: [familyId], reason: 'parent' });
  return (await consentsOf(trx, familyId)).find((c) => c.id === id)!;
}

export async function withdrawOwnConsent(trx: Trx, ctx: RequestContext, consentId: string, input: WithdrawConsentInput): Promise<ConsentView> {
  const familyId = await ownFamily(trx, ctx);
  const consent = await findConsent(trx, consentId);
  if (!consent || consent.family_id !== familyId) throw notFound('The consent');
  await withdraw(trx, ctx, consent, input);
  await audit(trx, ctx, { action: 'update', entityType: 'consent', entityId: consentId, familyIds: [familyId], reason: 'parent' });
  return (await consentsOf(trx, familyId)).find((c) => c.id === consentId)!;
}

// Staff (the family page).

async function staffFamily(trx: Trx, ctx: RequestContext, familyId: string, action: 'read' | 'edit', what = 'The family'): Promise<CaseAccessReason> {
  const family = await findFamilyWithReason(trx, ctx.actor, todayIn(ctx.clock), familyId);
  return requireCase(family?.reason ?? null, action, what);
}

export async function getFamilyConsents(trx: Trx, ctx: RequestContext, familyId: string): Promise<FamilyConsents> {
  const reason = await staffFamily(trx, ctx, familyId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'consent_list', entityId: familyId, familyIds: [familyId], reason });
  return view(trx, ctx, familyId, allowsCase(reason, 'edit'));
}

/** A consent the parent gave on paper, recorded by staff who may change the family's records; marked 'paper'. */
export async function recordPaperConsent(trx: Trx, ctx: RequestContext, familyId: string, input: RecordConsentInput): Promise<ConsentView> {
  const reason = await staffFamily(trx, ctx, familyId, 'edit');
  if (!(await departmentExists(trx, input.departmentId))) throw unknownDepartment();
  if (!(await isCustodyHolder(trx, familyId, input.givenByPersonId))) {
    throw unprocessable('not_custody_holder', 'Consent is given by a parent or carer with custody.', [
      { field: 'givenByPersonId', code: 'not_custody_holder', message: 'Choose a parent or carer with custody in the family.' },
    ]);
  }
  if (input.givenOn > todayIn(ctx.clock)) {
    throw unprocessable('date_in_future', 'A consent cannot be given in the future.', [
      { field: 'givenOn', code: 'date_in_future', message: 'Use the date the consent was signed.' },
    ]);
  }
  const id = await insertConsent(trx, ctx, familyId, { ...input, source: 'paper' });
  await audit(trx, ctx, { action: 'create', entityType: 'consent', entityId: id, familyIds: [familyId], reason });
  return (await consentsOf(trx, familyId)).find((c) => c.id === id)!;
}

/** A withdrawal the parent told staff (by phone, on paper): it cuts partner access at once, like one in the portal. */
export async function recordWithdrawal(trx: Trx, ctx: RequestContext, consentId: string, input: WithdrawConsentInput): Promise<ConsentView> {
  const consent = await findConsent(trx, consentId);
  if (!consent) throw notFound('The consent');
  const reason = await staffFamily(trx, ctx, consent.family_id, 'edit', 'The consent');
  await withdraw(trx, ctx, consent, input);
  await audit(trx, ctx, { action: 'update', entityType: 'consent', entityId: consentId, familyIds: [consent.family_id], reason });
  return (await consentsOf(trx, consent.family_id)).find((c) => c.id === consentId)!;
}
