import { addDays } from '../../platform/clock/dates.js';

/**
 * The visitation committee (visitationsudvalg, issue 8 item 3; EFEI 000:876-881): a referred proposal is expected
 * decided at the committee's next meeting on or after the day it was referred; with no meeting planned, within
 * 14 days of the referral (the committee then meets or decides by then).
 */
export const expectedWithinDays = 14;

export function expectedBy(referredOn: string, meetingDates: readonly string[]): { expectedBy: string; meetsOn: string | null } {
  const next = [...meetingDates].filter((d) => d >= referredOn).sort()[0];
  return next ? { expectedBy: next, meetsOn: next } : { expectedBy: addDays(referredOn, expectedWithinDays), meetsOn: null };
}
