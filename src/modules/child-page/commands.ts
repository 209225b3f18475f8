import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion } from '../../platform/http/errors.js';
import { answeredToday, checkAllowed, checkAnswers, childPageQuestionKeys, topicOf } from './rules.js';
import type { ChildPageAnswersInput, ChildPageList, ChildPagePermissionInput, ChildPageView } from './schema.js';

/**
 * The child's page (issue 5 item 5). The child gets access through a parent: the parent opens the page in their own
 * portal session and hands the device over. No separate child login or link exists to leak or forward, and the
 * page shows the questions only, never earlier answers.
 */

interface ChildRow { id: string; first_name: string; family_id: string; allowed: boolean | null; version: number | null }

function childrenQuery(trx: Trx, parentId: string) {
  return trx.selectFrom('family_members as fm')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'fm.municipality_id').onRef('p.id', '=', 'fm.person_id'))
    .leftJoin('child_page_permissions as cp', (j) => j.onRef('cp.municipality_id', '=', 'p.municipality_id').onRef('cp.child_id', '=', 'p.id'))
    .select(['p.id', 'p.first_name', 'fm.family_id', 'cp.allowed', 'cp.version'])
    .where('fm.relation', '=', 'child')
    // The children of a family the parent is a parent or carer of.
    .where(sql<boolean>`exists (select 1 from family_members own where own.municipality_id = fm.municipality_id and own.family_id = fm.family_id
                                 and own.person_id = ${parentId}::uuid and own.relation in ('parent', 'carer'))`);
}

async function loadChild(trx: Trx, ctx: RequestContext, childId: string): Promise<ChildRow> {
  const child = await childrenQuery(trx, ctx.actor.personId!).where('p.id', '=', childId).executeTakeFirst() as ChildRow | undefined;
  if (!child) throw notFound('The child');
  return child;
}

async function viewOf(trx: Trx, ctx: RequestContext, child: ChildRow): Promise<ChildPageView> {
  const today = await trx.selectFrom('dialogue_ruler_scores').select('id').where('child_id', '=', child.id)
    .where('scored_on', '=', todayIn(ctx.clock)).where('source', '=', 'child_page').limit(1).executeTakeFirst();
  const allowed = child.allowed === true;
  return {
    childId: child.id, firstName: child.first_name, allowed, questions: [...childPageQuestionKeys], answeredToday: today !== undefined, version: child.version,
    abilities: { canAnswer: allowed && today === undefined, canChangePermission: true },
  };
}

export async function listChildPages(trx: Trx, ctx: RequestContext): Promise<ChildPageList> {
  const children = await childrenQuery(trx, ctx.actor.personId!).orderBy('p.birth_date').execute() as ChildRow[];
  await audit(trx, ctx, { action: 'read', entityType: 'child_page_list', familyIds: [...new Set(children.map((c) => c.family_id))], reason: 'parent' });
  return { children: await Promise.all(children.map((c) => viewOf(trx, ctx, c))) };
}

export async function getChildPage(trx: Trx, ctx: RequestContext, childId: string): Promise<ChildPageView> {
  const child = await loadChild(trx, ctx, childId);
  await audit(trx, ctx, { action: 'read', entityType: 'child_page', entityId: childId, familyIds: [child.family_id], reason: 'parent' });
  return viewOf(trx, ctx, child);
}

/**
 * A parent opens or closes the child's page (issue 5 item 5: "when the parents allow it"). Both parents may: version 0
 * makes the first choice, later ones name the version they saw, so one parent's "close" is never silently undone by
 * the other's "open" from an older screen (409 version_conflict).
 */
export async function setChildPagePermission(trx: Trx, ctx: RequestContext, childId: string, input: ChildPagePermissionInput): Promise<ChildPageView> {
  const child = await loadChild(trx, ctx, childId);
  const values = { allowed: input.allowed, set_by_person_id: ctx.actor.personId!, set_at: ctx.clock.now() };
  const written = input.version === 0
    ? await trx.insertInto('child_page_permissions').values({ municipality_id: ctx.actor.municipalityId, child_id: childId, ...values })
      .onConflict((oc) => oc.columns(['municipality_id', 'child_id']).doNothing()).returning('version').executeTakeFirst()
    : await trx.updateTable('child_page_permissions').set({ ...values, version: input.version + 1 })
      .where('child_id', '=', childId).where('version', '=', input.version).returning('version').executeTakeFirst();
  if (!written) throw staleVersion('The child\'s page');
  await audit(trx, ctx, {
    action: input.version === 0 ? 'create' : 'update', entityType: 'child_page_permission', entityId: childId, familyIds: [child.family_id], reason: input.allowed ? 'allowed' : 'closed',
  });
  return viewOf(trx, ctx, { ...child, allowed: input.allowed, version: written.version });
}

/** The child's answers, stored as Dialoglinealen scores from the child's page (source child_page). */
export async function answerChildPage(trx: Trx, ctx: RequestContext, childId: string, input: ChildPageAnswersInput): Promise<ChildPageView> {
  const child = await loadChild(trx, ctx, childId);
  checkAllowed(child.allowed === true);
  checkAnswers(input.answers);
  const view = await viewOf(trx, ctx, child);
  if (view.answeredToday) throw answeredToday();
  const today = todayIn(ctx.clock);
  const inserted = await trx.insertInto('dialogue_ruler_scores').values(input.answers.map((a) => ({
    municipality_id: ctx.actor.municipalityId, child_id: childId, scored_on: today, topic: topicOf(a.question), score: a.score,
    source: 'child_page' as const, recorded_by: null, entered_by_person_id: ctx.actor.personId!, recorded_at: ctx.clock.now(),
  }))).onConflict((oc) => oc.constraint('dialogue_ruler_scores_one_per_day').doNothing()).returning('id').execute();
  // A caseworker may have scored a topic with the child today already: then the page's answers are not mixed in.
  if (inserted.length !== input.answers.length) throw answeredToday();
  await audit(trx, ctx, { action: 'create', entityType: 'dialogue_ruler_scores', entityId: childId, familyIds: [child.family_id], reason: 'child_page' });
  return { ...view, answeredToday: true, abilities: { ...view.abilities, canAnswer: false } };
}
