import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { findChildWithReason, meetingBelongsToCases, notesOf, scoresOf } from './repo.js';
import { checkDistinctTopics, checkNotInFuture, topicTrends } from './rules.js';
import type { ChildVoiceSummary, ChildVoiceView, RulerScoresInput, VoiceNoteInput } from './schema.js';

/** The child's own voice: record and list child conversations/observations and Dialoglinealen scores. */

async function loadChild(trx: Trx, ctx: RequestContext, childId: string, action: 'read' | 'edit') {
  const child = await findChildWithReason(trx, ctx.actor, todayIn(ctx.clock), childId);
  // A parent is not given the child's own statements through this API: only staff with need-to-know on the child's case.
  const reason = requireCase(child?.reason ?? null, action, "The child's voice");
  return { child: child!, reason };
}

async function checkMeeting(trx: Trx, meetingId: string | null | undefined, caseIds: string[]): Promise<void> {
  if (meetingId && !(await meetingBelongsToCases(trx, meetingId, caseIds))) {
    throw unprocessable('meeting_not_of_child', "The meeting is not one of the child's case meetings.", [
      { field: 'meetingId', code: 'meeting_not_of_child', message: "Choose a meeting of the child's case." },
    ]);
  }
}

async function viewOf(trx: Trx, child: { id: string; name: string }, reason: CaseAccessReason): Promise<ChildVoiceView> {
  const [notes, scores] = await Promise.all([notesOf(trx, [child.id]), scoresOf(trx, [child.id])]);
  return {
    childId: child.id, childName: child.name,
    notes: notes.map(({ childId: _c, ...n }) => n),
    scores: scores.map(({ childId: _c, ...s }) => s),
    topics: topicTrends(scores),
    abilities: { canRecord: allowsCase(reason, 'edit') },
  };
}

export async function getChildVoice(trx: Trx, ctx: RequestContext, childId: string): Promise<ChildVoiceView> {
  const { child, reason } = await loadChild(trx, ctx, childId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'child_voice', entityId: childId, familyIds: child.familyIds, caseIds: child.caseIds, reason });
  return viewOf(trx, child, reason);
}

export async function addVoiceNote(trx: Trx, ctx: RequestContext, childId: string, input: VoiceNoteInput): Promise<ChildVoiceView> {
  const { child, reason } = await loadChild(trx, ctx, childId, 'edit');
  checkNotInFuture(input.occurredOn, todayIn(ctx.clock), 'occurredOn');
  await checkMeeting(trx, input.meetingId, child.caseIds);
  const created = await trx.insertInto('child_voice_notes').values({
    municipality_id: ctx.actor.municipalityId, child_id: childId, occurred_on: input.occurredOn, method: input.method, summary: input.summary,
    meeting_id: input.meetingId ?? null, recorded_by: ctx.actor.userId, recorded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'child_voice_note', entityId: created.id, familyIds: child.familyIds, caseIds: child.caseIds, reason });
  return viewOf(trx, child, reason);
}

export async function addRulerScores(trx: Trx, ctx: RequestContext, childId: string, input: RulerScoresInput): Promise<ChildVoiceView> {
  const { child, reason } = await loadChild(trx, ctx, childId, 'edit');
  checkNotInFuture(input.scoredOn, todayIn(ctx.clock), 'scoredOn');
  checkDistinctTopics(input.scores.map((s) => s.topic));
  await checkMeeting(trx, input.meetingId, child.caseIds);
  const existing = await trx.selectFrom('dialogue_ruler_scores').select('topic').where('child_id', '=', childId).where('scored_on', '=', input.scoredOn).execute();
  const taken = new Set(existing.map((e) => e.topic.trim().toLocaleLowerCase('da')));
  input.scores.forEach((s, i) => {
    if (taken.has(s.topic.trim().toLocaleLowerCase('da'))) {
      throw unprocessable('topic_repeated', 'This topic already has a score on this date.', [
        { field: `scores.${i}.topic`, code: 'topic_repeated', message: 'Each topic once per date.' },
      ]);
    }
  });
  await trx.insertInto('dialogue_ruler_scores').values(input.scores.map((s) => ({
    municipality_id: ctx.actor.municipalityId, child_id: childId, scored_on: input.scoredOn, topic: s.topic, score: s.score, comment: s.comment ?? null,
    meeting_id: input.meetingId ?? null, recorded_by: ctx.actor.userId, recorded_at: ctx.clock.now(),
  }))).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'dialogue_ruler_scores', entityId: childId, familyIds: child.familyIds, caseIds: child.caseIds, reason });
  return viewOf(trx, child, reason);
}

/**
 * For the joint plan: each child's latest Dialoglinealen score per topic with its trend and the latest notes. The
 * caller has already checked access to the family and writes the audit row naming it.
 */
export async function childVoiceSummaries(trx: Trx, children: Array<{ id: string; name: string }>): Promise<ChildVoiceSummary[]> {
  const ids = children.map((c) => c.id);
  const [notes, scores] = await Promise.all([notesOf(trx, ids), scoresOf(trx, ids)]);
  return children.map((c) => ({
    childId: c.id, childName: c.name,
    topics: topicTrends(scores.filter((s) => s.childId === c.id)),
    latestNotes: notes.filter((n) => n.childId === c.id).slice(0, 3).map(({ childId: _c, ...n }) => n),
  }));
}

