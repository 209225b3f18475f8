import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Every route has its own `<title>`: "Page – Tovholder". */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    const app = t('app.name');
    document.title = title ? `${title} – ${app}` : app;
  }, [title, t]);
}
