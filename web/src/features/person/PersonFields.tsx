import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form/TextField';
import type { ApiForm } from '../../components/form/useApiForm';

export interface PersonValues {
  firstName: string;
  lastName: string;
  cpr: string;
  birthDate: string;
  phone: string;
  email: string;
}

export const emptyPerson: PersonValues = { firstName: '', lastName: '', cpr: '', birthDate: '', phone: '', email: '' };

/** Labels of the person fields, for the error summary. */
export function usePersonLabels(): Record<keyof PersonValues, string> {
  const { t } = useTranslation();
  return {
    firstName: t('memberForm.firstName'),
    lastName: t('memberForm.lastName'),
    cpr: t('memberForm.cpr'),
    birthDate: t('memberForm.birthDate'),
    phone: t('memberForm.phone'),
    email: t('memberForm.email'),
  };
}

/** Name, CPR number (optional), birth date, phone and e-mail of a family member. */
export function PersonFields({ values, onChange, form }: {
  values: PersonValues;
  onChange: (values: PersonValues) => void;
  form: ApiForm;
}) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const set = (key: keyof PersonValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextField name="firstName" label={labels.firstName} autoComplete="off" value={values.firstName} onChange={set('firstName')} error={form.fieldError('firstName')} />
      <TextField name="lastName" label={labels.lastName} autoComplete="off" value={values.lastName} onChange={set('lastName')} error={form.fieldError('lastName')} />
      <TextField
        name="cpr" label={labels.cpr} optional hint={t('memberForm.cprHint')} inputMode="numeric" autoComplete="off"
        className="input-width-s" value={values.cpr} onChange={set('cpr')} error={form.fieldError('cpr')}
      />
      <TextField
        name="birthDate" label={labels.birthDate} optional hint={t('memberForm.birthDateHint')} type="date"
        className="input-width-s" value={values.birthDate} onChange={set('birthDate')} error={form.fieldError('birthDate')}
      />
      <TextField name="phone" label={labels.phone} optional type="tel" autoComplete="off" className="input-width-m" value={values.phone} onChange={set('phone')} error={form.fieldError('phone')} />
      <TextField name="email" label={labels.email} optional type="email" autoComplete="off" value={values.email} onChange={set('email')} error={form.fieldError('email')} />
    </>
  );
}
