import type { ReactNode } from 'react';
import { fieldId } from './useApiForm';
import { FieldError, FieldHint } from './FieldParts';

interface ChoiceGroupProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}

/**
 * A fieldset with a legend around radio buttons or checkboxes. The first option carries the field's id, so the
 * error summary's link lands on it.
 */
export function ChoiceGroup({ name, legend, hint, error, children }: ChoiceGroupProps) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy || undefined}>
        <legend className="form-label">{legend}</legend>
        <FieldHint name={name} hint={hint} />
        <FieldError name={name} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

interface RadioProps {
  name: string;
  value: string;
  label: string;
  checked: boolean;
  onChange: (value: string) => void;
  first?: boolean;
  hint?: string;
}

/** One DKFDS radio button. */
export function Radio({ name, value, label, checked, onChange, first, hint }: RadioProps) {
  const id = first ? fieldId(name) : `${fieldId(name)}-${value}`;
  return (
    <div className="form-group-radio">
      <input
        type="radio"
        className="form-radio"
        id={id}
        name={name}
        value={value}
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={() => onChange(value)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <span className="form-hint" id={`${id}-hint`}>{hint}</span>}
    </div>
  );
}
