import { describe, expect, it } from 'vitest';
import { fullYear, validateCpr } from './cpr.js';

describe('CPR validation (current-law.md)', () => {
  it.each([
    ['0101001234', 0, '1900-01-01'],
    ['010100-4234', 4, '2000-01-01'],
    ['0101404234', 4, '1940-01-01'],
    ['0101579234', 9, '1957-01-01'],
    ['0101365234', 5, '2036-01-01'],
    ['0101585234', 5, '1858-01-01'],
  ])('%s gives the century from digit 7 (%i) → %s', (cpr, _digit, birthDate) => {
    const result = validateCpr(cpr);
    expect(result.valid && result.birthDate).toBe(birthDate);
  });

  it('takes 29 February only in a leap year: 2000 yes, 1900 no', () => {
    expect(validateCpr('2902004000').valid).toBe(true); // 2000 is a leap year
    expect(validateCpr('2902000000')).toMatchObject({ valid: false, code: 'cpr_date_invalid' }); // 1900 is not
    expect(validateCpr('2902235000')).toMatchObject({ valid: false, code: 'cpr_date_invalid' }); // 2023 is not
  });

  it('refuses a wrong length or letters', () => {
    expect(validateCpr('12345')).toMatchObject({ valid: false, code: 'cpr_format' });
    expect(validateCpr('01010a1234')).toMatchObject({ valid: false, code: 'cpr_format' });
    expect(validateCpr('3213991234')).toMatchObject({ valid: false, code: 'cpr_date_invalid' });
  });

  it('accepts a 1 January number that fails modulus 11, and reports the failed check only as a flag', () => {
    const result = validateCpr('0101154001');
    expect(result).toMatchObject({ valid: true, modulus11: false, birthDate: '2015-01-01' });
  });

  it('flags day 61-91 as a replacement number and derives the real date', () => {
    expect(validateCpr('6203154000')).toMatchObject({ valid: true, replacementNumber: true, birthDate: '2015-03-02' });
  });

  it('maps every digit 7 to exactly one century', () => {
    expect([0, 1, 2, 3].map((d) => fullYear(99, d))).toEqual([1999, 1999, 1999, 1999]);
    expect(fullYear(36, 4)).toBe(2036);
    expect(fullYear(37, 9)).toBe(1937);
    expect(fullYear(57, 8)).toBe(2057);
    expect(fullYear(58, 6)).toBe(1858);
  });
});
