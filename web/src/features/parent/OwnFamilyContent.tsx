import { useTranslation } from 'react-i18next';
import type { OwnFamily } from '../../api/types';
import { OrDash } from '../../components/Dash';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { labelFor } from '../../lib/labels';

/**
 * What a parent sees of their own family: who their contact persons at the municipality are and who is in the
 * family. Shown in the family portal (features/portal/PortalPage.tsx) behind a portal session (issue 5 item 1).
 */
export function OwnFamilyContent({ data }: { data: OwnFamily }) {
  const { t } = useTranslation();
  return (
    <>
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
  );
}
