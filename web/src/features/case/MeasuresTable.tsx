import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Case } from '../../api/types';
import { OrDash } from '../../components/Dash';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { GrantStatusText } from '../core-decision/GrantStatusText';

/** The measures of a case: § label, department, description and period; edit links when the case may be edited. */
export function MeasuresTable({ item, actions = false }: { item: Case; actions?: boolean }) {
  const { t, i18n } = useTranslation();
  const canEdit = actions && item.abilities.canEdit === true;
  if (item.measures.length === 0) return <p>{t('case.noMeasures')}</p>;
  return (
    <ResponsiveTable>
      <caption>{t('case.measuresCaption', { number: item.caseNumber })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('case.legalBasis')}</th>
          <th scope="col">{t('case.description')}</th>
          <th scope="col">{t('case.measureDepartment')}</th>
          <th scope="col">{t('case.startsOn')}</th>
          <th scope="col">{t('case.endsOn')}</th>
          <th scope="col">{t('case.active')}</th>
          <th scope="col">{t('coreDecision.grantStatusHeading')}</th>
          <th scope="col">{t('costs.financing.title')}</th>
          {canEdit && <th scope="col"><span className="sr-only">{t('family.actions')}</span></th>}
        </tr>
      </thead>
      <tbody>
        {item.measures.map((measure) => (
          <tr key={measure.id}>
            <th scope="row">{measure.legalBasisLabel}</th>
            <td>{measure.description}</td>
            <td>{measure.departmentName}</td>
            <td>{formatDate(measure.startsOn, i18n.language)}</td>
            <td><OrDash value={formatDate(measure.endsOn, i18n.language)} /></td>
            <td>{measure.active ? t('app.yes') : t('app.no')}</td>
            <td><GrantStatusText measure={measure} /></td>
            <td><Link to={`/measures/${measure.id}/financing`}>{t('costs.financing.link')}<span className="sr-only"> {measure.legalBasisLabel} {measure.description}</span></Link></td>
            {canEdit && (
              <td>
                <Link to={`/cases/${item.id}/measures/${measure.id}/edit`}>
                  {t('case.editMeasure')}
                  <span className="sr-only"> {t('case.editMeasureOf', { description: `${measure.legalBasisLabel} ${measure.description}` })}</span>
                </Link>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </ResponsiveTable>
  );
}
