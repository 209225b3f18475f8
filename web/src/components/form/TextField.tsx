import type { HTMLInputAutoCompleteAttribute, HTMLInputTypeAttribute } from 'react';
import { FieldError, FieldGroup, FieldHint, FieldLabel, fieldAria, type FieldProps } from './FieldParts';

interface TextFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  type?: HTMLInputTypeAttribute;
  autoComplete?: HTMLInputAutoCompleteAttribute;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search';
  className?: string;
}

/** A labelled DKFDS text input (also e-mail, password, date) with hint and error message. */
export function TextField({ name, label, hint, error, optional, value, onChange, type = 'text', autoComplete, inputMode, className }: TextFieldProps) {
  return (
    <FieldGroup error={error}>
      <FieldLabel name={name} label={label} optional={optional} />
      <FieldHint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <input
        {...fieldAria({ name, hint, error })}
        className={`form-input${className ? ` ${className}` : ''}`}
        name={name}
        type={type}
        value={value}
        required={!optional}
        autoComplete={autoComplete}
        inputMode={inputMode}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldGroup>
  );
}
