import { isoDateInCopenhagen } from '../../src/platform/clock/clock.js';

/**
 * The journeys' one source of time: the server's clock, every browser context's clock and the dates a journey types
 * all read `e2eNow()`, so they agree with each other at any hour.
 *
 * By default it is the real time. With `E2E_DANISH_TIME` the run is pinned to a Danish wall-clock time — `02:00`
 * (today's date in Denmark at 02:00) or `2026-12-08T02:00` — and time flows on from there at the real rate. CI runs
 * the journeys at 02:00 Danish time, when "today at 08:00" has not happened yet, so a journey that takes "today" for
 * "already begun" fails in CI at noon as it would at night. Never used by the app itself outside the e2e server.
 */
const pinned = process.env.E2E_DANISH_TIME?.trim() || undefined;
const startedAt = Date.now();
const offsetMs = pinned === undefined ? 0 : danishWallTime(pinned, new Date(startedAt)).getTime() - startedAt;

/** Now, as the journeys' server and browsers see it. */
export function e2eNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Whether the run is pinned to a time other than the real one (then every browser context gets its clock set). */
export const e2eTimePinned = pinned !== undefined;

/** The instant at which it is `HH:MM` (on today's Danish date, or the given `YYYY-MM-DDTHH:MM`) in Denmark. */
export function danishWallTime(spec: string, today: Date): Date {
  const match = /^(?:(\d{4}-\d{2}-\d{2})T)?([01]\d|2[0-3]):([0-5]\d)$/.exec(spec);
  if (!match) throw new Error(`E2E_DANISH_TIME must be HH:MM or YYYY-MM-DDTHH:MM (Danish local time), not "${spec}"`);
  const day = match[1] ?? isoDateInCopenhagen(today);
  const wall = `${day}T${match[2]}:${match[3]}`;
  // Denmark is UTC+1 in winter and UTC+2 in summer: the instant is the one of the two whose Danish wall time matches.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.parse(`${wall}:00Z`) - offsetHours * 3_600_000);
    if (danishWall(candidate) === wall) return candidate;
  }
  throw new Error(`${wall} does not exist in Denmark (the hour skipped when summer time begins)`);
}

function danishWall(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** The Danish date and time `minutesAgo` minutes before now, as the meeting form's fields take them. */
export function danishDateTimeAgo(minutesAgo: number): { date: string; time: string } {
  const wall = danishWall(new Date(e2eNow().getTime() - minutesAgo * 60_000));
  return { date: wall.slice(0, 10), time: wall.slice(11) };
}
