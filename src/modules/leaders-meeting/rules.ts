import type { Actor } from '../../platform/auth/actor.js';
import { hasRole } from '../../platform/auth/actor.js';
import { forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { addCalendarMonths } from '../../platform/clock/dates.js';

/**
 * Leaders' meetings (issue 9 item 5):
 * - the coordination group (koordinationsgruppe) of EFEI meets monthly, with the leaders of the departments involved
 *   (000:240-245);
 * - SOF's stop-op meetings are held every three months (001:243).
 * Both are series with members; each meeting's agenda is prefilled from data (agenda.ts) and has a decision log;
 * the minutes go to the members through the outbox.
 */
export const seriesKinds = ['coordination_group', 'stop_op'] as const;
export type SeriesKind = (typeof seriesKinds)[number];

/** Months between meetings: monthly (000:240-245) and every three months (001:243). */
export const intervalMonths: Record<SeriesKind, number> = { coordination_group: 1, stop_op: 3 };

/** The meeting dates of a series from its first date: first + k × interval (a 31st becomes the month's last day). */
export function occurrences(kind: SeriesKind, firstOn: string, count: number, from?: string): string[] {
  const dates: string[] = [];
  for (let k = 0; dates.length < count && k < 1200; k += 1) {
    const on = addCalendarMonths(firstOn, k * intervalMonths[kind]);
    if (!from || on >= from) dates.push(on);
  }
  return dates;
}

/** The next date of the series after the last meeting scheduled (or the first date when none is). */
export function nextOccurrence(kind: SeriesKind, firstOn: string, lastScheduled: string | null): string {
  if (!lastScheduled) return firstOn;
  return occurrences(kind, firstOn, 1, nextDay(lastScheduled))[0]!;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Leaders (team leaders, department heads) run the series; members take part. Everyone else: 404 on a series. */
export function isLeader(actor: Actor): boolean {
  return hasRole(actor, 'team_leader', 'department_head');
}

export function requireSeriesAccess(actor: Actor, isMember: boolean, action: 'read' | 'manage'): void {
  if (!hasRole(actor, 'coordinator', 'core_team_member', 'team_leader', 'department_head')) throw forbidden('Your role does not allow leaders\' meetings.');
  if (!isMember && !isLeader(actor)) throw notFound('The meeting series');
  if (action === 'manage' && !isLeader(actor)) throw forbidden('Leaders run the meeting series; members read it.');
}

export function checkMembers(found: number, asked: number): void {
  if (found !== asked) {
    throw unprocessable('member_unknown', 'Every member is an active staff member of the municipality.', [
      { field: 'memberUserIds', code: 'member_unknown', message: 'Choose active staff members.' },
    ]);
  }
}

/** A meeting is recorded as held on or after its date, once. */
export function checkHold(status: string, scheduledOn: string, today: string): void {
  if (status === 'held') throw unprocessable('already_held', 'The meeting is already held.', [{ field: 'status', code: 'already_held', message: 'The minutes were sent already.' }]);
  if (today < scheduledOn) {
    throw unprocessable('meeting_not_yet', 'A meeting is held on or after its date.', [{ field: 'scheduledOn', code: 'meeting_not_yet', message: 'Record it on the day of the meeting or later.' }]);
  }
}

/** The minutes e-mail: a link and the decisions' count, no case data (outbox_messages.body carries no personal data). */
export function minutesMessage(title: string, heldOn: string, decisions: number, link: string): { subject: string; body: string } {
  return {
    subject: `Referat: ${title} ${heldOn}`,
    body: `Referatet af ${title} den ${heldOn} er klar (${decisions} beslutninger).\nLæs det her: ${link}\n\nThe minutes of ${title} on ${heldOn} are ready (${decisions} decisions).`,
  };
}
