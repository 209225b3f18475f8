import { useTranslation } from 'react-i18next';

/** A value or an em dash that screen readers hear as "none" rather than "dash". */
export function OrDash({ value }: { value: string | number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <span>{t('app.dash')}</span>;
  return <>{value}</>;
}
