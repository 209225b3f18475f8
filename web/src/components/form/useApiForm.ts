import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../lib/labels';

/** The id of a form field's input, from the API's field name ("person.firstName" → "f-firstName"). */
export function fieldId(name: string): string {
  return `f-${name}`;
}

/** The API names nested fields with dots ("person.firstName"); a form names its inputs by the last part. */
export function fieldKey(apiField: string): string {
  return apiField.split('.').pop() ?? apiField;
}

export interface SummaryItem { key: string; text: string; href?: string }

export interface ApiForm {
  submitting: boolean;
  error: ApiError | null;
  /** 409 version_conflict: someone else saved first. */
  conflict: boolean;
  /** The translated message for one field, if the API found a problem with it. */
  fieldError: (name: string) => string | undefined;
  /** Every problem, for the error summary; fields the form knows link to their input. */
  summary: (labels: Record<string, string>) => SummaryItem[];
  /** Runs a request; an ApiError is kept for the form to show instead of being thrown. */
  run: (action: () => Promise<void>) => Promise<void>;
  clear: () => void;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'internal', error instanceof Error ? error.message : String(error));
}

/** State for a form that submits to the API and shows its errors by field and in a summary. */
export function useApiForm(): ApiForm {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async (action: () => Promise<void>) => {
    setSubmitting(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSubmitting(false);
    }
  }, []);

  const fieldError = (name: string): string | undefined => {
    const detail = error?.details.find((d) => fieldKey(d.field) === name);
    return detail ? errorText(t, detail.code, detail.message) : undefined;
  };

  const summary = (labels: Record<string, string>): SummaryItem[] => {
    if (!error) return [];
    if (error.details.length === 0) return [{ key: error.code, text: errorText(t, error.code, error.message) }];
    return error.details.map((detail, index) => {
      const key = fieldKey(detail.field);
      const label = labels[key];
      const message = errorText(t, detail.code, detail.message);
      return label
        ? { key: `${key}-${index}`, text: `${label}: ${message}`, href: `#${fieldId(key)}` }
        : { key: `${key}-${index}`, text: message };
    });
  };

  return {
    submitting,
    error,
    conflict: error?.code === 'version_conflict',
    fieldError,
    summary,
    run,
    clear: () => setError(null),
  };
}
