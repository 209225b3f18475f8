import { FieldError, FieldGroup, FieldHint, FieldLabel, fieldAria, type FieldProps } from './FieldParts';

interface TextAreaFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

/** A labelled DKFDS textarea. */
export function TextAreaField({ name, label, hint, error, optional, value, onChange, rows = 4 }: TextAreaFieldProps) {
  return (
    <FieldGroup error={error}>
      <FieldLabel name={name} label={label} optional={optional} />
      <FieldHint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <textarea
        {...fieldAria({ name, hint, error })}
        className="form-input"
        name={name}
        rows={rows}
        value={value}
        required={!optional}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldGroup>
  );
}
