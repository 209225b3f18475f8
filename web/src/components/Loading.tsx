import { useTranslation } from 'react-i18next';

/** A polite "loading" message while a page fetches its data. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading-text">
      {t('app.loading')}
    </p>
  );
}
