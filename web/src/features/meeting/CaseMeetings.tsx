import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { OrDash } from '../../components/Dash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';
import { meetingApi } from './api';
import { MeetingStatusBadge } from './MeetingStatusBadge';

/** The case's meetings, newest first, with a link to plan a new one. */
export function CaseMeetings({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => meetingApi.list(caseId), caseId);
  const list = resource.data;
  return (
    <section aria-labelledby="case-meetings">
      <h2 id="case-meetings">{t('meeting.listTitle')}</h2>
      {resource.loading && !list && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {list && list.meetings.length === 0 && <p>{t('meeting.none')}</p>}
      {list && list.meetings.length > 0 && (
        <ResponsiveTable>
          <caption>{t('meeting.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meeting.when')}</th>
              <th scope="col">{t('meeting.type')}</th>
              <th scope="col">{t('meeting.titleField')}</th>
              <th scope="col">{t('meeting.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.meetings.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Link to={`/meetings/${m.id}`}>
                    {formatDateTime(m.scheduledAt, i18n.language)}
                    <span className="sr-only"> – {t(`meeting.types.${m.type}`)}</span>
                  </Link>
                </th>
                <td>{t(`meeting.types.${m.type}`)}</td>
                <td><OrDash value={m.title} /></td>
                <td><MeetingStatusBadge status={m.status} /></td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {list?.abilities.canCreate && (
        <p><Link className="button button-secondary" to={`/cases/${caseId}/meetings/new`}>{t('meeting.create')}</Link></p>
      )}
    </section>
  );
}
