import { describe, expect, it } from 'vitest';
import { birthdayOf, checkTrackSettings, trackDates, trackSettingsOf, transitionAlertDue, trackShown } from './rules.js';

const defaults = trackSettingsOf({});

describe('transition track dates (004:4088-4095), across leap years', () => {
  it('defaults: track from 16, lead time 12 months', () => {
    expect(defaults).toEqual({ trackAge: 16, leadTimeMonths: 12 });
    expect(trackSettingsOf({ transitionTrackAge: 15, transitionLeadTimeMonths: 18 })).toEqual({ trackAge: 15, leadTimeMonths: 18 });
    expect(trackSettingsOf({ transitionTrackAge: 30 }).trackAge).toBe(16);
  });

  it('a child born 29 Feb 2008: 16 on 29 Feb 2024 (leap year), 18 on 1 Mar 2026, start by 1 Mar 2025', () => {
    expect(trackDates('2008-02-29', defaults)).toEqual({ opensOn: '2024-02-29', eighteenOn: '2026-03-01', startBy: '2025-03-01' });
  });

  it('a child born 29 Feb 2012: 16 on 29 Feb 2028 (a leap year), 18 on 1 Mar 2030', () => {
    expect(trackDates('2012-02-29', defaults)).toEqual({ opensOn: '2028-02-29', eighteenOn: '2030-03-01', startBy: '2029-03-01' });
  });

  it('a child born 29 Feb 2016 with track age 15: 15 on 1 Mar 2031 (not a leap year)', () => {
    expect(birthdayOf('2016-02-29', 15)).toBe('2031-03-01');
  });

  it('the alert fires on the start-by day, not the day before, and stops once started or at 18', () => {
    expect(transitionAlertDue('2008-02-29', '2025-02-28', null, defaults)).toBe(false);
    expect(transitionAlertDue('2008-02-29', '2025-03-01', null, defaults)).toBe(true);
    expect(transitionAlertDue('2008-02-29', '2025-03-01', '2025-03-01', defaults)).toBe(false);
    expect(transitionAlertDue('2008-02-29', '2026-03-01', null, defaults)).toBe(false);
    // A 24-month lead time across the leap day 2024-02-29.
    const early = trackSettingsOf({ transitionLeadTimeMonths: 24 });
    expect(transitionAlertDue('2008-02-29', '2024-02-29', null, early)).toBe(false);
    expect(transitionAlertDue('2008-02-29', '2024-03-01', null, early)).toBe(true);
  });

  it('the track is shown from the track age\'s birthday', () => {
    expect(trackShown('2010-06-15', '2026-06-14', defaults)).toBe(false);
    expect(trackShown('2010-06-15', '2026-06-15', defaults)).toBe(true);
    expect(trackShown(null, '2026-06-15', defaults)).toBe(false);
  });

  it('the administrator may set the track age 14-17 only', () => {
    expect(checkTrackSettings({ transitionTrackAge: 15 })).toEqual([]);
    expect(checkTrackSettings({})).toEqual([]);
    expect(checkTrackSettings({ transitionTrackAge: 19 }).map((p) => p.field)).toEqual(['settings.transitionTrackAge']);
  });
});
