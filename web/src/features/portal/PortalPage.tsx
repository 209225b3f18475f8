import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { PortalOverview } from './PortalOverview';
import { portalApi } from './api';
import { FamilyPortalCards } from '../family-portal/FamilyPortalCards';
import { PortalSurveyCard } from '../survey/SurveyPages';

/**
 * The family portal's front page behind a portal session (issue 5 item 1): who is logged in, and what the family sees
 * (issue 5 item 2, PortalOverview): contact person, plan, agreements, coming meetings, årshjul, minutes.
 */
export function PortalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useResource(() => portalApi.me(), 'portal-me');
  usePageTitle(t('ownFamily.title'));

  if (me.error?.status === 401) return <Navigate to="/portal/login" replace />;
  const data = me.data;
  const logout = () => void portalApi.logout().finally(() => navigate('/portal/login?logged_out=1', { replace: true }));

  return (
    <>
      <h1>{t('ownFamily.title')}{data?.family && <span className="d-block h3 mt-2">{data.family.name}</span>}</h1>
      {data && (
        <p>
          {t('portal.loggedInAs', { name: `${data.person.firstName} ${data.person.lastName}`, municipality: data.municipality.name })}{' '}
          <button type="button" className="button button-secondary" onClick={logout}>{t('app.logout')}</button>
        </p>
      )}
      <p className="font-lead">{t('portalViews.intro')}</p>
      {me.loading && !data && <Loading />}
      {me.error && <LoadError error={me.error} />}
      {data?.family && <PortalOverview />}
      {data?.family && <FamilyPortalCards />}
      {/* The parent survey (issue 10): a card only while the family has one to answer. */}
      {data?.family && <PortalSurveyCard />}
      {data?.family && (
        <section aria-labelledby="portal-consent" className="mt-7">
          <h2 id="portal-consent">{t('consent.title')}</h2>
          <p>{t('consent.cardText')}</p>
          <p><Link className="button button-secondary" to="/portal/consents">{t('consent.open')}</Link></p>
        </section>
      )}
    </>
  );
}
