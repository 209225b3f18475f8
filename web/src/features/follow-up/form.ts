import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldId, fieldKey, useApiForm, type ApiForm, type SummaryItem } from '../../components/form/useApiForm';
import da from '../../i18n/da.json';
import { errorText } from '../../lib/labels';

type CodeKey = `followUp.errorCodes.${keyof typeof da.followUp.errorCodes & string}`;

/** The message for a rule code of the follow-up, contact and annual wheel modules (in_future, no_channel, outside_year …). */
export function localErrorText(t: TFunction, code: string, fallback: string): string {
  const codes: Record<string, string> = da.followUp.errorCodes;
  return Object.hasOwn(codes, code) ? t(`followUp.errorCodes.${code}` as CodeKey) : errorText(t, code, fallback);
}

/**
 * useApiForm that translates these modules' rule codes in field errors and the summary, and — with a scope — gives
 * the fields of one of several forms on a page ids of their own, so the summary links to the right input.
 */
export function useLocalForm(scope?: string): ApiForm & { name: (field: string) => string } {
  const { t } = useTranslation();
  const form = useApiForm();
  const name = (field: string) => (scope ? `${scope}-${field}` : field);
  const fieldError = (field: string): string | undefined => {
    const detail = form.error?.details.find((d) => fieldKey(d.field) === field || d.field.split('.')[0] === field);
    return detail ? localErrorText(t, detail.code, detail.message) : undefined;
  };
  const summary = (labels: Record<string, string>): SummaryItem[] => {
    const error = form.error;
    if (!error) return [];
    if (error.details.length === 0) return [{ key: error.code, text: localErrorText(t, error.code, error.message) }];
    return error.details.map((detail, index) => {
      const key = labels[fieldKey(detail.field)] ? fieldKey(detail.field) : detail.field.split('.')[0]!;
      const label = labels[key];
      const message = localErrorText(t, detail.code, detail.message);
      return label
        ? { key: `${key}-${index}`, text: `${label}: ${message}`, href: `#${fieldId(name(key))}` }
        : { key: `${key}-${index}`, text: message };
    });
  };
  return { ...form, fieldError, summary, name };
}
