import { unprocessable } from '../../platform/http/errors.js';
import type { ColumnKey, MeetingTemplate, MeetingType, ParticipantRole } from './schema.js';

/**
 * The meetings' rules, each in one place with its source. Pure functions: the commands load the facts and call these.
 */

/**
 * The method templates' columns, in the order they stand on the whiteboard:
 * Signs of Safety's three questions (000:486-493: Hvad bekymrer? Hvad fungerer? Hvad skal der ske?),
 * LØFT's four columns (001:444-452: Bekymringer, Fungerer, Se ske, Aftaler),
 * the ICS triangle's three sides (003:118-131: the child's developmental needs, parenting capacity, family and environment),
 * or one free list.
 */
export const templateColumns: Record<MeetingTemplate, readonly ColumnKey[]> = {
  signs_of_safety: ['worries', 'working_well', 'next_steps'],
  loft: ['worries', 'working_well', 'see_happen', 'agreements'],
  ics: ['developmental_needs', 'parenting_capacity', 'family_environment'],
  free: ['points'],
};

export function checkColumn(template: MeetingTemplate, column: ColumnKey): void {
  if (!templateColumns[template].includes(column)) {
    throw unprocessable('column_not_in_template', `The ${template} template has no column "${column}".`, [
      { field: 'column', code: 'column_not_in_template', message: `Choose one of: ${templateColumns[template].join(', ')}.` },
    ]);
  }
}

/** Whether the family takes part in meetings of this type. */
export function familyMayAttend(type: MeetingType): boolean {
  // 000:685-686: the analysis meeting "holdes uden familien" — held without the family (also 003:52).
  return type !== 'analysis_meeting';
}

/** Refuses a family member (as a person, or as a parent's login) on a meeting the family does not attend. */
export function checkFamilyParticipant(type: MeetingType, isFamily: boolean, field: string): void {
  if (isFamily && !familyMayAttend(type)) {
    throw unprocessable('analysis_meeting_without_family',
      'The analysis meeting is held without the family (000:685-686); a family member cannot be added.', [
        { field, code: 'analysis_meeting_without_family', message: 'The analysis meeting is held without the family (000:685-686).' },
      ]);
  }
}

/** 000:586-589: the coordinator chairs and one member of the core team takes the minutes: both are staff. */
export function checkParticipantRole(role: ParticipantRole, isStaff: boolean, field: string): void {
  if (role !== 'participant' && !isStaff) {
    throw unprocessable('role_needs_staff', 'The chair and the minute taker are staff of the case (000:586-589).', [
      { field, code: 'role_needs_staff', message: 'Only a staff member can chair or take the minutes (000:586-589).' },
    ]);
  }
}

/** 001:161-163: the child conversation is a conversation or an observation; other meeting types have neither. */
export function checkChildContact(type: MeetingType, childContact: string | null | undefined): void {
  if (childContact && type !== 'child_conversation') {
    throw unprocessable('child_contact_not_allowed', 'Only a child conversation is a conversation or an observation.', [
      { field: 'childContact', code: 'child_contact_not_allowed', message: 'Leave this empty for other meeting types than the child conversation.' },
    ]);
  }
}

/**
 * 000:677-680: "Der kan med fordel aftales ny mødedato på hvert møde": a meeting is closed with the date of the next
 * meeting or an explicit reason why there is none. The next date lies after the meeting.
 */
export function checkClosing(meetingDate: string, nextMeetingOn: string | null | undefined, noNextMeetingReason: string | null | undefined): void {
  if (!nextMeetingOn && !noNextMeetingReason) {
    throw unprocessable('next_meeting_required', 'Agree the next meeting date, or give the reason there is none (000:677-680).', [
      { field: 'nextMeetingOn', code: 'next_meeting_required', message: 'Give the next meeting date or a reason for none (000:677-680).' },
    ]);
  }
  if (nextMeetingOn && nextMeetingOn <= meetingDate) {
    throw unprocessable('next_meeting_not_after', 'The next meeting is after this one.', [
      { field: 'nextMeetingOn', code: 'next_meeting_not_after', message: 'Choose a date after this meeting.' },
    ]);
  }
}

/** A meeting is closed once it has been held: not before its start. */
export function checkHeld(scheduledAt: Date, now: Date): void {
  if (scheduledAt.getTime() > now.getTime()) {
    throw unprocessable('meeting_not_held_yet', 'A meeting can be closed once it has started.', [
      { field: 'scheduledAt', code: 'meeting_not_held_yet', message: 'The meeting has not started yet.' },
    ]);
  }
}

/** What was recorded at a closed or cancelled meeting stays as it was; agreements are still followed up. */
export function checkOpen(status: string): void {
  if (status !== 'planned') {
    throw unprocessable('meeting_not_open', `The meeting is ${status}; its record cannot be changed.`, []);
  }
}

/** An agreement has exactly one owner: a family member, the coordinator or a partner (001:395-400). */
export function checkAgreementOwner(ownerUserId: string | null | undefined, ownerPersonId: string | null | undefined): void {
  if (!ownerUserId === !ownerPersonId) {
    throw unprocessable('owner_required', 'An agreement has exactly one owner: a family member or a staff member.', [
      { field: 'ownerUserId', code: 'owner_required', message: 'Choose who is responsible: a family member or a staff member or partner.' },
    ]);
  }
}

/** An agreement's deadline is not before the meeting that made it. */
export function checkDueOn(meetingDate: string, dueOn: string): void {
  if (dueOn < meetingDate) {
    throw unprocessable('due_before_meeting', 'The deadline is before the meeting.', [
      { field: 'dueOn', code: 'due_before_meeting', message: 'Choose a deadline on or after the meeting date.' },
    ]);
  }
}
