import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { caseFilters, exportLink, leaderApi, type CaseFilter, type CaseQuery } from './api';

/** The cases behind a figure of the leader dashboard: /leader/cases?filter=overdue&userId=…&month=… */
export function LeaderCasesPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const raw = params.get('filter') ?? 'due';
  const filter: CaseFilter = (caseFilters as readonly string[]).includes(raw) ? raw as CaseFilter : 'due';
  const query: CaseQuery = { filter, userId: params.get('userId'), month: params.get('month'), unassigned: params.get('unassigned') === 'true' };
  const list = useResource(() => leaderApi.cases(query), params.toString());
  usePageTitle(t(`leader.cases.title.${filter}`));
  const data = list.data;
  return (
    <>
      <p><Link to="/leader">{t('leader.back')}</Link></p>
      <h1>{t(`leader.cases.title.${filter}`)}</h1>
      {data && (
        <p className="font-lead">
          {[data.userName && t('leader.cases.forUser', { name: data.userName }), data.month && t('leader.cases.forMonth', { month: data.month }), query.unassigned && t('leader.compliance.noLead')]
            .filter(Boolean).join(' · ') || t('leader.cases.forTeam')}
        </p>
      )}
      {list.loading && !data && <Loading />}
      {list.error && <LoadError error={list.error} />}
      {data && (
        <>
          <p role="status">{t('leader.cases.count', { count: data.cases.length })}{data.hiddenCount > 0 && ` ${t('leader.cases.hidden', { count: data.hiddenCount })}`}</p>
          {data.cases.length > 0 && (
            <ResponsiveTable>
              <caption className="sr-only">{t(`leader.cases.title.${filter}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('leader.overdue.col.case')}</th>
                  <th scope="col">{t('leader.cases.col.model')}</th>
                  <th scope="col">{t('leader.overdue.col.due')}</th>
                  <th scope="col">{t('leader.cases.col.held')}</th>
                  <th scope="col">{t('leader.cases.col.outcome')}</th>
                  <th scope="col">{t('leader.overdue.col.lead')}</th>
                </tr>
              </thead>
              <tbody>
                {data.cases.map((c, i) => (
                  <tr key={`${c.caseId}-${c.dueOn ?? ''}-${i}`}>
                    <th scope="row">
                      <Link to={`/cases/${c.caseId}`}>{c.childName}</Link>
                      <span className="d-block small-text">{c.familyName} · {c.caseNumber}</span>
                    </th>
                    <td>{c.model.toUpperCase()}</td>
                    <td>{formatDate(c.dueOn, i18n.language) ?? '–'}</td>
                    <td>{formatDate(c.heldOn, i18n.language) ?? '–'}</td>
                    <td>{c.outcome ? t(`leader.outcome.${c.outcome}`) : '–'}</td>
                    <td>{c.leadName ?? t('leader.compliance.noLead')}</td>
                  </tr>
                ))}
              </tbody>
            </ResponsiveTable>
          )}
          <p className="mt-3"><a href={exportLink('cases', query)} download>{t('leader.export.cases')}</a></p>
        </>
      )}
    </>
  );
}
