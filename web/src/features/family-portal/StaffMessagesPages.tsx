import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { familyMessagesApi, type ThreadSummary } from './api';
import { formatTime } from './PortalShell';
import { ThreadMessages } from './ThreadMessages';

/** Staff: unread messages from the families one works with (the in-app notification of issue 5 item 3). */
export function FamilyMessagesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('familyPortal.staff.title'));
  const unread = useResource(() => familyMessagesApi.unread(), 'family-messages-unread');
  return (
    <>
      <h1>{t('familyPortal.staff.title')}</h1>
      {unread.error && <LoadError error={unread.error} />}
      {!unread.data && !unread.error && <Loading />}
      {unread.data && unread.data.threads.length === 0 && <p>{t('familyPortal.staff.noneUnread')}</p>}
      {unread.data && unread.data.threads.length > 0 && (
        <ul className="nobullet-list">
          {unread.data.threads.map((thread) => (
            <li key={thread.id} className="mb-3">
              <Link to={`/messages/${thread.id}`}>{thread.familyName}: {thread.subject}</Link>{' '}
              <strong>{t('familyPortal.messages.unread', { count: thread.unread })}</strong>
              <span className="d-block form-hint">{formatTime(thread.lastMessageAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Staff: all conversations of one family. */
export function FamilyThreadsPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  usePageTitle(t('familyPortal.staff.familyTitle'));
  const threads = useResource(() => familyMessagesApi.ofFamily(familyId), `family-threads-${familyId}`);
  return (
    <>
      <p><Link to={`/families/${familyId}`}>{t('familyPortal.staff.backToFamily')}</Link></p>
      <h1>{t('familyPortal.staff.familyTitle')}</h1>
      {threads.error && <LoadError error={threads.error} />}
      {threads.data && <ThreadLinks threads={threads.data.threads} />}
    </>
  );
}

function ThreadLinks({ threads }: { threads: ThreadSummary[] }) {
  const { t, i18n } = useTranslation();
  if (threads.length === 0) return <p>{t('familyPortal.messages.none')}</p>;
  return (
    <ul className="nobullet-list">
      {threads.map((thread) => (
        <li key={thread.id} className="mb-3">
          <Link to={`/messages/${thread.id}`}>{thread.subject}</Link>{' '}
          {thread.unread > 0 && <strong>{t('familyPortal.messages.unread', { count: thread.unread })}</strong>}
          <span className="d-block form-hint">{formatTime(thread.lastMessageAt, i18n.language)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Staff: one conversation with a family, with the reply box for those who answer the family. */
export function StaffThreadPage() {
  const { t } = useTranslation();
  const { threadId = '' } = useParams();
  usePageTitle(t('familyPortal.messages.thread'));
  const thread = useResource(() => familyMessagesApi.thread(threadId), `staff-thread-${threadId}`);
  if (thread.error) return <LoadError error={thread.error} />;
  if (!thread.data) return <Loading />;
  const data = thread.data;
  return (
    <>
      <p><Link to={`/families/${data.familyId}/messages`}>{t('familyPortal.staff.familyTitle')}</Link></p>
      <h1>{data.subject}</h1>
      <ThreadMessages thread={data} onSend={data.abilities.canReply ? async (body) => thread.setData(await familyMessagesApi.reply(threadId, body)) : undefined} />
    </>
  );
}
