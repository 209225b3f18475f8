import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql, caseAccessReasons, type CaseAccessReason } from '../../platform/policy/policy.js';
import type { RulerScoreView, VoiceNoteView } from './schema.js';

/** The child (a person who is the child of a case) and the actor's strongest need-to-know reason over its cases. */
export async function findChildWithReason(trx: Trx, actor: Actor, today: string, childId: string) {
  const rows = await trx.selectFrom('cases as c')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .select(['p.id', 'p.first_name', 'p.last_name', 'c.id as case_id', 'c.family_id'])
    .select(caseAccessReasonSql(actor, today, 'c').as('reason'))
    .where('c.child_id', '=', childId)
    .execute() as Array<{ id: string; first_name: string; last_name: string; case_id: string; family_id: string; reason: CaseAccessReason | null }>;
  if (rows.length === 0) return undefined;
  const reasons = rows.map((r) => r.reason).filter((r): r is CaseAccessReason => r !== null)
    .sort((a, b) => caseAccessReasons.indexOf(a) - caseAccessReasons.indexOf(b));
  const first = rows[0]!;
  return {
    id: first.id, name: `${first.first_name} ${first.last_name}`, caseIds: rows.map((r) => r.case_id),
    familyIds: [...new Set(rows.map((r) => r.family_id))], reason: reasons[0] ?? null,
  };
}

export async function meetingBelongsToCases(trx: Trx, meetingId: string, caseIds: string[]): Promise<boolean> {
  if (caseIds.length === 0) return false;
  const row = await trx.selectFrom('meetings').select('id').where('id', '=', meetingId).where('case_id', 'in', caseIds).executeTakeFirst();
  return !!row;
}

export async function notesOf(trx: Trx, childIds: string[]): Promise<Array<VoiceNoteView & { childId: string }>> {
  if (childIds.length === 0) return [];
  const rows = await trx.selectFrom('child_voice_notes as n')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'n.municipality_id').onRef('u.id', '=', 'n.recorded_by'))
    .select(['n.id', 'n.child_id', 'n.occurred_on', 'n.method', 'n.summary', 'n.meeting_id', 'u.name', 'n.recorded_at'])
    .where('n.child_id', 'in', childIds).orderBy('n.occurred_on', 'desc').orderBy('n.recorded_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, childId: r.child_id, occurredOn: r.occurred_on, method: r.method as VoiceNoteView['method'], summary: r.summary,
    meetingId: r.meeting_id, recordedBy: r.name, recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}

export async function scoresOf(trx: Trx, childIds: string[]): Promise<Array<RulerScoreView & { childId: string }>> {
  if (childIds.length === 0) return [];
  const rows = await trx.selectFrom('dialogue_ruler_scores as s')
    // Left: the child's own answers on the child's page have no staff recorder (issue 5 item 5, migration 0014).
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 's.municipality_id').onRef('u.id', '=', 's.recorded_by'))
    .select(['s.id', 's.child_id', 's.scored_on', 's.topic', 's.score', 's.comment', 's.meeting_id', 'u.name', 's.source'])
    .where('s.child_id', 'in', childIds).orderBy('s.scored_on').orderBy(sql`lower(s.topic)`).execute();
  return rows.map((r) => ({
    id: r.id, childId: r.child_id, scoredOn: r.scored_on, topic: r.topic, score: r.score, comment: r.comment, meetingId: r.meeting_id, recordedBy: r.name,
    source: r.source,
  }));
}
