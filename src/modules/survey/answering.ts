import { appendAudit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant, type Origin, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { audit } from '../../platform/audit/audit.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { requireRole } from '../../platform/policy/policy.js';
import { hashToken } from './commands.js';
import { findInvitation, findInvitationByToken, findWave, insertResponse, invitationsOf, listItems, markResponded, themesOf, type InvitationRow } from './repo.js';
import { checkAnswers, dontKnowLabel, pairingKey, parseLinkToken, requireOpenWave, scaleLabels, waveIsOpen } from './rules.js';
import type { MyInvitations, Questionnaire, ResponseInput } from './schema.js';

/**
 * Answering a survey (issue 10 items 2-3): parents in the family portal or by a one-time link (no login), staff in
 * the app. The invitation knows who; the stored response does not (repo.insertResponse), and the invitation only
 * learns that it was answered. A second submission is refused with 409 and writes nothing: the first answer stands.
 */

async function questionnaireOf(trx: Trx, invitation: InvitationRow, today: string): Promise<Questionnaire> {
  const wave = await findWave(trx, invitation.waveId);
  if (!wave) throw notFound('The survey');
  return {
    instrument: wave.instrument, model: wave.model, phase: wave.phase, series: wave.series, closesOn: wave.closesOn,
    open: waveIsOpen(wave, today), answered: invitation.responded, scale: scaleLabels(wave.instrument), dontKnow: dontKnowLabel,
    themes: themesOf(await listItems(trx, wave.instrumentVersionId)),
  };
}

async function submit(trx: Trx, municipalityId: string, invitation: InvitationRow, input: ResponseInput, secret: string, today: string): Promise<void> {
  const wave = await findWave(trx, invitation.waveId);
  if (!wave) throw notFound('The survey');
  if (invitation.responded) throw alreadyAnswered();
  requireOpenWave(wave, today);
  const items = await listItems(trx, wave.instrumentVersionId);
  checkAnswers(items, input.answers);
  // The flag is set atomically; a concurrent second submission finds it set and writes nothing.
  if (!(await markResponded(trx, invitation.id))) throw alreadyAnswered();
  const byKey = new Map(items.map((i) => [i.key, i]));
  const respondent = invitation.personId ?? invitation.userId!;
  await insertResponse(trx, {
    municipalityId, waveId: wave.id, versionId: wave.instrumentVersionId,
    pairingKey: pairingKey(secret, municipalityId, `${wave.instrument}:${wave.model}:${wave.series}`, respondent),
  }, input.answers.map((a) => ({ itemId: byKey.get(a.itemKey)!.id, value: a.value ?? null, text: a.text ?? null })));
}

const alreadyAnswered = () => conflict('already_answered', 'This survey was already answered; the first answer stands.', [
  { field: '(body)', code: 'already_answered', message: 'Already answered.' },
]);

async function listFor(trx: Trx, ctx: RequestContext, who: { personId?: string; userId?: string }): Promise<MyInvitations> {
  const today = todayIn(ctx.clock);
  const result: MyInvitations = { invitations: [] };
  for (const invitation of await invitationsOf(trx, who)) {
    const wave = await findWave(trx, invitation.waveId);
    if (!wave || (!waveIsOpen(wave, today) && !invitation.responded)) continue;
    result.invitations.push({ id: invitation.id, instrument: wave.instrument, model: wave.model, phase: wave.phase, series: wave.series, closesOn: wave.closesOn, answered: invitation.responded });
  }
  return result;
}

/** An invitation of the caller, else 404 (another's invitation does not exist for them). */
async function ownInvitation(trx: Trx, id: string, who: { personId?: string | null; userId?: string | null }): Promise<InvitationRow> {
  const invitation = await findInvitation(trx, id);
  const mine = invitation && ((who.personId && invitation.personId === who.personId) || (who.userId && invitation.userId === who.userId));
  if (!invitation || !mine) throw notFound('The survey');
  return invitation;
}

// Staff, in the app.
export async function myStaffInvitations(trx: Trx, ctx: RequestContext): Promise<MyInvitations> {
  requireRole(ctx.actor, 'answer_staff_survey');
  return listFor(trx, ctx, { userId: ctx.actor.userId });
}

export async function staffQuestionnaire(trx: Trx, ctx: RequestContext, id: string): Promise<Questionnaire> {
  const invitation = await ownInvitation(trx, id, { userId: ctx.actor.userId });
  requireRole(ctx.actor, 'answer_staff_survey');
  return questionnaireOf(trx, invitation, todayIn(ctx.clock));
}

export async function submitStaff(trx: Trx, ctx: RequestContext, id: string, input: ResponseInput, secret: string): Promise<{ status: 'recorded' }> {
  const invitation = await ownInvitation(trx, id, { userId: ctx.actor.userId });
  requireRole(ctx.actor, 'answer_staff_survey');
  await submit(trx, ctx.actor.municipalityId, invitation, input, secret, todayIn(ctx.clock));
  await audit(trx, ctx, { action: 'update', entityType: 'survey_invitation', entityId: invitation.id, reason: 'respondent' });
  return { status: 'recorded' };
}

// Parents, in the family portal (a portal session).
export async function myPortalInvitations(trx: Trx, ctx: RequestContext): Promise<MyInvitations> {
  return listFor(trx, ctx, { personId: ctx.actor.personId! });
}

export async function portalQuestionnaire(trx: Trx, ctx: RequestContext, id: string): Promise<Questionnaire> {
  return questionnaireOf(trx, await ownInvitation(trx, id, { personId: ctx.actor.personId }), todayIn(ctx.clock));
}

export async function submitPortal(trx: Trx, ctx: RequestContext, id: string, input: ResponseInput, secret: string): Promise<{ status: 'recorded' }> {
  const invitation = await ownInvitation(trx, id, { personId: ctx.actor.personId });
  await submit(trx, ctx.actor.municipalityId, invitation, input, secret, todayIn(ctx.clock));
  await audit(trx, ctx, { action: 'update', entityType: 'survey_invitation', entityId: invitation.id, caseIds: invitation.caseId ? [invitation.caseId] : [], reason: 'respondent' });
  return { status: 'recorded' };
}

// Parents, by the one-time link: no session; the token is the credential and names its municipality.
interface LinkDeps { db: Database; clock: Clock; secret: string }

async function withLink<T>(deps: LinkDeps, token: string, work: (trx: Trx, invitation: InvitationRow, municipalityId: string) => Promise<T>): Promise<T> {
  const parsed = parseLinkToken(token);
  if (!parsed) throw notFound('The survey link');
  return inTenant(deps.db, parsed.municipalityId, async (trx) => {
    const invitation = await findInvitationByToken(trx, hashToken(parsed.secret));
    if (!invitation || !invitation.personId) throw notFound('The survey link');
    return work(trx, invitation, parsed.municipalityId);
  });
}

export function linkQuestionnaire(deps: LinkDeps, token: string): Promise<Questionnaire> {
  return withLink(deps, token, (trx, invitation) => questionnaireOf(trx, invitation, todayIn(deps.clock)));
}

export function submitLink(deps: LinkDeps, token: string, input: ResponseInput, origin: Origin): Promise<{ status: 'recorded' }> {
  return withLink(deps, token, async (trx, invitation, municipalityId) => {
    await submit(trx, municipalityId, invitation, input, deps.secret, todayIn(deps.clock));
    await appendAudit(trx, {
      municipalityId, at: deps.clock.now(), actorUserId: null, actorRole: 'parent', actorPersonId: invitation.personId, origin,
      action: 'update', entityType: 'survey_invitation', entityId: invitation.id, caseIds: invitation.caseId ? [invitation.caseId] : [], reason: 'one_time_link',
    });
    return { status: 'recorded' as const };
  });
}
