import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { familyPortalApi } from './api';
import { PortalShell } from './PortalShell';
import { ThreadMessages } from './ThreadMessages';

/** One conversation of the family with its contact (issue 5 item 3). */
export function PortalThreadPage() {
  const { t } = useTranslation();
  const { threadId = '' } = useParams();
  return (
    <PortalShell title={t('familyPortal.messages.thread')}>
      <p><Link to="/portal/messages">{t('familyPortal.messages.all')}</Link></p>
      <Thread threadId={threadId} />
    </PortalShell>
  );
}

function Thread({ threadId }: { threadId: string }) {
  const thread = useResource(() => familyPortalApi.thread(threadId), `portal-thread-${threadId}`);
  if (thread.error) return <LoadError error={thread.error} />;
  if (!thread.data) return <Loading />;
  return (
    <>
      <h2>{thread.data.subject}</h2>
      <ThreadMessages thread={thread.data} onSend={async (body) => thread.setData(await familyPortalApi.write(threadId, body))} />
    </>
  );
}
