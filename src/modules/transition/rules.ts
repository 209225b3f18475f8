import { unprocessable } from '../../platform/http/errors.js';
import { addCalendarMonths, addDays } from '../../platform/clock/dates.js';
import { eighteenthBirthday, timeSettingsOf, transitionStartBy } from '../cadence/rules.js';
import { ageOn } from '../person/rules.js';

/**
 * The transition track to adult services (issue 9 item 4; 004:4088-4095: "overgangen til voksenområdet startes op i
 * tide"). From the child's 16th birthday (a municipality setting, default 16) the case shows a track: the contact in
 * adult services, planned steps with dates, and the deadline, the 18th birthday. The day by which the transition must
 * have started is cadence/rules.ts transitionStartBy (18th birthday minus the municipality's lead time); from that day
 * on, a case whose transition has not started alerts its coordinator and the department's leaders.
 */

/** From which birthday the track is shown when the municipality has not set one (issue 9 item 4: "from 16 years"). */
export const defaultTransitionTrackAge = 16;

export interface TrackSettings { trackAge: number; leadTimeMonths: number }

/** Validates municipalities.settings.transitionTrackAge before it is saved (the administrator's settings page). */
export function checkTrackSettings(settings: Record<string, unknown>): Array<{ field: string; code: string; message: string }> {
  const age = settings.transitionTrackAge;
  if (age === undefined || age === null || (typeof age === 'number' && Number.isInteger(age) && age >= 14 && age <= 17)) return [];
  return [{ field: 'settings.transitionTrackAge', code: 'out_of_range', message: 'Give the age the transition track opens at as a whole number of years, 14-17 (default 16).' }];
}

/** Reads municipalities.settings.transitionTrackAge (a whole number 14-17) and the lead time of cadence/rules.ts. */
export function trackSettingsOf(settings: Record<string, unknown> | null | undefined): TrackSettings {
  const age = settings?.transitionTrackAge;
  return {
    trackAge: typeof age === 'number' && Number.isInteger(age) && age >= 14 && age <= 17 ? age : defaultTransitionTrackAge,
    leadTimeMonths: timeSettingsOf(settings).transitionLeadTimeMonths,
  };
}

/**
 * The first day on which the child is `age` years old by person/rules.ts ageOn — so a child born on 29 February turns
 * 16 on 1 March in a non-leap year, exactly as eighteenthBirthday decides the 18th.
 */
export function birthdayOf(birthDate: string, age: number): string {
  if (age === 18) return eighteenthBirthday(birthDate);
  const sameDay = addCalendarMonths(birthDate, age * 12);
  return ageOn(birthDate, sameDay) === age ? sameDay : addDays(sameDay, 1);
}

export interface TrackDates {
  /** The day the track is shown from (the track age's birthday). */
  opensOn: string;
  /** The deadline: everything is in place before the 18th birthday. */
  eighteenOn: string;
  /** The day by which the transition must have started (alerts from this day). */
  startBy: string;
}

export function trackDates(birthDate: string, settings: TrackSettings): TrackDates {
  return { opensOn: birthdayOf(birthDate, settings.trackAge), eighteenOn: eighteenthBirthday(birthDate), startBy: transitionStartBy(birthDate, settings.leadTimeMonths)! };
}

/** Whether the track is shown on the case today. */
export function trackShown(birthDate: string | null, today: string, settings: TrackSettings): boolean {
  return birthDate !== null && today >= birthdayOf(birthDate, settings.trackAge);
}

/**
 * The alert: on and after the start-by day, while the transition has not been recorded as started and the case is
 * open. Before the 18th birthday only — after it the case belongs to adult services' own rules.
 */
export function transitionAlertDue(birthDate: string | null, today: string, startedOn: string | null, settings: TrackSettings): boolean {
  if (!birthDate || startedOn) return false;
  const startBy = transitionStartBy(birthDate, settings.leadTimeMonths)!;
  return today >= startBy && today < eighteenthBirthday(birthDate);
}

/** The track opens at the track age: nothing is planned for a younger child. */
export function checkTrackOpen(birthDate: string | null, today: string, settings: TrackSettings): void {
  if (!trackShown(birthDate, today, settings)) {
    throw unprocessable('track_not_open', `The transition track opens at the child's ${settings.trackAge}th birthday (004:4088-4095).`, [
      { field: 'caseId', code: 'track_not_open', message: 'The track opens at the municipality\'s transition age.' },
    ]);
  }
}

/** A planned step lies before the 18th birthday: the deadline of the track. */
export function checkStepDate(plannedOn: string, birthDate: string): void {
  const eighteen = eighteenthBirthday(birthDate);
  if (plannedOn >= eighteen) {
    throw unprocessable('after_deadline', `A step of the transition is planned before the 18th birthday (${eighteen}).`, [
      { field: 'plannedOn', code: 'after_deadline', message: 'Choose a date before the 18th birthday.' },
    ]);
  }
}

/** The text of the alert e-mail: a link and a date, no name or CPR number (outbox_messages.body comment). */
export function transitionAlertMessage(caseNumber: string, startBy: string, link: string): { subject: string; body: string } {
  return {
    subject: `Overgang til voksenområdet ikke startet – sag ${caseNumber}`,
    body: `Overgangen til voksenområdet for sag ${caseNumber} skulle være startet senest ${startBy} (004:4088-4095).\nSe sagen: ${link}\n\n`
      + `The transition to adult services for case ${caseNumber} should have started by ${startBy}.`,
  };
}
