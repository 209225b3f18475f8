import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { phases, surveyApi, type SeriesResult, type SeriesSummary } from './api';
import { BarChart, ResultTable, type ChartRow } from './SurveyCharts';
import './survey.css';

const keyOf = (s: { instrument: string; model: string; series: string }) => `${s.instrument}|${s.model}|${s.series}`;

/**
 * The results of a series (issue 10 items 3-5): response rates per wave, the theme overview and the items per theme
 * as bar charts with a table alternative, Welch's test of end vs baseline (and restricted to families of both
 * waves), and the national evaluation's figures beside the municipality's own. Groups under 5 show "too few answers".
 */
export function SurveyResultsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('survey.results.title'));
  const list = useResource(() => surveyApi.series(), 'survey-series');
  const [chosen, setChosen] = useState<string | null>(null);
  const all = list.data?.series ?? [];
  const current: SeriesSummary | undefined = all.find((s) => keyOf(s) === chosen) ?? all.find((s) => s.instrument === 'parent') ?? all[0];
  const result = useResource(() => (current ? surveyApi.results(current) : Promise.resolve(null)), `survey-result-${current ? keyOf(current) : ''}`);
  const percent = (rate: number | null) => (rate === null ? '–' : rate.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 }));
  return (
    <>
      <h1>{t('survey.results.title')}</h1>
      <ul className="nobullet-list survey-subnav">
        <li><Link to="/surveys/waves">{t('survey.waves.title')}</Link></li>
        <li><Link to="/surveys/instruments">{t('survey.instruments.title')}</Link></li>
      </ul>
      <p>{t('survey.results.intro')}</p>
      {list.error && <LoadError error={list.error} />}
      {list.loading && !list.data && <Loading />}
      {list.data && all.length === 0 && <p>{t('survey.results.noSeries')}</p>}
      {current && (
        <div className="form-group">
          <label className="form-label" htmlFor="survey-series">{t('survey.results.series')}</label>
          <select className="form-select" id="survey-series" value={keyOf(current)} onChange={(e) => setChosen(e.target.value)}>
            {all.map((s) => <option key={keyOf(s)} value={keyOf(s)}>{`${t(`survey.instruments.${s.instrument}`)} – ${s.model.toUpperCase()} – ${s.series}`}</option>)}
          </select>
        </div>
      )}
      {current && (
        <>
          <h2>{t('survey.results.rates')}</h2>
          <ul>
            {current.waves.map((w) => (
              <li key={w.waveId}>{t('survey.results.rateLine', { phase: t(`survey.phases.${w.phase}`), responded: w.responded, invited: w.invited, rate: percent(w.responseRate) })}</li>
            ))}
          </ul>
        </>
      )}
      {result.error && <LoadError error={result.error} />}
      {current && result.loading && !result.data && <Loading />}
      {result.data && <Results result={result.data} />}
    </>
  );
}

function Results({ result }: { result: SeriesResult }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (result.tooFewAnswers) return <Alert variant="info">{t('survey.results.tooFew', { min: result.minimumGroup })}</Alert>;
  const themeRows: ChartRow[] = result.themes.map((th) => ({ key: th.key, label: en ? th.titleEn : th.titleDa, byPhase: th.byPhase, test: th.test, pairedTest: th.pairedTest, reference: th.reference }));
  const footer = phases.map((p) => `${t(`survey.phases.${p}`)}: n=${result.respondents[p]}`).join(', ');
  const anySignificant = result.themes.some((th) => th.test?.significant || th.items.some((i) => i.test?.significant));
  return (
    <>
      <p>
        <a className="button button-secondary" href={surveyApi.csvUrl(result)} download>{t('survey.results.csv')}</a>{' '}
        <a className="button button-secondary" href={surveyApi.pdfUrl(result)} download>{t('survey.results.pdf')}</a>
      </p>
      <p>{footer}. {result.paired !== null ? t('survey.results.paired', { count: result.paired }) : t('survey.results.pairedTooFew')}</p>
      <p className="font-lead">{t('survey.results.referenceLabel')}: {result.referenceLabel}</p>
      <h2>{t('survey.results.themeOverview')}</h2>
      <BarChart title={t('survey.results.themeChartTitle', { model: result.model.toUpperCase() })} rows={themeRows} />
      <ResultTable caption={t('survey.results.themeTableCaption')} rows={themeRows} showPaired />
      <p>{anySignificant ? t('survey.results.significantNote') : t('survey.results.noneSignificant')}</p>
      {result.themes.map((theme) => {
        const rows: ChartRow[] = theme.items.map((i) => ({ key: i.key, label: (en ? i.textEn : i.textDa).replace(/^…\s*/, ''), byPhase: i.byPhase, test: i.test, pairedTest: i.pairedTest, reference: i.reference }));
        const title = en ? theme.titleEn : theme.titleDa;
        return (
          <section key={theme.key}>
            <h2>{t('survey.results.themeHeading', { theme: title })}</h2>
            <BarChart title={t('survey.results.itemChartTitle', { theme: title })} rows={rows} />
            <ResultTable caption={t('survey.results.itemTableCaption', { theme: title })} rows={rows} showPaired />
          </section>
        );
      })}
      {result.freeText.length > 0 && (
        <section>
          <h2>{t('survey.results.freeText')}</h2>
          {result.freeText.map((f) => (
            <div key={f.itemKey}>
              <h3>{en ? f.textEn : f.textDa}</h3>
              {f.answers ? <ul>{f.answers.map((a, i) => <li key={i}>{a}</li>)}</ul> : <p>{t('survey.results.tooFew', { min: result.minimumGroup })}</p>}
            </div>
          ))}
        </section>
      )}
    </>
  );
}
