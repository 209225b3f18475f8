import type { OutboxChannel } from '../../platform/outbox/outbox.js';

/**
 * What gets reminded, when, and in which words (issue 4 item 7). A reminder leaves Tovholder by e-mail or text
 * message, so it carries the least personal data that still helps: a time and a link — no CPR number, no name of
 * the child or family, no measure or diagnosis, not even the place (it may be the family's home). "Du har et møde
 * tirsdag den 24. november 2026 kl. 10.00" and a link; the rest is behind the login.
 */

/** Meetings are reminded once, when they are at most this many hours away. */
export const meetingLeadHours = 24;
/** Follow-ups are reminded once per due date, from this many days before it… */
export const followUpLeadDays = 3;
/** …and a due date older than this is not reminded any more (e.g. right after the first start on old data). */
export const followUpOverdueDays = 14;

const parts = (instant: Date) => Object.fromEntries(new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
}).formatToParts(instant).map((p) => [p.type, p.value]));

/** "tirsdag den 24. november 2026 kl. 10.00", Danish local time. The date is explicit: a retried message stays right. */
export function danishDateTime(instant: Date): string {
  const p = parts(instant);
  return `${p.weekday} den ${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute}`;
}

/** "onsdag den 25. november 2026" for a calendar date. */
export function danishDate(isoDate: string): string {
  const p = parts(new Date(`${isoDate}T12:00:00Z`));
  return `${p.weekday} den ${p.day}. ${p.month} ${p.year}`;
}

export interface ReminderText {
  subject: string;
  body: string;
}

const signature = '\n\nDenne besked er sendt automatisk fra Tovholder. Du kan ikke svare på den.';

/** A staff member's (or partner's) reminder of a meeting. */
export function staffMeetingReminder(scheduledAt: Date, link: string): ReminderText {
  return {
    subject: 'Påmindelse: møde i Tovholder',
    body: `Du har et møde ${danishDateTime(scheduledAt)}.\n\nSe mødet i Tovholder: ${link}${signature}`,
  };
}

/** A family member's reminder, by the channel they chose; it names the municipality as the other party, nothing more. */
export function familyMeetingReminder(scheduledAt: Date, channel: OutboxChannel): ReminderText {
  if (channel === 'sms') {
    return { subject: 'Påmindelse om møde', body: `Påmindelse: Du har et møde med kommunen ${danishDateTime(scheduledAt)}. Hilsen Tovholder` };
  }
  return {
    subject: 'Påmindelse om møde med kommunen',
    body: `Du har et møde med kommunen ${danishDateTime(scheduledAt)}.\n\nHar du spørgsmål, eller kan du ikke komme, så kontakt din sagsbehandler.${signature}`,
  };
}

/** The lead's reminder of a follow-up due: SOF's fixed cadence (001:753-771) or EFEI's status meeting (003:61-66). */
export function followUpReminder(dueOn: string, link: string, rule: 'sof_follow_up' | 'efei_status_meeting' = 'sof_follow_up'): ReminderText {
  const what = rule === 'efei_status_meeting' ? 'Et statusmøde' : 'En opfølgning';
  return {
    subject: rule === 'efei_status_meeting' ? 'Påmindelse: statusmøde i Tovholder' : 'Påmindelse: opfølgning i Tovholder',
    body: `${what} i en af dine sager skal holdes senest ${danishDate(dueOn)}.\n\nSe sagen i Tovholder: ${link}${signature}`,
  };
}

export type RecipientKind = 'user' | 'person';

/**
 * The dedupe key of a reminder: what it is about (a meeting at a time, a follow-up due on a date) and to whom by which
 * channel. Deterministic, so enqueueing it again is a no-op; a moved meeting is a new time and so a new reminder.
 */
export function dedupeKeyOf(about: string, recipient: { kind: RecipientKind; id: string }, channel: OutboxChannel): string {
  return `${about}|${recipient.kind}:${recipient.id}|${channel}`;
}

export const meetingAbout = (meetingId: string, scheduledAt: Date) => `meeting:${meetingId}@${scheduledAt.toISOString()}`;
export const followUpAbout = (caseId: string, dueOn: string) => `follow_up:${caseId}@${dueOn}`;
