import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { errorText } from '../../lib/labels';
import type { ApiError } from '../../api/client';
import { portalApi } from '../portal/api';

/**
 * A portal page: loads the portal session first (its CSRF token lives in memory only, so a page opened directly
 * needs it before it can save), sends a logged-out visitor to the portal login, and links back to the front page.
 */
export function PortalShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useResource(() => portalApi.me(), 'portal-me');
  usePageTitle(title);
  if (me.error?.status === 401) return <Navigate to="/portal/login" replace />;
  return (
    <>
      <p><Link to="/portal" className="back-link">{t('familyPortal.backToPortal')}</Link></p>
      <h1>{title}</h1>
      {me.loading && !me.data && <Loading />}
      {me.error && <LoadError error={me.error} />}
      {me.data && children}
    </>
  );
}

export function SubmitError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert variant="error" live>{errorText(t, error.code, error.message)}</Alert>;
}

export function formatTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'da-DK', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
}
