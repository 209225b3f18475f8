import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { coreDecisionApi } from './api';
import { ProposalQueue } from './CommitteePage';

/** A committee meeting and its agenda: the proposals referred to it (issue 8 item 3). */
export function CommitteeMeetingPage() {
  const { t, i18n } = useTranslation();
  const { meetingId = '' } = useParams();
  const resource = useResource(() => coreDecisionApi.meeting(meetingId), meetingId);
  const data = resource.data;
  const title = t('coreDecision.meetingTitle', { date: data ? formatDate(data.meeting.meetsOn, i18n.language) : '' });
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs items={[{ label: t('coreDecision.committeeTitle'), to: '/committee' }, { label: title }]} />
      <h1>{title}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          {data.meeting.location && <p>{t('coreDecision.location')}: {data.meeting.location}</p>}
          <h2 className="h3">{t('coreDecision.agenda')}</h2>
          <ProposalQueue proposals={data.agenda} empty={t('coreDecision.agendaEmpty')} />
        </>
      )}
    </>
  );
}
