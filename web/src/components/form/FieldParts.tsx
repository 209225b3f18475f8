import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from './useApiForm';

/** What every DKFDS field shares: an id, a label, an optional hint and an error message. */
export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Marks the label "(frivilligt)"; fields are required unless optional. */
  optional?: boolean;
}

/** The ids and aria attributes that tie an input to its hint and error message. */
export function fieldAria({ name, hint, error }: Pick<FieldProps, 'name' | 'hint' | 'error'>) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': error ? (true as const) : undefined,
  };
}

export function FieldLabel({ name, label, optional, htmlFor }: { name: string; label: string; optional?: boolean; htmlFor?: string }) {
  const { t } = useTranslation();
  return (
    <label className="form-label" htmlFor={htmlFor ?? fieldId(name)}>
      {label}
      {optional && <span className="weight-normal"> {t('app.optional')}</span>}
    </label>
  );
}

export function FieldHint({ name, hint }: { name: string; hint?: string }) {
  if (!hint) return null;
  return <span className="form-hint" id={`${fieldId(name)}-hint`}>{hint}</span>;
}

export function FieldError({ name, error }: { name: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span className="form-error-message" id={`${fieldId(name)}-error`}>
      <span className="sr-only">{t('errors.prefix')}: </span>
      {error}
    </span>
  );
}

/** The DKFDS form-group around one field; gets `form-error` when the field has a problem. */
export function FieldGroup({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={`form-group${error ? ' form-error' : ''}`}>{children}</div>;
}
