import { fieldId } from './useApiForm';

interface CheckboxFieldProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** For checkboxes in a group: a distinct id per option. */
  id?: string;
}

/** A DKFDS checkbox with its label. */
export function CheckboxField({ name, label, checked, onChange, id }: CheckboxFieldProps) {
  const inputId = id ?? fieldId(name);
  return (
    <div className="form-group-checkbox">
      <input
        type="checkbox"
        className="form-checkbox"
        id={inputId}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
}
