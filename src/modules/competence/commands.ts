import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { allows, requireRole } from '../../platform/policy/policy.js';
import { insertVersion, knownReferences, listRules, listVersions } from './repo.js';
import { checkCompetenceRules } from './rules.js';
import type { CompetencePlanInput, CompetencePlanView, CompetenceVersions } from './schema.js';

/**
 * The decision-competence plan (issue 8 item 1): published to every staff member, edited by leaders as a new version
 * (a full copy of the rules), of which the newest is in force. Not personal data: reads are not audited, publishing is.
 */

async function planView(trx: Trx, ctx: RequestContext, versionId: string | null): Promise<CompetencePlanView> {
  const versions = await listVersions(trx);
  const version = versionId === null ? versions[0] ?? null : versions.find((v) => v.id === versionId);
  if (version === undefined) throw notFound('The competence plan version');
  return {
    version, current: version !== null && version.id === versions[0]?.id,
    rules: version ? await listRules(trx, version.id) : [],
    abilities: { canEdit: allows(ctx.actor, 'edit_competence_plan') },
  };
}

/** The plan in force: "what may I decide?". */
export async function currentPlan(trx: Trx, ctx: RequestContext): Promise<CompetencePlanView> {
  requireRole(ctx.actor, 'read_competence_plan');
  return planView(trx, ctx, null);
}

export async function planVersion(trx: Trx, ctx: RequestContext, versionId: string): Promise<CompetencePlanView> {
  requireRole(ctx.actor, 'read_competence_plan');
  return planView(trx, ctx, versionId);
}

export async function planHistory(trx: Trx, ctx: RequestContext): Promise<CompetenceVersions> {
  requireRole(ctx.actor, 'read_competence_plan');
  return { versions: await listVersions(trx) };
}

/** Publishes a new version on top of the one the leader edited; a newer version published meanwhile is answered 409. */
export async function publishPlan(trx: Trx, ctx: RequestContext, input: CompetencePlanInput): Promise<CompetencePlanView> {
  requireRole(ctx.actor, 'edit_competence_plan');
  checkCompetenceRules(input.rules, await knownReferences(trx, input.rules));
  const stale = () => conflict('version_conflict', 'A newer competence plan was published since you started. Reload it and make your change again.', [
    { field: 'basedOnVersion', code: 'stale', message: 'The version you edited is no longer the one in force.' },
  ]);
  const [latest] = await listVersions(trx);
  if ((latest?.versionNo ?? 0) !== input.basedOnVersion) throw stale();
  const id = await insertVersion(trx, {
    municipalityId: ctx.actor.municipalityId, versionNo: input.basedOnVersion + 1, publishedBy: ctx.actor.userId, publishedAt: ctx.clock.now(), note: input.note,
    committeeOnlyCategories: input.committeeOnlyCategories,
  }, input.rules);
  if (id === null) throw stale();
  await audit(trx, ctx, { action: 'create', entityType: 'competence_plan_version', entityId: id, reason: 'leader' });
  return planView(trx, ctx, id);
}
