import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { errorText } from '../lib/labels';
import { Alert } from './Alert';

/** Why a page's data could not be shown: not found (or not yours to see), not allowed, or another error. */
export function LoadError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  if (error.status === 404) {
    return <Alert variant="warning" heading={t('notFound.title')}>{t('notFound.text')}</Alert>;
  }
  return <Alert variant="error" heading={t('errors.loadFailed')}>{errorText(t, error.code, error.message)}</Alert>;
}
