import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import da from '../../i18n/da.json';
import { errorText } from '../../lib/labels';

type PlanErrorKey = `plan.errors.${keyof typeof da.plan.errors & string}`;

/** The message for an API error code: the plan's own codes first, then the app's shared ones, else the server's text. */
export function planErrorText(t: TFunction, code: string, fallback: string): string {
  const own: Record<string, string> = da.plan.errors;
  return Object.hasOwn(own, code) ? t(`plan.errors.${code}` as PlanErrorKey) : errorText(t, code, fallback);
}

/** The id of an input for an API field path ("goals.0.owners" → "pf-goals-0-owners"), so the summary can link to it. */
export function pathId(path: string): string {
  return `pf-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

export interface PathErrors {
  /** The message for exactly this API field path. */
  at: (path: string) => string | undefined;
  /** Every problem for the error summary, linking to its input. */
  items: Array<{ key: string; text: string; href: string | null }>;
}

/** Field errors by full path: a plan form has many goals, so "title" alone would not say which. */
export function pathErrors(t: TFunction, error: ApiError | null): PathErrors {
  const details = error?.details ?? [];
  return {
    at: (path) => {
      const detail = details.find((d) => d.field === path);
      return detail ? planErrorText(t, detail.code, detail.message) : undefined;
    },
    items: !error ? [] : details.length === 0
      ? [{ key: error.code, text: planErrorText(t, error.code, error.message), href: null }]
      : details.map((d, i) => ({ key: `${d.field}-${i}`, text: planErrorText(t, d.code, d.message), href: `#${pathId(d.field)}` })),
  };
}
