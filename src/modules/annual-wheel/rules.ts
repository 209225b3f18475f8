import { unprocessable } from '../../platform/http/errors.js';
import { isoDateInCopenhagen } from '../../platform/clock/clock.js';

/**
 * The årshjul (001:851-884): a circle of 12 month fields holding every planned activity of the year "på månedsbasis
 * og uden specifik dato"; the caseworker then puts them into the calendar with dates (001:862-864). An activity
 * belongs to the wheel's year: one dated outside it is refused, never silently moved to another year's wheel.
 */
export function monthOfScheduled(scheduledAt: string, year: number, field = 'scheduledAt'): number {
  const day = isoDateInCopenhagen(new Date(scheduledAt));
  if (Number(day.slice(0, 4)) !== year) {
    throw unprocessable('outside_year', `The date ${day} is not in ${year}, the year of this annual wheel.`, [
      { field, code: 'outside_year', message: `Choose a date in ${year}; plan activities of another year in that year's wheel.` },
    ]);
  }
  return Number(day.slice(5, 7));
}

/** The month (1-12) of a calendar date. */
export const monthOf = (isoDate: string) => Number(isoDate.slice(5, 7));
