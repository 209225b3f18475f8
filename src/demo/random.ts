/** A small seeded PRNG (mulberry32) so demo and bench data are the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/**
 * A clearly fictional CPR number: a real date, the right century digit, and a check that FAILS modulus 11 on a
 * birth date other than 1 January. Such numbers are not issued (only 1 January births get numbers without
 * modulus 11, current-law.md), so a demo number can never be a real person's.
 */
export function fictionalCpr(birthDate: string, random: Random): string {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const day = m === '01' && d === '01' ? '02' : d!;
  for (;;) {
    const digit7 = year >= 2000 ? random.pick([4, 5, 6, 7, 8, 9].filter((x) => year <= 2036 || (x >= 5 && x <= 8))) : random.int(0, 3);
    const cpr = `${day}${m}${y!.slice(2)}${digit7}${String(random.int(0, 999)).padStart(3, '0')}`;
    const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    if (weights.reduce((sum, w, i) => sum + w * Number(cpr[i]), 0) % 11 !== 0) return cpr;
  }
}

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d === 29 && m === 2 ? 28 : d));
  return date.toISOString().slice(0, 10);
}

/** Calendar-date arithmetic is the cadence module's (one definition for the rules and the demo data). */
export { addDays } from '../platform/clock/dates.js';
