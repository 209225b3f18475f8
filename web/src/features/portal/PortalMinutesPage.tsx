import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { AgreementList, meetingType } from './PortalOverview';
import { portalViewsApi } from './views-api';
import './portal.css';

/** The part of a held meeting's minutes shared with the family (issue 5 item 2), in plain language. */
export function PortalMinutesPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const resource = useResource(() => portalViewsApi.minutes(id), `portal-minutes-${id}`);
  const data = resource.data;
  const type = data ? meetingType(t, data.type) : '';
  const title = data ? t('portalViews.minutesTitle', { meeting: type, date: formatDate(data.scheduledAt.slice(0, 10), i18n.language) }) : t('portalViews.minutes');
  usePageTitle(title);
  if (resource.error?.status === 401) return <Navigate to="/portal/login" replace />;
  return (
    <>
      <p><Link to="/portal">{t('portalViews.back')}</Link></p>
      <h1>{title}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <p className="font-lead">{t('portalViews.about', { child: data.childFirstName })}</p>
          {data.minutes && (
            <section aria-labelledby="minutes-text">
              <h2 id="minutes-text">{t('portalViews.minutesText')}</h2>
              <p className="portal-minutes-text" style={{ whiteSpace: 'pre-wrap' }}>{data.minutes}</p>
            </section>
          )}
          {data.columns.length > 0 && (
            <section aria-labelledby="minutes-points">
              <h2 id="minutes-points">{t('portalViews.points')}</h2>
              {data.columns.map((column) => (
                <div key={column.key}>
                  <h3>{t(`portalViews.columns.${column.key}` as 'portalViews.columns.points')}</h3>
                  <ul>{column.points.map((p) => <li key={p.id}>{p.text}</li>)}</ul>
                </div>
              ))}
            </section>
          )}
          {data.decisions.length > 0 && (
            <section aria-labelledby="minutes-decisions">
              <h2 id="minutes-decisions">{t('portalViews.decisions')}</h2>
              <ul>{data.decisions.map((d) => <li key={d.id}>{d.text}</li>)}</ul>
            </section>
          )}
          {data.agreements.length > 0 && (
            <section aria-labelledby="minutes-agreements">
              <h2 id="minutes-agreements">{t('portalViews.agreements')}</h2>
              <AgreementList agreements={data.agreements} />
            </section>
          )}
          {data.nextMeetingOn && <p>{t('portalViews.nextMeeting', { date: formatDate(data.nextMeetingOn, i18n.language) })}</p>}
        </>
      )}
    </>
  );
}
