import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { costsApi, expenseCategories, formatOre, type ExpenseAnalysis, type ExpenseCategory } from './api';

const colours: Record<ExpenseCategory, string> = {
  preventive: '#0059b3', placement: '#8a1c1c', extra_costs: '#357a38', lost_earnings: '#b35900', coordinator_salary: '#5b3f8c', other: '#5c5c5c',
};

/**
 * Cost per child per quarter by category as grouped bars (SVG). Decorative for screen readers (aria-hidden): the table
 * below it carries the same figures and is the text alternative.
 */
function QuarterChart({ data }: { data: ExpenseAnalysis }) {
  const { t } = useTranslation();
  const shown = expenseCategories.filter((c) => data.quarters.some((q) => q.categories[c].perChildOre > 0));
  const max = Math.max(1, ...data.quarters.flatMap((q) => shown.map((c) => q.categories[c].perChildOre)));
  const groupWidth = Math.max(shown.length * 10 + 12, 40);
  const width = 60 + data.quarters.length * groupWidth;
  const height = 220;
  const y = (v: number) => 190 - (v / max) * 170;
  const split = data.quarters.findIndex((q) => q.side === 'after');
  return (
    <figure className="mt-5">
      <svg viewBox={`0 0 ${width} ${height + 30}`} width="100%" role="img" aria-hidden="true" focusable="false" style={{ maxWidth: '60rem' }}>
        <line x1={50} x2={width} y1={190} y2={190} stroke="#333" />
        {split > 0 && <line x1={50 + split * groupWidth - 4} x2={50 + split * groupWidth - 4} y1={10} y2={195} stroke="#333" strokeDasharray="4 3" />}
        {data.quarters.map((q, i) => (
          <g key={q.quarter} transform={`translate(${50 + i * groupWidth}, 0)`}>
            {shown.map((c, k) => (
              <rect key={c} x={k * 10} y={y(q.categories[c].perChildOre)} width={8} height={190 - y(q.categories[c].perChildOre)} fill={colours[c]} />
            ))}
            <text x={0} y={208} fontSize={10}>{q.quarter.slice(2)}</text>
          </g>
        ))}
      </svg>
      <figcaption>
        {t('costs.expenses.chartCaption')}{' '}
        {shown.map((c) => (
          <span key={c} className="mr-4"><span aria-hidden="true" style={{ display: 'inline-block', width: 12, height: 12, background: colours[c], marginRight: 4 }} />{t(`costs.categories.${c}`)}</span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The expense analysis as in the evaluation (issue 8 item 5; 004 ch. 6, BILAG 3): per child per quarter, before vs after a date. */
export function ExpenseAnalysisPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('costs.expenses.title'));
  // Read the clock once, for the first draft only: render stays pure (react-hooks/purity).
  const [draft, setDraft] = useState(() => ({ group: 'all', splitOn: `${new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 7)}-01`, from: '', to: '' }));
  const [params, setParams] = useState(draft);
  const analysis = useResource(() => costsApi.expenses(params), JSON.stringify(params));
  const onSubmit = (event: FormEvent) => { event.preventDefault(); setParams(draft); };
  const kr = (v: number | null) => (v === null ? '–' : formatOre(v, i18n.language));
  const data = analysis.data;
  return (
    <>
      <h1>{t('costs.expenses.title')}</h1>
      <p>{t('costs.expenses.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <SelectField name="group" label={t('costs.expenses.group')} value={draft.group} placeholder={false} onChange={(v) => setDraft({ ...draft, group: v })}
          options={(['all', 'efei', 'sof'] as const).map((g) => ({ value: g, label: t(`costs.expenses.groups.${g}`) }))} />
        <TextField name="splitOn" label={t('costs.expenses.splitOn')} hint={t('costs.expenses.splitOnHint')} className="input-width-s" value={draft.splitOn} onChange={(v) => setDraft({ ...draft, splitOn: v })} />
        <TextField name="from" label={t('costs.reports.from')} hint={t('costs.financing.monthHint')} optional className="input-width-xs" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
        <TextField name="to" label={t('costs.reports.to')} hint={t('costs.financing.monthHint')} optional className="input-width-xs" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        <p><button type="submit" className="button button-primary">{t('costs.reports.show')}</button></p>
      </form>
      {analysis.loading && !data && <Loading />}
      {analysis.error && <LoadError error={analysis.error} />}
      {data && (
        <>
          <h2>{t('costs.expenses.summary')}</h2>
          <ResponsiveTable>
            <caption>{t('costs.expenses.summaryCaption', { date: data.splitOn })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('costs.expenses.category')}</th>
                <th scope="col" className="text-align-right">{t('costs.expenses.before')}</th>
                <th scope="col" className="text-align-right">{t('costs.expenses.after')}</th>
                <th scope="col" className="text-align-right">{t('costs.expenses.change')}</th>
                <th scope="col" className="text-align-right">{t('costs.expenses.perChildBefore')}</th>
                <th scope="col" className="text-align-right">{t('costs.expenses.perChildAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {data.summary.map((s) => (
                <tr key={s.category}>
                  <th scope="row">{s.category === 'total' ? t('costs.expenses.total') : t(`costs.categories.${s.category}`)}</th>
                  <td className="text-align-right">{kr(s.beforeOre)}</td>
                  <td className="text-align-right">{kr(s.afterOre)}</td>
                  <td className="text-align-right">{s.changePercent === null ? '–' : `${s.changePercent > 0 ? '+' : ''}${s.changePercent.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'da-DK')} %`}</td>
                  <td className="text-align-right">{kr(s.beforePerChildOre)}</td>
                  <td className="text-align-right">{kr(s.afterPerChildOre)}</td>
                </tr>
              ))}
            </tbody>
          </ResponsiveTable>
          <p>{t('costs.expenses.note')}</p>
          <h2>{t('costs.expenses.perQuarter')}</h2>
          <QuarterChart data={data} />
          <ResponsiveTable>
            <caption>{t('costs.expenses.quarterCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('costs.expenses.quarter')}</th>
                {expenseCategories.map((c) => <th key={c} scope="col" className="text-align-right">{t(`costs.categories.${c}`)}</th>)}
                <th scope="col" className="text-align-right">{t('costs.expenses.totalPerChild')}</th>
              </tr>
            </thead>
            <tbody>
              {data.quarters.map((q) => (
                <tr key={q.quarter}>
                  <th scope="row">{q.quarter} ({t(`costs.expenses.${q.side}`)})</th>
                  {expenseCategories.map((c) => (
                    <td key={c} className="text-align-right">
                      {q.categories[c].children === 0 ? '–' : `${kr(q.categories[c].perChildOre)} (${t('costs.expenses.children', { count: q.categories[c].children })})`}
                    </td>
                  ))}
                  <td className="text-align-right">{kr(q.totalPerChildOre)} ({t('costs.expenses.children', { count: q.groupSize })})</td>
                </tr>
              ))}
            </tbody>
          </ResponsiveTable>
          <p><a className="button button-secondary" href={costsApi.expensesCsvUrl(params)} download>{t('costs.reports.csv')}</a></p>
        </>
      )}
    </>
  );
}
