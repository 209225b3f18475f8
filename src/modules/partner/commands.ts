import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { requireCase, requirePartner, type PartnerAccessReason } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { partnerDocumentsOf } from '../document/commands.js';
import {
  caseOfAgreement, consentInForce, findPartnerCase, partnerAgreements, partnerCases, partnerGoals, partnerMeetings, partnerNotes, sharedDecisions,
  type PartnerCaseRow,
} from './repo.js';
import type { PartnerAgreement, PartnerAgreementUpdate, PartnerCase, PartnerFamily, PartnerNote, PartnerNoteInput } from './schema.js';

/**
 * The partner API (issue 5 item 4): an external partner sees the families where they take part in the core team or
 * a meeting and the family's consent for their organisation is in force (policy.ts partnerAccessReasonSql), and only
 * what they need. They can update the status of their agreements and add notes. Every read and write is audited,
 * naming the reason; a case they may not see is 404, whatever the cause (no consent, withdrawn, not taking part).
 */

const iso = (value: Date | string) => new Date(value).toISOString();

export async function listPartnerFamilies(trx: Trx, ctx: RequestContext): Promise<PartnerFamily[]> {
  const rows = await partnerCases(trx, ctx.actor, todayIn(ctx.clock));
  // One audit row names every family and case the list showed (an empty list is a read too).
  await audit(trx, ctx, {
    action: 'read', entityType: 'partner_family_list', familyIds: [...new Set(rows.map((r) => r.family_id))], caseIds: rows.map((r) => r.id), reason: 'external_partner',
  });
  return rows.map((r) => ({
    familyId: r.family_id, familyName: r.family_name, caseId: r.id, child: { firstName: r.child_first_name, lastName: r.child_last_name },
    reason: r.reason!, nextMeetingAt: r.next_meeting_at ? iso(r.next_meeting_at) : null,
  }));
}

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, what = 'The case'): Promise<{ row: PartnerCaseRow; reason: PartnerAccessReason }> {
  const row = await findPartnerCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requirePartner(row?.reason, what);
  return { row: row!, reason };
}

function agreementView(a: Awaited<ReturnType<typeof partnerAgreements>>[number]): PartnerAgreement {
  return {
    id: a.id, text: a.text, ownerName: a.owner_name, dueOn: a.due_on, status: a.status as PartnerAgreement['status'],
    meetingAt: iso(a.scheduled_at), version: a.version, abilities: { canUpdateStatus: true },
  };
}

async function notesOf(trx: Trx, ctx: RequestContext, caseId: string): Promise<PartnerNote[]> {
  // A partner sees the notes of their own organisation; other partners' notes are theirs to share.
  const rows = (await partnerNotes(trx, caseId)).filter((n) => n.department_id === ctx.actor.departmentId);
  return rows.map((n) => ({ id: n.id, text: n.text, authorName: n.author_name, createdAt: iso(n.created_at) }));
}

export async function getPartnerCase(trx: Trx, ctx: RequestContext, caseId: string): Promise<PartnerCase> {
  const { row, reason } = await loadCase(trx, ctx, caseId);
  const [consent, goals, agreements, meetings, notes, documents] = await Promise.all([
    consentInForce(trx, row.family_id, ctx.actor.departmentId!), partnerGoals(trx, ctx.actor, row.family_id), partnerAgreements(trx, ctx.actor, caseId),
    partnerMeetings(trx, ctx.actor, caseId), notesOf(trx, ctx, caseId), partnerDocumentsOf(trx, caseId),
  ]);
  const decisions = await sharedDecisions(trx, meetings.map((m) => m.id));
  await audit(trx, ctx, { action: 'read', entityType: 'partner_case', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return {
    caseId, familyId: row.family_id, familyName: row.family_name, child: { firstName: row.child_first_name, lastName: row.child_last_name },
    reason, consentGivenOn: consent!.given_on,
    goals: goals.map((g) => ({ id: g.id, title: g.title, horizon: g.horizon as 'short' | 'long', status: g.status, startsOn: g.starts_on, endsOn: g.ends_on })),
    agreements: agreements.map(agreementView),
    meetings: meetings.map((m) => ({
      id: m.id, type: m.type, title: m.title, scheduledAt: iso(m.scheduled_at), location: m.location, status: m.status as PartnerCase['meetings'][number]['status'],
      // Never minutes, points or decisions classified 'internal' or 'family' (migration 0013): only 'partners'.
      sharedMinutes: m.shared_minutes,
      sharedDecisions: decisions.filter((d) => d.meeting_id === m.id).map((d) => ({ id: d.id, text: d.text })),
    })),
    notes,
    // Only documents staff shared with partners (case_documents.visibility = 'partners', migration 0016).
    documents,
  };
}

/** A partner updates the status of an agreement they or their organisation own (the agreement's other fields stay). */
export async function updatePartnerAgreement(trx: Trx, ctx: RequestContext, agreementId: string, input: PartnerAgreementUpdate): Promise<PartnerAgreement> {
  const caseId = await caseOfAgreement(trx, agreementId);
  if (!caseId) throw notFound('The agreement');
  const { row, reason } = await loadCase(trx, ctx, caseId, 'The agreement');
  // Someone else's agreement is not part of the partner's view: 404, as for any record they may not read.
  const [own] = await partnerAgreements(trx, ctx.actor, caseId, agreementId);
  if (!own) throw notFound('The agreement');
  const updated = await trx.updateTable('meeting_agreements').set({ status: input.status, updated_at: ctx.clock.now(), version: input.version + 1 })
    .where('id', '=', agreementId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The agreement');
  await audit(trx, ctx, { action: 'update', entityType: 'meeting_agreement', entityId: agreementId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return agreementView((await partnerAgreements(trx, ctx.actor, caseId, agreementId))[0]!);
}

export async function addPartnerNote(trx: Trx, ctx: RequestContext, caseId: string, input: PartnerNoteInput): Promise<PartnerNote> {
  const { row, reason } = await loadCase(trx, ctx, caseId);
  if (!input.text.trim()) throw unprocessable('required', 'Write the note.', [{ field: 'text', code: 'required', message: 'This field is required.' }]);
  const created = await trx.insertInto('partner_notes').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, author_user_id: ctx.actor.userId, department_id: ctx.actor.departmentId,
    text: input.text, created_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'partner_note', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return (await notesOf(trx, ctx, caseId)).find((n) => n.id === created.id)!;
}

/** Staff with need-to-know read every partner's notes on the case (the partners' own view shows their organisation's). */
export async function listPartnerNotesForStaff(trx: Trx, ctx: RequestContext, caseId: string): Promise<PartnerNote[]> {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'partner_note_list', entityId: caseId, familyIds: [row!.family_id], caseIds: [caseId], reason });
  return (await partnerNotes(trx, caseId)).map((n) => ({ id: n.id, text: n.text, authorName: n.author_name, createdAt: iso(n.created_at) }));
}
