import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Family } from '../../api/types';
import { OrDash } from '../../components/Dash';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { CprValue } from './CprValue';

/** The family's members: relation, name, birth date, masked CPR, custody and contact details. */
export function MembersTable({ family }: { family: Family }) {
  const { t, i18n } = useTranslation();
  const canEdit = family.abilities.canEdit === true;
  if (family.members.length === 0) return <p>{t('family.noMembers')}</p>;
  return (
    <ResponsiveTable>
      <caption>{t('family.membersCaption', { name: family.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('family.personName')}</th>
          <th scope="col">{t('family.relation')}</th>
          <th scope="col">{t('family.birthDate')}</th>
          <th scope="col">{t('family.cpr')}</th>
          <th scope="col">{t('family.custody')}</th>
          <th scope="col">{t('family.phone')}</th>
          <th scope="col">{t('family.email')}</th>
          {canEdit && <th scope="col"><span className="sr-only">{t('family.actions')}</span></th>}
        </tr>
      </thead>
      <tbody>
        {family.members.map(({ person, relation, hasCustody }) => {
          const name = `${person.firstName} ${person.lastName}`;
          return (
            <tr key={person.id}>
              <th scope="row">{name}</th>
              <td>{t(`relation.${relation}`)}</td>
              <td>
                <OrDash value={formatDate(person.birthDate, i18n.language)} />
                {person.age !== null && <span className="d-block small-text">{t('app.years', { count: person.age })}</span>}
              </td>
              <td><CprValue person={person} /></td>
              <td>{hasCustody ? t('app.yes') : t('app.no')}</td>
              <td><OrDash value={person.phone} /></td>
              <td>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : <OrDash value={null} />}</td>
              {canEdit && (
                <td>
                  <Link to={`/families/${family.id}/persons/${person.id}/edit`}>
                    {t('family.editPerson')}<span className="sr-only"> {name}</span>
                  </Link>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </ResponsiveTable>
  );
}
