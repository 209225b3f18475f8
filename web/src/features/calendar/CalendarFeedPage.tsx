import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { errorText } from '../../lib/labels';
import { calendarApi, type FeedSubscription } from './api';

function formatInstant(iso: string | null, language: string): string {
  return iso ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(iso)) : '—';
}

/**
 * The user's calendar subscription: create the secret feed URL (shown once), rotate it when it may have leaked, or
 * revoke it. The feed shows only the kind and time of each meeting and a link (src/modules/calendar/rules.ts).
 */
export function CalendarFeedPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('calendar.title'));
  const resource = useResource(calendarApi.subscription, 'calendar-subscription');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const data = resource.data;

  const act = async (action: () => Promise<FeedSubscription>, done: string) => {
    setBusy(true);
    setFailure(null);
    setMessage(null);
    try {
      resource.setData(await action());
      setMessage(done);
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      <p>{t('calendar.privacy')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {failure && <Alert variant="error" live heading={t('errors.failedHeading')}>{errorText(t, failure.code, failure.message)}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          {data.url && (
            <div className="form-group">
              <label className="form-label" htmlFor="feed-url">{t('calendar.urlLabel')}</label>
              <span className="form-hint" id="feed-url-hint">{t('calendar.urlHint')}</span>
              <input className="form-input input-width-xl" id="feed-url" type="text" readOnly value={data.url} aria-describedby="feed-url-hint"
                onFocus={(event) => event.currentTarget.select()} />
            </div>
          )}
          <dl>
            <dt>{t('calendar.status')}</dt>
            <dd>{data.active ? t('calendar.active') : t('calendar.inactive')}</dd>
            {data.active && (
              <>
                <dt>{t('calendar.createdAt')}</dt>
                <dd>{formatInstant(data.createdAt, i18n.language)}</dd>
                <dt>{t('calendar.lastUsedAt')}</dt>
                <dd>{data.lastUsedAt ? formatInstant(data.lastUsedAt, i18n.language) : t('calendar.neverUsed')}</dd>
              </>
            )}
          </dl>
          <button type="button" className="button button-primary" disabled={busy}
            onClick={() => void act(calendarApi.rotate, data.active ? t('calendar.rotated') : t('calendar.created'))}>
            {data.active ? t('calendar.rotate') : t('calendar.create')}
          </button>
          {data.active && (
            <button type="button" className="button button-secondary ml-4" disabled={busy} onClick={() => void act(calendarApi.revoke, t('calendar.revoked'))}>
              {t('calendar.revoke')}
            </button>
          )}
        </>
      )}
    </>
  );
}
