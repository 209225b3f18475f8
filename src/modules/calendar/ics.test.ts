import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, paramValue, utcStamp } from './ics.js';
import { fingerprintOf } from './rules.js';

describe('iCalendar text (RFC 5545)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['crlf\r\nline', 'crlf\\nline'],
  ])('§3.3.11 escapes %j as %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it.each([
    ['Mette Lund', 'Mette Lund'],
    ['Lund, Mette', '"Lund, Mette"'],
    ['Anne "Skov"', 'Anne Skov'],
    ['a:b', '"a:b"'],
  ])('§3.2 parameter value %j → %j', (input, expected) => {
    expect(paramValue(input)).toBe(expected);
  });

  it('times are UTC with a Z', () => {
    expect(utcStamp(new Date('2026-11-24T09:05:07.123Z'))).toBe('20261124T090507Z');
  });

  it('§3.1 folds a 75-octet line not at all and a 76-octet line into two', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // A two-byte character that would straddle octet 75 moves whole to the next line.
    expect(foldLine(`${'x'.repeat(74)}ø`)).toBe(`${'x'.repeat(74)}\r\n ø`);
  });

  it('the fingerprint ignores attendee order but not a change of time', () => {
    const base = { scheduledAt: '2026-11-24T09:00:00.000Z', type: 'network_meeting', status: 'CONFIRMED', location: null, organizer: 'a@x',
      attendees: [{ email: 'a@x', name: 'A', role: 'CHAIR' as const }, { email: 'b@x', name: null, role: 'REQ-PARTICIPANT' as const }] };
    expect(fingerprintOf({ ...base, attendees: [...base.attendees].reverse() })).toBe(fingerprintOf(base));
    expect(fingerprintOf({ ...base, scheduledAt: '2026-11-24T10:00:00.000Z' })).not.toBe(fingerprintOf(base));
  });
});
