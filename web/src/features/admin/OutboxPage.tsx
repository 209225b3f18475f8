import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { errorText } from '../../lib/labels';

/** The administrators' outbox API (src/platform/outbox/admin.ts). */
type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';
interface OutboxMessage {
  id: string; kind: 'meeting_reminder' | 'follow_up_reminder' | 'portal_login_code' | 'other'; channel: 'email' | 'sms'; recipient: string; subject: string;
  status: OutboxStatus; attempts: number; maxAttempts: number; nextAttemptAt: string; lastError: string | null; createdAt: string; sentAt: string | null;
}
interface OutboxList { messages: OutboxMessage[]; counts: Record<OutboxStatus, number> }
type Filter = 'open' | 'failed' | 'pending' | 'sent';
const filters: Filter[] = ['open', 'failed', 'pending', 'sent'];

const outboxApi = {
  list: (status: Filter) => api.get<OutboxList>(`/admin/outbox?status=${encodeURIComponent(status)}`),
  retry: (id: string) => api.post<OutboxMessage>(`/admin/outbox/${encodeURIComponent(id)}/retry`),
};

/** Reminders waiting to be sent and those that failed, with why, and a retry (issue 4 item 7). */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('outbox.title'));
  const [filter, setFilter] = useState<Filter>('open');
  const resource = useResource(() => outboxApi.list(filter), `outbox-${filter}`);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const data = resource.data;
  const time = (iso: string | null) => iso
    ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(iso))
    : null;

  const retry = async (id: string) => {
    setMessage(null);
    setFailure(null);
    try {
      await outboxApi.retry(id);
      setMessage(t('outbox.retried'));
      resource.reload();
    } catch (error) {
      setFailure(error as ApiError);
    }
  };

  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {failure && <Alert variant="error" live heading={t('errors.failedHeading')}>{errorText(t, failure.code, failure.message)}</Alert>}
      <div className="form-group">
        <label className="form-label" htmlFor="outbox-filter">{t('outbox.show')}</label>
        <select className="form-select" id="outbox-filter" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
          {filters.map((f) => <option key={f} value={f}>{t(`outbox.filter.${f}`)}</option>)}
        </select>
      </div>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <p>{t('outbox.counts', { pending: data.counts.pending, failed: data.counts.failed, sent: data.counts.sent })}</p>
          {data.messages.length === 0 ? <p>{t('outbox.empty')}</p> : (
            <ResponsiveTable>
              <caption>{t(`outbox.filter.${filter}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.created')}</th>
                  <th scope="col">{t('outbox.kindLabel')}</th>
                  <th scope="col">{t('outbox.recipient')}</th>
                  <th scope="col">{t('outbox.statusLabel')}</th>
                  <th scope="col">{t('outbox.attempts')}</th>
                  <th scope="col">{t('outbox.next')}</th>
                  <th scope="col">{t('outbox.error')}</th>
                  <th scope="col"><span className="sr-only">{t('outbox.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.messages.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{time(m.createdAt)}</th>
                    <td>{t(`outbox.kind.${m.kind}`)} ({t(`outbox.channel.${m.channel}`)})</td>
                    <td>{m.recipient}</td>
                    <td>{t(`outbox.status.${m.status}`)}</td>
                    <td>{m.attempts} / {m.maxAttempts}</td>
                    <td><OrDash value={m.status === 'pending' ? time(m.nextAttemptAt) : null} /></td>
                    <td><OrDash value={m.lastError} /></td>
                    <td>
                      {(m.status === 'failed' || m.status === 'pending') && (
                        <button type="button" className="button button-secondary" onClick={() => void retry(m.id)}>
                          {t('outbox.retry')}<span className="sr-only"> {time(m.createdAt)}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ResponsiveTable>
          )}
        </>
      )}
    </>
  );
}
