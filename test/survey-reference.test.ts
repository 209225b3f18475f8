import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseSeries, phases, type AnalysisItem, type AnalysisResponse } from '../src/modules/survey-analysis/analysis.js';
import { formatP, welch } from '../src/modules/survey-analysis/stats.js';

/**
 * Issue 10 item 6 / done-when: the survey analysis (means, n, Welch's t-test, the paired-subset test) matches reference
 * values computed independently with NumPy and SciPy (scripts/survey-reference.py → test/fixtures/welch-reference.json)
 * to 1e-6, on fixtures with unequal group sizes and missing ("ved ikke") answers.
 */

interface Test { difference: number; t: number; df: number; p: number }
interface Stat { n: number; mean: number | null }
interface Expected {
  respondents: Record<string, number>;
  paired: number;
  items: Record<string, { byPhase: Record<string, Stat>; test: Test | null; pairedTest: Test | null }>;
  themes: Record<string, { byPhase: Record<string, Stat>; test: Test | null; pairedTest: Test | null }>;
}
interface Case { name: string; items: AnalysisItem[]; responses: AnalysisResponse[]; expected: Expected }

const fixture = JSON.parse(readFileSync(new URL('./fixtures/welch-reference.json', import.meta.url), 'utf8')) as { cases: Case[] };
const tolerance = 1e-6;

function close(actual: number | null | undefined, expected: number | null, label: string) {
  if (expected === null) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  expect(Math.abs(actual! - expected), `${label}: ${actual} vs ${expected}`).toBeLessThan(tolerance);
}

function sameTest(actual: Test | null, expected: Test | null, label: string) {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  for (const key of ['difference', 't', 'df', 'p'] as const) close(actual![key], expected[key], `${label}.${key}`);
}

describe('survey analysis vs the SciPy reference', () => {
  it('the fixture covers unequal group sizes, missing answers and a paired subset', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(5);
    expect(fixture.cases.some((c) => c.expected.respondents.baseline !== c.expected.respondents.end)).toBe(true);
    expect(fixture.cases.some((c) => c.responses.some((r) => Object.values(r.answers).includes(null)))).toBe(true);
    expect(fixture.cases.some((c) => c.expected.paired > 0)).toBe(true);
  });

  for (const c of fixture.cases) {
    it(`matches to 1e-6: ${c.name}`, () => {
      const result = analyseSeries(c.items, c.responses);
      expect(result.respondents).toEqual(c.expected.respondents);
      expect(result.paired).toBe(c.expected.paired);
      for (const item of result.items) {
        const expected = c.expected.items[item.key]!;
        for (const phase of phases) {
          expect(item.byPhase[phase].n, `${item.key} ${phase} n`).toBe(expected.byPhase[phase]!.n);
          close(item.byPhase[phase].mean, expected.byPhase[phase]!.mean, `${item.key} ${phase} mean`);
        }
        sameTest(item.test, expected.test, `${item.key} test`);
        sameTest(item.pairedTest, expected.pairedTest, `${item.key} pairedTest`);
      }
      expect(result.themes.map((t) => t.key)).toEqual(Object.keys(c.expected.themes));
      for (const theme of result.themes) {
        const expected = c.expected.themes[theme.key]!;
        for (const phase of phases) {
          expect(theme.byPhase[phase].n, `${theme.key} ${phase} n`).toBe(expected.byPhase[phase]!.n);
          close(theme.byPhase[phase].mean, expected.byPhase[phase]!.mean, `${theme.key} ${phase} mean`);
        }
        sameTest(theme.test, expected.test, `${theme.key} test`);
        sameTest(theme.pairedTest, expected.pairedTest, `${theme.key} pairedTest`);
      }
    });
  }

  it('formats p to 4 decimals with * at 0.05, and refuses a test without variance or with n < 2', () => {
    expect(formatP(0.0229999)).toBe('0.0230*');
    expect(formatP(0.05)).toBe('0.0500');
    expect(formatP(0.76312)).toBe('0.7631');
    expect(welch([4], [3, 5])).toBeNull();
    expect(welch([4, 4, 4], [4, 4])).toBeNull();
  });
});
