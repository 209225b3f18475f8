import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import { planApi } from './api';
import { GoalCard } from './GoalCard';
import './plan.css';

/**
 * The joint plan for paper, always in Danish: the family's plan with goals, owners, activities and statuses. The print
 * style sheet hides the app's header, menus and buttons and keeps each goal together where it can.
 */
export function PlanPrintPage() {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT('da');
  const { familyId = '' } = useParams();
  const [params] = useSearchParams();
  const version = Number(params.get('version')) || undefined;
  const plan = useResource(() => planApi.get(familyId, version), `${familyId}:print:${version ?? 'latest'}`);
  const data = plan.data;
  const v = data?.version;
  usePageTitle(data ? t('plan.titleFor', { name: data.familyName }) : t('plan.title'));
  return (
    <div className="plan-print" lang="da">
      <p className="plan-no-print">
        <button type="button" className="button button-primary" onClick={() => window.print()}>{t('plan.print')}</button>{' '}
        <Link to={`/families/${familyId}/plan${version ? `?version=${version}` : ''}`}>{t('plan.backToPlan')}</Link>
      </p>
      {plan.loading && !data && <Loading />}
      {plan.error && <LoadError error={plan.error} />}
      {data && v && (
        <>
          <h1>{t('plan.titleFor', { name: data.familyName })}</h1>
          <table className="table table--compact structured-list plan-print-head">
            <tbody>
              <tr><th scope="row">{t('plan.version')}</th><td>{t('plan.versionOf', { number: v.number, latest: data.latestVersion })}</td></tr>
              <tr><th scope="row">{t('plan.stateLabel')}</th><td>{v.agreement
                ? t('plan.agreedWith', { date: formatDate(v.agreement.agreedOn, 'da'), names: v.agreement.parties.map((p) => p.name).join(', ') })
                : t('plan.notAgreed')}</td></tr>
              <tr><th scope="row">{t('plan.reason')}</th><td>{v.reason}</td></tr>
              <tr><th scope="row">{t('plan.by')}</th><td>{t('plan.createdBy', { name: v.createdBy, at: formatDateTime(v.createdAt, 'da') })}</td></tr>
              <tr><th scope="row">{t('plan.familyMembers')}</th><td>{data.members.map((m) => m.name).join(', ')}</td></tr>
            </tbody>
          </table>
          {v.goals.length === 0 && <p>{t('plan.noGoals')}</p>}
          {v.goals.map((goal, index) => <GoalCard key={goal.goalKey} goal={goal} index={index} headingLevel={2} t={t} language="da" />)}
        </>
      )}
    </div>
  );
}
