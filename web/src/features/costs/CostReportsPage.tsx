import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { costsApi, formatOre, type ReportGrouping } from './api';

const groupings: ReportGrouping[] = ['department', 'family', 'category', 'month', 'quarter'];

/** Cost reports (issue 8 item 4): per department, family, legal-basis category, month and quarter, with a CSV export. */
export function CostReportsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('costs.reports.title'));
  const [draft, setDraft] = useState<{ by: ReportGrouping; from: string; to: string }>({ by: 'department', from: '', to: '' });
  const [params, setParams] = useState(draft);
  const report = useResource(() => costsApi.report(params), JSON.stringify(params));
  const onSubmit = (event: FormEvent) => { event.preventDefault(); setParams(draft); };
  const label = (key: string, fallback: string) => (params.by === 'category' ? t(`costs.categories.${key}`, { defaultValue: fallback }) : fallback);
  return (
    <>
      <h1>{t('costs.reports.title')}</h1>
      <p>{t('costs.reports.intro')} <Link to="/reports/expenses">{t('costs.expenses.title')}</Link></p>
      <form onSubmit={onSubmit} noValidate>
        <SelectField name="by" label={t('costs.reports.by')} value={draft.by} placeholder={false} onChange={(v) => setDraft({ ...draft, by: v as ReportGrouping })}
          options={groupings.map((g) => ({ value: g, label: t(`costs.reports.groupings.${g}`) }))} />
        <TextField name="from" label={t('costs.reports.from')} hint={t('costs.financing.monthHint')} optional className="input-width-xs" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
        <TextField name="to" label={t('costs.reports.to')} hint={t('costs.financing.monthHint')} optional className="input-width-xs" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        <p><button type="submit" className="button button-primary">{t('costs.reports.show')}</button></p>
      </form>
      {report.loading && !report.data && <Loading />}
      {report.error && <LoadError error={report.error} />}
      {report.data && (
        <>
          <ResponsiveTable>
            <caption>{t('costs.reports.caption', { by: t(`costs.reports.groupings.${report.data.by}`), from: report.data.from, to: report.data.to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`costs.reports.groupings.${report.data.by}`)}</th>
                <th scope="col" className="text-align-right">{t('costs.reports.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{report.data!.by === 'family' ? <Link to={`/families/${r.key}`}>{r.label}</Link> : label(r.key, r.label)}</th>
                  <td className="text-align-right">{formatOre(r.amountOre, i18n.language)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('costs.reports.total')}</th>
                <td className="text-align-right"><strong>{formatOre(report.data.totalOre, i18n.language)}</strong></td>
              </tr>
            </tbody>
          </ResponsiveTable>
          <p><a className="button button-secondary" href={costsApi.reportCsvUrl(params)} download>{t('costs.reports.csv')}</a></p>
        </>
      )}
    </>
  );
}
