import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Case, Family } from '../../api/types';
import { CaseFacts } from '../case/CaseFacts';
import { MeasuresTable } from '../case/MeasuresTable';

function CaseSection({ item, familyName }: { item: Case; familyName: string }) {
  const { t } = useTranslation();
  return (
    <section className="case-section" aria-labelledby={`case-${item.id}`}>
      <h4 id={`case-${item.id}`}>{t('family.caseHeading', { number: item.caseNumber, child: item.childName })}</h4>
      <CaseFacts item={item} compact />
      <MeasuresTable item={item} />
      <p>
        <Link className="button button-secondary" to={`/cases/${item.id}`} state={{ familyName }}>
          {t('family.openCaseNumber', { number: item.caseNumber })}
        </Link>
      </p>
    </section>
  );
}

/** Each child of the family with their case(s): facts, contact person, buddy and measures. */
export function ChildrenCases({ family }: { family: Family }) {
  const { t } = useTranslation();
  const children = family.members.filter((member) => member.relation === 'child');
  if (children.length === 0) return <p>{t('family.noChildren')}</p>;
  return (
    <>
      {children.map(({ person }) => {
        const name = `${person.firstName} ${person.lastName}`;
        const cases = family.cases.filter((item) => item.childId === person.id);
        const hasOpenCase = cases.some((item) => item.status !== 'closed');
        return (
          <section key={person.id} className="child-section" aria-labelledby={`child-${person.id}`}>
            <h3 id={`child-${person.id}`}>{name}</h3>
            {cases.length === 0 && <p>{t('family.noCase', { name })}</p>}
            {cases.map((item) => <CaseSection key={item.id} item={item} familyName={family.name} />)}
            {!hasOpenCase && family.abilities.canCreateCase && (
              <p>
                <Link className="button button-secondary" to={`/families/${family.id}/cases/new?child=${person.id}`}>
                  {t('family.createCaseFor', { name })}
                </Link>
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
