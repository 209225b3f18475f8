import { useTranslation } from 'react-i18next';
import { FieldError, FieldGroup, FieldHint, FieldLabel, fieldAria, type FieldProps } from './FieldParts';

export interface Option { value: string; label: string }

interface SelectFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** Adds an empty first option ("Vælg …") so nothing is chosen by accident. */
  placeholder?: boolean;
}

/** A labelled DKFDS select. */
export function SelectField({ name, label, hint, error, optional, value, onChange, options, placeholder = true }: SelectFieldProps) {
  const { t } = useTranslation();
  return (
    <FieldGroup error={error}>
      <FieldLabel name={name} label={label} optional={optional} />
      <FieldHint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <select
        {...fieldAria({ name, hint, error })}
        className="form-select"
        name={name}
        value={value}
        required={!optional}
        onChange={(event) => onChange(event.target.value)}
      >
        {placeholder && <option value="">{t('app.choose')}</option>}
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </FieldGroup>
  );
}
