import { sql } from 'kysely';
import { appendAudit, audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { listMunicipalityIds } from '../../platform/db/tenants.js';
import { forbidden, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { enqueue, type OutboxChannel, type OutboxKind } from '../../platform/outbox/outbox.js';
import { allowsCase, caseAccessReasons, familyAccessReasonSql, type CaseAccessReason } from '../../platform/policy/policy.js';
import { addDays } from '../../platform/clock/dates.js';
import { caseFactsQuery } from '../cadence/index.js';
import { planOf } from '../follow-up/commands.js';
import { findPreference, leadsOf, meetingRecipients } from './repo.js';
import {
  dedupeKeyOf, familyMeetingReminder, followUpAbout, followUpLeadDays, followUpOverdueDays, followUpReminder, meetingAbout, meetingLeadHours,
  staffMeetingReminder, type RecipientKind,
} from './rules.js';
import type { ReminderPreferenceInput, ReminderPreferenceView } from './schema.js';

/** The reminder use cases (issue 4 item 7): what goes into the outbox, and a family member's opt-in. */

export interface ReminderInput {
  municipalityId: string;
  kind: OutboxKind;
  /** What the reminder is about, deterministic: `meeting:<id>@<time>`, `follow_up:<case>@<date>` (rules.ts). */
  about: string;
  recipient: { kind: RecipientKind; id: string; address: string };
  channel: OutboxChannel;
  subject: string;
  body: string;
  now: Date;
}

/**
 * Puts one reminder in the outbox, in the caller's transaction, unless the same reminder (same subject matter,
 * recipient and channel) is there already. For other modules' due dates: call it with your own `about`.
 */
export function enqueueReminder(trx: Trx, input: ReminderInput): Promise<boolean> {
  return enqueue(trx, {
    municipalityId: input.municipalityId, dedupeKey: dedupeKeyOf(input.about, input.recipient, input.channel), kind: input.kind,
    channel: input.channel, recipient: input.recipient.address, subject: input.subject, body: input.body, notBefore: input.now,
  });
}

export interface ScheduleReport {
  enqueued: number;
}

/**
 * The scheduler step (run by the outbox worker every tick, and safe to run any number of times): for each
 * municipality, reminders of meetings in the next 24 hours and of follow-ups due within three days, each enqueued
 * once by its dedupe key. The follow-up due dates come from the cadence rule (modules/cadence, 001:753-771).
 */
export async function scheduleReminders(db: Database, clock: Clock, publicUrl: string): Promise<ScheduleReport> {
  let enqueued = 0;
  for (const municipality of await listMunicipalityIds(db)) {
    enqueued += await inTenant(db, municipality.id, (trx) => scheduleMunicipality(trx, municipality.id, clock, publicUrl));
  }
  return { enqueued };
}

export async function scheduleMunicipality(trx: Trx, municipalityId: string, clock: Clock, publicUrl: string): Promise<number> {
  const now = clock.now();
  const today = todayIn(clock);
  let added = 0;
  const caseIds = new Set<string>();
  const familyIds = new Set<string>();

  for (const r of await meetingRecipients(trx, now, new Date(now.getTime() + meetingLeadHours * 3_600_000), today)) {
    const scheduledAt = new Date(r.scheduled_at);
    const text = r.recipient_kind === 'user'
      ? staffMeetingReminder(scheduledAt, `${publicUrl}/meetings/${r.meeting_id}`)
      : familyMeetingReminder(scheduledAt, r.channel);
    if (await enqueueReminder(trx, {
      municipalityId, kind: 'meeting_reminder', about: meetingAbout(r.meeting_id, scheduledAt),
      recipient: { kind: r.recipient_kind, id: r.recipient_id, address: r.address }, channel: r.channel, ...text, now,
    })) {
      added += 1;
      caseIds.add(r.case_id);
      familyIds.add(r.family_id);
    }
  }

  const facts = (await caseFactsQuery(trx, { kind: 'municipality' }, today)).rows;
  const due = facts.map((f) => ({ facts: f, plan: planOf(f, { model: f.model, status: f.status, opened_on: f.opened_on }) }))
    .map((d) => ({ ...d, dueOn: d.plan.dueOn }))
    .filter((d): d is typeof d & { dueOn: string } => d.dueOn !== null && d.dueOn <= addDays(today, followUpLeadDays) && d.dueOn >= addDays(today, -followUpOverdueDays));
  const leads = await leadsOf(trx, due.map((d) => d.facts.case_id), today);
  for (const d of due) {
    for (const lead of leads.filter((l) => l.case_id === d.facts.case_id)) {
      if (await enqueueReminder(trx, {
        municipalityId, kind: 'follow_up_reminder', about: followUpAbout(d.facts.case_id, d.dueOn),
        recipient: { kind: 'user', id: lead.user_id, address: lead.email }, channel: 'email',
        ...followUpReminder(d.dueOn, `${publicUrl}/cases/${d.facts.case_id}`, d.plan.rule === 'efei_status_meeting' && d.plan.source === 'model' ? 'efei_status_meeting' : 'sof_follow_up'), now,
      })) {
        added += 1;
        caseIds.add(d.facts.case_id);
        familyIds.add(d.facts.family_id);
      }
    }
  }

  // The scheduler read case data and wrote messages about it: one audit row per run that added anything.
  if (added > 0) {
    await appendAudit(trx, {
      municipalityId, at: now, actorUserId: null, actorRole: 'system', origin: null, action: 'create', entityType: 'reminder',
      caseIds: [...caseIds], familyIds: [...familyIds], reason: 'reminder_scheduler',
    });
  }
  return added;
}

// ---- a family member's opt-in ----

async function loadPerson(trx: Trx, ctx: RequestContext, personId: string) {
  const rows = await sql<{ email: string | null; phone: string | null; reason: CaseAccessReason | null }>`
    select p.email, p.phone, ${familyAccessReasonSql(ctx.actor, todayIn(ctx.clock), 'f')} as reason
      from persons p
      join family_members fm on fm.municipality_id = p.municipality_id and fm.person_id = p.id
      join families f on f.municipality_id = fm.municipality_id and f.id = fm.family_id
     where p.id = ${personId}::uuid`.execute(trx);
  if (rows.rows.length === 0) throw notFound('The person');
  const reasons = rows.rows.map((r) => r.reason).filter((r): r is CaseAccessReason => r !== null)
    .sort((a, b) => caseAccessReasons.indexOf(a) - caseAccessReasons.indexOf(b));
  const reason = reasons[0] ?? null;
  const self = ctx.actor.personId === personId;
  if (!reason && !self) throw notFound('The person');
  // The caseworkers who may change the case record the family's choice with them; a parent records their own.
  const canEdit = self || allowsCase(reason, 'edit');
  return { person: rows.rows[0]!, reason: reason ?? 'parent', canEdit };
}

function viewOf(personId: string, person: { email: string | null; phone: string | null }, canEdit: boolean,
  pref: { opted_in: boolean; channel: string; version: number } | undefined): ReminderPreferenceView {
  return {
    personId, optedIn: pref?.opted_in ?? false, channel: (pref?.channel ?? 'email') as 'email' | 'sms',
    available: { email: !!person.email?.trim(), sms: !!person.phone?.trim() }, version: pref?.version ?? null, abilities: { canEdit },
  };
}

export async function getPreference(trx: Trx, ctx: RequestContext, personId: string): Promise<ReminderPreferenceView> {
  const { person, reason, canEdit } = await loadPerson(trx, ctx, personId);
  await audit(trx, ctx, { action: 'read', entityType: 'reminder_preference', entityId: personId, reason });
  return viewOf(personId, person, canEdit, await findPreference(trx, personId));
}

export async function setPreference(trx: Trx, ctx: RequestContext, personId: string, input: ReminderPreferenceInput): Promise<ReminderPreferenceView> {
  const { person, reason, canEdit } = await loadPerson(trx, ctx, personId);
  if (!canEdit) throw forbidden('You may see this person\'s reminder choice but not change it.');
  const address = input.channel === 'email' ? person.email : person.phone;
  if (input.optedIn && !address?.trim()) {
    throw unprocessable('no_address', `The person has no ${input.channel === 'email' ? 'e-mail address' : 'phone number'} to send reminders to.`, [
      { field: 'channel', code: 'no_address', message: 'Add the e-mail address or phone number to the person first, or choose the other channel.' },
    ]);
  }
  const now = ctx.clock.now();
  // A parent choosing in the family portal has no user account (issue 5 item 1); the audit row names the person.
  const updatedBy = ctx.actor.via === 'portal' ? null : ctx.actor.userId;
  // Version 0 records the first choice; a concurrent first choice finds the row and is stale like any other.
  const written = input.version === 0
    ? await trx.insertInto('reminder_preferences').values({
      municipality_id: ctx.actor.municipalityId, person_id: personId, opted_in: input.optedIn, channel: input.channel, updated_at: now, updated_by: updatedBy,
    }).onConflict((oc) => oc.columns(['municipality_id', 'person_id']).doNothing()).returning('person_id').executeTakeFirst()
    : await trx.updateTable('reminder_preferences').set({
      opted_in: input.optedIn, channel: input.channel, updated_at: now, updated_by: updatedBy, version: input.version + 1,
    }).where('person_id', '=', personId).where('version', '=', input.version).returning('person_id').executeTakeFirst();
  if (!written) throw staleVersion('The reminder choice');
  await audit(trx, ctx, { action: input.version === 0 ? 'create' : 'update', entityType: 'reminder_preference', entityId: personId, reason });
  return viewOf(personId, person, canEdit, await findPreference(trx, personId));
}
