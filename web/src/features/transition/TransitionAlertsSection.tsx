import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { formatDate } from '../../lib/format';
import { transitionTrackApi } from './api';

/** Cases whose transition to adult services has not started in time (issue 9 item 4): the leader's and coordinator's alert list. */
export function TransitionAlertsSection() {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => transitionTrackApi.alerts(), 'transition-alerts');
  const alerts = resource.data?.alerts ?? [];
  if (resource.error) return <LoadError error={resource.error} />;
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="transition-alerts">
      <h2 id="transition-alerts">{t('leadingPractice.track.alertsHeading')}</h2>
      <ul>
        {alerts.map((a) => (
          <li key={a.caseId}>
            <Link to={`/cases/${a.caseId}/transition`}>{a.caseNumber}</Link>
            {' '}{t('leadingPractice.track.alertLine', { date: formatDate(a.startBy, i18n.language), lead: a.leadName ?? t('app.dash') })}
          </li>
        ))}
      </ul>
    </section>
  );
}
