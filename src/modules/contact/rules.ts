import { unprocessable } from '../../platform/http/errors.js';
import { addDays } from '../../platform/clock/dates.js';

/**
 * Contact is differentiated: agree with each family how and how often they want contact; some want close contact,
 * others "space" and may feel too much contact means their help is being re-assessed (000:423-445, 001:429-433).
 */
export const contactChannels = ['phone', 'sms', 'email', 'message', 'video', 'physical_meeting', 'home_visit'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export interface AgreementFacts {
  everyDays: number;
  prefersSpace: boolean;
  max: number | null;
  /** The day the current revision was recorded: before any contact, the agreement's clock starts here. */
  since: string;
}

export type ContactDrift =
  | { kind: 'too_little'; lastContactOn: string | null; dueOn: string }
  | { kind: 'too_much'; contactsLast30: number; max: number };

/**
 * Contact drift (issue 4, 000:423-445): "too little" when no contact has happened within the agreed interval since the
 * last contact (or since the agreement, before the first); "too much" when a family that prefers space has had more
 * contacts initiated by the municipality in the last 30 days than it agreed to. Incoming contact (the family reaching
 * out) never counts as too much: being reachable is the point (001:772-775).
 */
export function contactDrift(agreement: AgreementFacts | null, lastContactOn: string | null, outgoingLast30: number, today: string): ContactDrift | null {
  if (!agreement) return null;
  if (agreement.prefersSpace && agreement.max !== null && outgoingLast30 > agreement.max) {
    return { kind: 'too_much', contactsLast30: outgoingLast30, max: agreement.max };
  }
  // Counted from the last contact or the current revision, whichever is later: a revision is itself a contact.
  const from = lastContactOn !== null && lastContactOn > agreement.since ? lastContactOn : agreement.since;
  const dueOn = addDays(from, agreement.everyDays);
  if (dueOn < today) return { kind: 'too_little', lastContactOn, dueOn };
  return null;
}

/** A family that prefers space says how many contacts a month is enough; a family that does not, has no such limit. */
export function checkSpaceLimit(prefersSpace: boolean, max: number | null | undefined): void {
  if (prefersSpace && (max === null || max === undefined)) {
    throw unprocessable('space_limit_required', 'Say how many contacts in 30 days the family finds enough.', [
      { field: 'maxContactsPer30Days', code: 'required', message: 'Required when the family prefers space.' },
    ]);
  }
}
