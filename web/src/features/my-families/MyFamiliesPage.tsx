import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import type { MyFamily } from '../../api/types';
import { useResource } from '../../api/useResource';
import { OrDash } from '../../components/Dash';
import { Flash } from '../../components/Flash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { labelFor } from '../../lib/labels';
import { mayCreateFamily } from '../../session/roles';
import { useUser } from '../../session/useSession';
import { ModelLabel } from '../case/ModelLabel';
import { StatusBadge } from '../case/StatusBadge';

function FamilyRows({ family }: { family: MyFamily }) {
  const { t } = useTranslation();
  const rows = family.children.length;
  if (rows === 0) {
    return (
      <tr>
        <th scope="row"><Link to={`/families/${family.familyId}`}>{family.familyName}</Link></th>
        <td colSpan={6}><OrDash value={null} /></td>
        <td><OrDash value={family.nextAction} /></td>
      </tr>
    );
  }
  return (
    <>
      {family.children.map((child, index) => (
        <tr key={child.caseId}>
          {index === 0 && (
            <th scope="rowgroup" rowSpan={rows}>
              <Link to={`/families/${family.familyId}`}>{family.familyName}</Link>
            </th>
          )}
          <td>
            <Link to={`/cases/${child.caseId}`} state={{ familyName: family.familyName }}>{child.name}</Link>
            <span className="d-block small-text">{child.caseNumber}</span>
          </td>
          <td>{child.age === null ? <OrDash value={null} /> : t('app.years', { count: child.age })}</td>
          <td><ModelLabel model={child.model} /></td>
          <td>{child.legalBases.length > 0 ? child.legalBases.join(', ') : <OrDash value={null} />}</td>
          <td><StatusBadge status={child.status} /></td>
          <td>
            <OrDash value={child.lead} />
            {child.myRole && <span className="d-block small-text">{labelFor(t, 'accessReason', child.myRole)}</span>}
          </td>
          {index === 0 && <td rowSpan={rows}><OrDash value={family.nextAction} /></td>}
        </tr>
      ))}
    </>
  );
}

/** "Mine familier": the caseworker's families with each child's case, model, §§ and status. */
export function MyFamiliesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const families = useResource(() => familyApi.mine(), 'my-families');
  usePageTitle(t('myFamilies.title'));

  return (
    <>
      <h1>{t('myFamilies.title')}</h1>
      <Flash />
      <p className="font-lead">{t('myFamilies.intro')}</p>
      {mayCreateFamily(user) && (
        <p>
          <Link className="button button-secondary" to="/families/new">{t('myFamilies.createFamily')}</Link>
        </p>
      )}
      {families.loading && !families.data && <Loading />}
      {families.error && <LoadError error={families.error} />}
      {families.data && families.data.length === 0 && <p>{t('myFamilies.empty')}</p>}
      {families.data && families.data.length > 0 && (
        <ResponsiveTable>
          <caption>{t('myFamilies.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('myFamilies.family')}</th>
              <th scope="col">{t('myFamilies.child')}</th>
              <th scope="col">{t('myFamilies.age')}</th>
              <th scope="col">{t('myFamilies.model')}</th>
              <th scope="col">{t('myFamilies.legalBases')}</th>
              <th scope="col">{t('myFamilies.status')}</th>
              <th scope="col">{t('myFamilies.lead')}</th>
              <th scope="col">{t('myFamilies.nextAction')}</th>
            </tr>
          </thead>
          {families.data.map((family) => (
            <tbody key={family.familyId}>
              <FamilyRows family={family} />
            </tbody>
          ))}
        </ResponsiveTable>
      )}
    </>
  );
}
