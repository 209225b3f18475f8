/**
 * CPR numbers (current-law.md "CPR numbers"): 10 digits, an optional dash after 6. Day-month-year in digits 1-6; the
 * century follows from digit 7 and the year. The date must exist. Modulus 11 is NOT a validity test (numbers without it
 * have been issued since 2007): a failed check is only a warning. Day 61-91 marks a replacement number
 * (erstatningspersonnummer). A CPR number can change, so it is never used as a key.
 */
export type CprResult =
  | { valid: true; normalized: string; birthDate: string; replacementNumber: boolean; modulus11: boolean }
  | { valid: false; code: 'cpr_format' | 'cpr_date_invalid'; message: string };

export function normalizeCpr(input: string): string | null {
  const trimmed = input.trim();
  const match = /^(\d{6})-?(\d{4})$/.exec(trimmed);
  return match ? match[1]! + match[2]! : null;
}

/** Century from digit 7 and the two-digit year (current-law.md table). */
export function fullYear(twoDigitYear: number, digit7: number): number {
  if (digit7 <= 3) return 1900 + twoDigitYear;
  if (digit7 === 4 || digit7 === 9) return twoDigitYear <= 36 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
  return twoDigitYear <= 57 ? 2000 + twoDigitYear : 1800 + twoDigitYear;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function passesModulus11(cpr: string): boolean {
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(cpr[i]), 0);
  return sum % 11 === 0;
}

export function validateCpr(input: string): CprResult {
  const cpr = normalizeCpr(input);
  if (!cpr) return { valid: false, code: 'cpr_format', message: 'A CPR number has 10 digits (ddmmåå-xxxx).' };
  let day = Number(cpr.slice(0, 2));
  const month = Number(cpr.slice(2, 4));
  const year = fullYear(Number(cpr.slice(4, 6)), Number(cpr[6]));
  const replacementNumber = day >= 61 && day <= 91;
  if (replacementNumber) day -= 60;
  if (!isRealDate(year, month, day)) {
    return { valid: false, code: 'cpr_date_invalid', message: 'The first six digits of the CPR number are not a real date.' };
  }
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { valid: true, normalized: cpr, birthDate, replacementNumber, modulus11: passesModulus11(cpr) };
}
