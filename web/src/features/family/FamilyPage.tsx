import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { OrDash } from '../../components/Dash';
import { Flash } from '../../components/Flash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { FamilyConsents } from '../consent/FamilyConsents';
import { FamilyCostsBox } from '../costs/FamilyCostsBox';
import { useUser } from '../../session/useSession';
import { ChildrenCases } from './ChildrenCases';
import { MembersTable } from './MembersTable';

/** One family: its details, members (CPR masked) and each child's case with measures and contact persons. */
export function FamilyPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  // A controller sees the family's costs, never its details (issue 8 item 6): the details are not even requested.
  const costsOnly = useUser().roles.every((role) => role === 'controller');
  const family = useResource(() => (costsOnly ? Promise.resolve(undefined) : familyApi.get(familyId)), `${familyId}-${costsOnly}`);
  const data = family.data;
  usePageTitle(data?.name ?? t('family.title'));

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.myFamilies'), to: '/' }, { label: data?.name ?? t('family.title') }]} />
      <h1>{data?.name ?? t('family.title')}</h1>
      <Flash />
      {family.loading && !data && <Loading />}
      {family.error && <LoadError error={family.error} />}
      {data && (
        <>
          <section aria-labelledby="family-details">
            <h2 id="family-details">{t('family.details')}</h2>
            <div className="table--responsive-scroll">
              <table className="table structured-list">
                <tbody>
                  <tr><th scope="row">{t('family.address')}</th><td><OrDash value={data.address} /></td></tr>
                  <tr><th scope="row">{t('family.notes')}</th><td className="preserve-lines"><OrDash value={data.notes} /></td></tr>
                </tbody>
              </table>
            </div>
            {data.abilities.canEdit && (
              <p><Link className="button button-secondary" to={`/families/${data.id}/edit`}>{t('family.edit')}</Link></p>
            )}
          </section>
          <section aria-labelledby="family-members">
            <h2 id="family-members">{t('family.members')}</h2>
            <MembersTable family={data} />
            {data.abilities.canAddMember && (
              <p><Link className="button button-secondary" to={`/families/${data.id}/members/new`}>{t('family.addMember')}</Link></p>
            )}
          </section>
          <section aria-labelledby="family-plan">
            <h2 id="family-plan">{t('plan.title')}</h2>
            <p><Link className="button button-secondary" to={`/families/${data.id}/plan`}>{t('plan.title')}</Link></p>
          </section>
          <section aria-labelledby="family-children">
            <h2 id="family-children">{t('family.children')}</h2>
            <ChildrenCases family={data} />
          </section>
          {/* Issue 5 item 3: the family's consents to share, read-only. */}
          <FamilyConsents familyId={data.id} />
        </>
      )}
      {/* Issue 8 item 4: what we spend together on the family — also for a controller, who may not read the family's details. */}
      <FamilyCostsBox familyId={familyId} />
    </>
  );
}
