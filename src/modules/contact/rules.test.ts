import { describe, expect, it } from 'vitest';
import { contactDrift } from './rules.js';

describe('contact drift against the family\'s agreement (000:423-445, 001:429-433)', () => {
  const agreement = { everyDays: 14, prefersSpace: false, max: null, since: '2026-10-01' };
  it.each([
    ['no agreement: no drift', null, null, 0, null],
    ['contact within the agreed interval', agreement, '2026-11-10', 1, null],
    ['exactly on the last day of the interval', agreement, '2026-11-08', 1, null],
    ['too little: the interval has passed since the last contact', agreement, '2026-11-01', 1, { kind: 'too_little', dueOn: '2026-11-15' }],
    ['too little: no contact since the agreement', agreement, null, 0, { kind: 'too_little', dueOn: '2026-10-15' }],
    ['prefers space, within its limit', { ...agreement, everyDays: 60, prefersSpace: true, max: 2 }, '2026-11-20', 2, null],
    ['prefers space, over its limit: too much', { ...agreement, everyDays: 60, prefersSpace: true, max: 2 }, '2026-11-20', 3, { kind: 'too_much', contactsLast30: 3, max: 2 }],
  ] as const)('%s', (_title, a, last, count, expected) => {
    const drift = contactDrift(a, last, count, '2026-11-22');
    if (expected === null) expect(drift).toBeNull();
    else expect(drift).toMatchObject(expected);
  });
});
