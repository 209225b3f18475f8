import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { assessmentApi } from './api';

/** Barnets Lov §18: the case's screenings, newest first, and the way to record one. */
export function ScreeningsSection({ item }: { item: Case }) {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => assessmentApi.screenings(item.id), item.id);
  const data = resource.data;
  const date = (value: string) => formatDate(value, i18n.language);
  return (
    <section aria-labelledby="case-screenings">
      <h2 id="case-screenings">{t('assessment.screeningsTitle')}</h2>
      <p>{t('assessment.screeningsIntro')}</p>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (data.screenings.length === 0 ? <p>{t('assessment.noScreenings')}</p> : (
        <ResponsiveTable>
          <caption className="sr-only">{t('assessment.screeningsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.screenedOn')}</th>
              <th scope="col">{t('assessment.outcome')}</th>
              <th scope="col">{t('assessment.reasons')}</th>
              <th scope="col">{t('assessment.awareOn')}</th>
              <th scope="col">{t('assessment.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.screenings.map((s) => (
              <tr key={s.id}>
                <th scope="row">{date(s.screenedOn)}</th>
                <td>
                  {t(`assessment.outcomes.${s.outcome}`)}
                  {s.outcome === 'child_expert_investigation' && item.abilities.canEdit && (
                    <span className="d-block">
                      <Link to={`/cases/${item.id}/measures/new?legalBasisId=BL-20&awareOn=${s.awareOn}`}>{t('assessment.startInvestigation')}</Link>
                    </span>
                  )}
                </td>
                <td className="preserve-lines">{s.reasons}</td>
                <td>{date(s.awareOn)}</td>
                <td>{s.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      ))}
      {data?.abilities.canRecord && (
        <p><Link className="button button-secondary" to={`/cases/${item.id}/screenings/new`}>{t('assessment.addScreening')}</Link></p>
      )}
    </section>
  );
}

/** Barnets Lov §137: the case's notifications with the state of the re-assessment each one opened. */
export function NotificationsSection({ item }: { item: Case }) {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => assessmentApi.notifications(item.id), item.id);
  const data = resource.data;
  const date = (value: string) => formatDate(value, i18n.language) ?? '';
  return (
    <section aria-labelledby="case-notifications">
      <h2 id="case-notifications">{t('assessment.notificationsTitle')}</h2>
      <p>{t('assessment.notificationsIntro')}</p>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (data.notifications.length === 0 ? <p>{t('assessment.noNotifications')}</p> : (
        <ResponsiveTable>
          <caption className="sr-only">{t('assessment.notificationsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.receivedOn')}</th>
              <th scope="col">{t('assessment.source')}</th>
              <th scope="col">{t('assessment.summary')}</th>
              <th scope="col">{t('assessment.reassessment')}</th>
            </tr>
          </thead>
          <tbody>
            {data.notifications.map((n) => {
              const task = n.reassessment;
              return (
                <tr key={n.id}>
                  <th scope="row">{date(n.receivedOn)}</th>
                  <td>{t(`assessment.sources.${n.source}`)}</td>
                  <td className="preserve-lines">{n.summary}</td>
                  <td>
                    {!task ? t('assessment.reassessmentNone') : task.completedOn ? t('assessment.reassessmentDone', { date: date(task.completedOn) })
                      : task.assignedUserName ? t('assessment.reassessmentOpen', { who: task.assignedUserName }) : t('assessment.reassessmentUnassigned')}
                    {task && (
                      <span className="d-block">
                        <Link to={`/cases/${item.id}/reassessments/${task.id}`}>
                          {t('assessment.openReassessment')}<span className="sr-only">{`: ${date(n.receivedOn)}`}</span>
                        </Link>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ResponsiveTable>
      ))}
      {data?.abilities.canRecord && (
        <p><Link className="button button-secondary" to={`/cases/${item.id}/notifications/new`}>{t('assessment.addNotification')}</Link></p>
      )}
    </section>
  );
}
