import { unprocessable, type ErrorDetail } from '../../platform/http/errors.js';

/**
 * The rules of handover and deputies (issue 9 item 3), each in one place. The family has one fixed contact
 * (000:97-99 EFEI family coordinator; 001:160-187 SOF primary caseworker); when that person changes, a structured
 * note carries what the family has told (the family should not have to retell its story, 000:423-445).
 */

/** The new lead is a different person than the current one. */
export function checkNewLead(currentLeadUserId: string | null, toUserId: string, field = 'toUserId'): void {
  if (currentLeadUserId === toUserId) {
    throw unprocessable('same_lead', 'The case already has this person as its lead; choose someone else to hand over to.', [
      { field, code: 'same_lead', message: 'Choose a different person than the current lead.' },
    ]);
  }
}

/** A handover is dated today or later: the family is told from the day it takes effect, never backwards. */
export function checkHandoverDate(on: string, today: string, field = 'handedOverOn'): void {
  if (on < today) {
    throw unprocessable('date_in_past', 'A handover cannot be dated in the past.', [{ field, code: 'date_in_past', message: 'Choose today or a later day.' }]);
  }
}

/**
 * A deputy (stedfortræder) has time-bound access: start and end both given, end ≥ start ≥ today. Access ends by itself
 * at the end (the need-to-know SQL reads ends_on), so no one has to remember to revoke it.
 */
export function checkDeputyPeriod(startsOn: string, endsOn: string | null | undefined, today: string): void {
  const problems: ErrorDetail[] = [];
  if (startsOn < today) problems.push({ field: 'startsOn', code: 'date_in_past', message: 'A deputy period starts today or later.' });
  if (!endsOn) problems.push({ field: 'endsOn', code: 'required', message: 'A deputy period needs an end date: access ends by itself then.' });
  else if (endsOn < startsOn) problems.push({ field: 'endsOn', code: 'end_before_start', message: 'The end date must be on or after the start date.' });
  else if (endsOn < today) problems.push({ field: 'endsOn', code: 'date_in_past', message: 'The end date is in the past.' });
  if (problems.length > 0) throw unprocessable('deputy_period_invalid', 'A deputy needs a period from today or later, with an end (issue 9 item 3).', problems);
}

/** A deputy stands in for someone else: never the person they replace. */
export function checkDeputyNotLead(deputyUserId: string, forUserId: string | null): void {
  if (forUserId !== null && deputyUserId === forUserId) {
    throw unprocessable('deputy_is_lead', 'A deputy stands in for the lead and cannot be the lead themselves.', [
      { field: 'userId', code: 'deputy_is_lead', message: 'Choose someone other than the person who is away.' },
    ]);
  }
}

/**
 * An open case always has its responsible person (000:97-99, 001:160-187): a user who still leads open cases is not
 * deactivated until the cases are handed over (bulk reassignment, /handovers) — otherwise the family's contact would
 * silently disappear from the portal.
 */
export function checkNotLastResponsible(ledOpenCases: number, field = 'active'): void {
  if (ledOpenCases > 0) {
    throw unprocessable('last_responsible', `The user is the responsible person of ${ledOpenCases} open case(s); hand them over first (issue 9 item 3).`, [
      { field, code: 'last_responsible', message: 'Hand the user\'s cases over to a colleague before deactivating the user.' },
    ]);
  }
}

/** The text the family sees in the portal when their contact changes (Danish: the portal's language); dated when the change lies ahead. */
export function newContactNotice(name: string, phone: string | null, email: string, fromDate: string | null = null): { subject: string; body: string } {
  const reach = [phone, email].filter(Boolean).join(' / ');
  const from = fromDate ? `Fra ${fromDate.split('-').reverse().join('.')} er din` : 'Din';
  return {
    subject: 'Ny kontaktperson',
    body: `${from} nye kontaktperson er ${name}${reach ? ` (${reach})` : ''}. ${name} har fået en overdragelse af jeres sag, så I ikke skal fortælle det hele igen. Skriv gerne her, hvis I har spørgsmål.`,
  };
}
