import { unprocessable } from '../../platform/http/errors.js';
import { validateCpr } from './cpr.js';

/** Whole years between a birth date and a day (both YYYY-MM-DD): the child's age on that day. */
export function ageOn(birthDate: string | null, day: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The birth date follows from a CPR number; when both are given they must agree, and a birth date alone is allowed
 * (children without a CPR number yet, or families who decline to give one).
 */
export function resolveBirthDate(cpr: string | null | undefined, birthDate: string | null | undefined): string | null {
  if (cpr) {
    const result = validateCpr(cpr);
    if (result.valid) {
      if (birthDate && birthDate !== result.birthDate) {
        throw unprocessable('birth_date_mismatch', 'The birth date does not match the CPR number.', [
          { field: 'birthDate', code: 'birth_date_mismatch', message: `The CPR number gives the birth date ${result.birthDate}.` },
        ]);
      }
      return result.birthDate;
    }
  }
  return birthDate ?? null;
}

export function cprWarnings(cpr: string | null): Array<'modulus11_failed' | 'replacement_number'> {
  if (!cpr) return [];
  const result = validateCpr(cpr);
  if (!result.valid) return [];
  return [...(result.modulus11 ? [] : ['modulus11_failed' as const]), ...(result.replacementNumber ? ['replacement_number' as const] : [])];
}
