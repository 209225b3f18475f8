import { unprocessable } from '../../platform/http/errors.js';

/**
 * Barnets Lov §18 (current-law.md, "Other rules of today's law"): screening comes first whenever the municipality knows
 * or suspects a need; it records the date, the outcome — nothing further, an afdækning (§19) or a børnefaglig
 * undersøgelse (§20) — and the reasons.
 */
export const screeningOutcomes = ['nothing_further', 'afdaekning', 'child_expert_investigation'] as const;
export type ScreeningOutcome = (typeof screeningOutcomes)[number];

/** Barnets Lov §18: the screening follows the day the municipality became aware of the need, and is recorded after it happened. */
export function checkScreeningDates(awareOn: string, screenedOn: string, today: string): void {
  if (awareOn > today) {
    throw unprocessable('date_in_future', 'The day the municipality became aware of the need is in the future.', [
      { field: 'awareOn', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
  if (screenedOn < awareOn) {
    throw unprocessable('screened_before_aware', 'Barnets Lov §18: a screening follows the day the municipality became aware of the need.', [
      { field: 'screenedOn', code: 'screened_before_aware', message: 'Barnets Lov §18: the screening date is on or after the day the municipality became aware.' },
    ]);
  }
  if (screenedOn > today) {
    throw unprocessable('date_in_future', 'The screening date is in the future; record a screening after it happened.', [
      { field: 'screenedOn', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
}
