import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { costsApi, formatOre } from './api';

/**
 * "What do we spend together on this family" (issue 8 item 4) on the family page, for the coordinator and others with
 * need-to-know and for controllers: the last 12 months per paying department, category and measure. Shows nothing
 * when the caller may not see it.
 */
export function FamilyCostsBox({ familyId }: { familyId: string }) {
  const { t, i18n } = useTranslation();
  const costs = useResource(() => costsApi.family(familyId), `family-costs-${familyId}`);
  const data = costs.data;
  if (!data) return null;
  return (
    <section aria-labelledby="family-costs" className="mt-7">
      <h2 id="family-costs">{t('costs.family.heading')}</h2>
      <p>{t('costs.family.total', { amount: formatOre(data.totalOre, i18n.language), from: data.from, to: data.to })}</p>
      {data.byDepartment.length > 0 && (
        <ResponsiveTable>
          <caption>{t('costs.family.byDepartment')}</caption>
          <thead><tr><th scope="col">{t('costs.financing.department')}</th><th scope="col" className="text-align-right">{t('costs.reports.amount')}</th></tr></thead>
          <tbody>
            {data.byDepartment.map((d) => (
              <tr key={d.departmentId}><th scope="row">{d.departmentName}</th><td className="text-align-right">{formatOre(d.amountOre, i18n.language)}</td></tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {data.byCategory.length > 0 && (
        <ResponsiveTable>
          <caption>{t('costs.family.byCategory')}</caption>
          <thead><tr><th scope="col">{t('costs.expenses.category')}</th><th scope="col" className="text-align-right">{t('costs.reports.amount')}</th></tr></thead>
          <tbody>
            {data.byCategory.map((c) => (
              <tr key={c.category}><th scope="row">{t(`costs.categories.${c.category}`)}</th><td className="text-align-right">{formatOre(c.amountOre, i18n.language)}</td></tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {data.byMeasure.some((m) => m.measureId) && (
        <ResponsiveTable>
          <caption>{t('costs.family.byMeasure')}</caption>
          <thead>
            <tr><th scope="col">{t('costs.family.measure')}</th><th scope="col">{t('costs.financing.status')}</th><th scope="col" className="text-align-right">{t('costs.reports.amount')}</th></tr>
          </thead>
          <tbody>
            {data.byMeasure.filter((m) => m.measureId).map((m) => (
              <tr key={m.measureId}>
                <th scope="row"><Link to={`/measures/${m.measureId}/financing`}>{m.legalBasisLabel}</Link></th>
                <td>{m.financingStatus ? t(`costs.status.${m.financingStatus}`) : t('costs.family.planProposal')}</td>
                <td className="text-align-right">{formatOre(m.amountOre, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
    </section>
  );
}
