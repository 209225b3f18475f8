/**
 * The one place that knows the real time. Everything time-based (cadences, deadlines, 18th birthdays, session
 * expiry) asks a Clock, so tests can move time by handing the app a fixed or movable clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class MovableClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/** Today's date in Danish local time as YYYY-MM-DD (a case's dates are calendar dates in Denmark). */
export function todayIn(clock: Clock): string {
  return isoDateInCopenhagen(clock.now());
}

export function isoDateInCopenhagen(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
