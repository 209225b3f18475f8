/** Latency statistics and the printed table of `npm run bench`. All times are milliseconds. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted samples. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / (samples.length || 1);
  return { n: samples.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), mean };
}

/** Runs fn warmup times unmeasured, then iterations times, timing each call on its own (sequential, no overlap). */
export async function measure(warmup: number, iterations: number, fn: (i: number) => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/**
 * Runs several variants of the same work in turn within each iteration (a, b, c, a, b, c, …), so a slow moment of the
 * machine falls on all of them alike; each call is timed on its own.
 */
export async function measureInterleaved(warmup: number, iterations: number, fns: Array<(i: number) => Promise<unknown>>): Promise<Summary[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn(i);
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < iterations; i++) {
    for (const [k, fn] of fns.entries()) {
      const started = performance.now();
      await fn(i);
      samples[k]!.push(performance.now() - started);
    }
  }
  return samples.map(summarize);
}

export const median = (values: number[]): number => summarize(values).p50;

export const ms = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** A plain-text table: the first row is the header, columns after the first are right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map((row) => (row.length === 1 ? row[0]! : line(row)))].join('\n');
}

export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
