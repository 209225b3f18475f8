import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { OrDash } from '../../components/Dash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { labelFor } from '../../lib/labels';

/** The parent's own page: who is in the family and who their contact person at the municipality is. */
export function OwnFamilyPage() {
  const { t } = useTranslation();
  const family = useResource(() => familyApi.own(), 'own-family');
  const data = family.data;
  usePageTitle(t('ownFamily.title'));

  return (
    <>
      <h1>{t('ownFamily.title')}{data && <span className="d-block h3 mt-2">{data.name}</span>}</h1>
      <p className="font-lead">{t('ownFamily.intro')}</p>
      {family.loading && !data && <Loading />}
      {family.error && <LoadError error={family.error} />}
      {data && (
        <>
          <section aria-labelledby="own-plan">
            <h2 id="own-plan">{t('plan.title')}</h2>
            <p><Link className="button button-secondary" to={`/families/${data.id}/plan`}>{t('plan.titleFor', { name: data.name })}</Link></p>
          </section>
          <section aria-labelledby="own-contacts">
            <h2 id="own-contacts">{t('ownFamily.contacts')}</h2>
            {data.contacts.length === 0 ? <p>{t('ownFamily.noContacts')}</p> : (
              <ResponsiveTable>
                <caption>{t('ownFamily.contactsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ownFamily.name')}</th>
                    <th scope="col">{t('ownFamily.role')}</th>
                    <th scope="col">{t('ownFamily.child')}</th>
                    <th scope="col">{t('ownFamily.phone')}</th>
                    <th scope="col">{t('ownFamily.email')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.contacts.map((contact, index) => (
                    <tr key={`${contact.email}-${contact.childFirstName}-${index}`}>
                      <th scope="row">{contact.name}</th>
                      <td>{labelFor(t, 'assignmentRole', contact.role)}</td>
                      <td>{contact.childFirstName}</td>
                      <td>{contact.phone ? <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a> : <OrDash value={null} />}</td>
                      <td><a href={`mailto:${contact.email}`}>{contact.email}</a></td>
                    </tr>
                  ))}
                </tbody>
              </ResponsiveTable>
            )}
          </section>
          <section aria-labelledby="own-members">
            <h2 id="own-members">{t('ownFamily.members')}</h2>
            <ResponsiveTable>
              <caption>{t('ownFamily.membersCaption', { name: data.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ownFamily.name')}</th>
                  <th scope="col">{t('family.relation')}</th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((member, index) => (
                  <tr key={`${member.firstName}-${member.lastName}-${index}`}>
                    <th scope="row">{member.firstName} {member.lastName}</th>
                    <td>{t(`relation.${member.relation}`)}</td>
                  </tr>
                ))}
              </tbody>
            </ResponsiveTable>
          </section>
        </>
      )}
    </>
  );
}
