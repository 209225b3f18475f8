import { unprocessable } from '../../platform/http/errors.js';

/**
 * Barnets Lov §137 (current-law.md, "Other rules of today's law"): a new notification (underretning) on an open case
 * triggers a re-assessment of the case, with someone new to the case taking part.
 */
export const notificationSources = ['school', 'daycare', 'health', 'police', 'family', 'anonymous', 'other'] as const;
export type NotificationSource = (typeof notificationSources)[number];

/**
 * Barnets Lov §137: a notification opens a re-assessment when it arrived on an open case — the case is not closed and
 * the notification was received on or after the day the case was opened (an older one, recorded late, is history).
 */
export function opensReassessment(caseFacts: { status: string; openedOn: string }, receivedOn: string): boolean {
  return caseFacts.status !== 'closed' && receivedOn >= caseFacts.openedOn;
}

/** A notification is recorded after it arrived. */
export function checkReceivedOn(receivedOn: string, today: string): void {
  if (receivedOn > today) {
    throw unprocessable('date_in_future', 'The notification is dated in the future; record it when it has arrived.', [
      { field: 'receivedOn', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
}

const needsNewPerson = (message: string) => unprocessable('reassessment_needs_new_person',
  `Barnets Lov §137: the re-assessment after a new notification includes someone new to the case. ${message}`, [
    { field: 'assignedUserId', code: 'reassessment_needs_new_person', message: `Barnets Lov §137: ${message}` },
  ]);

/**
 * Barnets Lov §137: "someone new to the case" is a staff member who was neither assigned to the case nor on its core team
 * before the notification was received (`onCaseBefore`, repo.ts usersOnCaseBefore). Joining the case on or after that
 * day — e.g. for this re-assessment — keeps them new.
 */
export function checkNewToCase(userId: string | null, onCaseBefore: ReadonlySet<string>): void {
  if (userId === null) throw needsNewPerson('assign a staff member who is new to the case first.');
  if (onCaseBefore.has(userId)) throw needsNewPerson('this person was already on the case before the notification; choose someone new to it.');
}

/** What completing a re-assessment needs: a new person (§137), a conclusion and a completion date that makes sense. */
export function checkCompletion(task: { assignedUserId: string | null; conclusion: string | null; completedOn: string; openedOn: string },
  onCaseBefore: ReadonlySet<string>, today: string): void {
  checkNewToCase(task.assignedUserId, onCaseBefore);
  if (task.conclusion === null || task.conclusion.trim() === '') {
    throw unprocessable('conclusion_required', 'Barnets Lov §137: a completed re-assessment states its conclusion.', [
      { field: 'conclusion', code: 'required', message: 'Barnets Lov §137: state what the re-assessment concluded.' },
    ]);
  }
  if (task.completedOn < task.openedOn) {
    throw unprocessable('completed_before_opened', 'The re-assessment cannot be completed before the notification was received.', [
      { field: 'completedOn', code: 'completed_before_opened', message: `Choose a date on or after ${task.openedOn}.` },
    ]);
  }
  if (task.completedOn > today) {
    throw unprocessable('date_in_future', 'The completion date is in the future.', [
      { field: 'completedOn', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
}

/** A completed re-assessment is a record; it is not reassigned or completed again. */
export function checkOpen(completedOn: string | null): void {
  if (completedOn !== null) {
    throw unprocessable('reassessment_completed', 'The re-assessment is already completed.', [
      { field: 'completedOn', code: 'reassessment_completed', message: 'The re-assessment was completed on ' + completedOn + '.' },
    ]);
  }
}
