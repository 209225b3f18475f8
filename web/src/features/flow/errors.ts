import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { fieldId, fieldKey, useApiForm, type ApiForm, type SummaryItem } from '../../components/form/useApiForm';
import da from '../../i18n/da.json';
import { errorText } from '../../lib/labels';

type FlowCodeKey = `flow.errorCodes.${keyof typeof da.flow.errorCodes & string}`;

/** The message for an error code of the flow, core-team and meeting modules; other codes as everywhere else. */
export function flowErrorText(t: TFunction, code: string, fallback: string): string {
  const codes: Record<string, string> = da.flow.errorCodes;
  return Object.hasOwn(codes, code) ? t(`flow.errorCodes.${code}` as FlowCodeKey) : errorText(t, code, fallback);
}

/**
 * useApiForm for the flow and meeting pages: translates these modules' rule codes (e.g. analysis_meeting_without_family),
 * and, with a scope, gives a form's fields ids of their own ("f-decision-text"), so several small forms on one page
 * never share an id and the error summary links to the right field.
 */
export function useScopedForm(scope?: string): ApiForm & { name: (field: string) => string } {
  const { t } = useTranslation();
  const form = useApiForm();
  const name = (field: string) => (scope ? `${scope}-${field}` : field);
  const fieldError = (field: string): string | undefined => {
    const detail = form.error?.details.find((d) => fieldKey(d.field) === field);
    return detail ? flowErrorText(t, detail.code, detail.message) : undefined;
  };
  const summary = (labels: Record<string, string>): SummaryItem[] => {
    const error = form.error;
    if (!error) return [];
    if (error.details.length === 0) return [{ key: error.code, text: flowErrorText(t, error.code, error.message) }];
    return error.details.map((detail, index) => {
      const key = fieldKey(detail.field);
      const label = labels[key];
      const message = flowErrorText(t, detail.code, detail.message);
      return label
        ? { key: `${key}-${index}`, text: `${label}: ${message}`, href: `#${fieldId(name(key))}` }
        : { key: `${key}-${index}`, text: message };
    });
  };
  return { ...form, fieldError, summary, name };
}
