import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { statusMeasurementApi, type StatusMeasurementResults } from './api';
import { formatDate, formatMean, quarterLabel } from './format';
import { seriesStyles, TrendChart } from './TrendChart';

type ModelResult = StatusMeasurementResults['models'][number];

/** One model's trend: the lowest element highlighted, the chart, the table alternative and the evaluation's levels. */
function ModelResults({ result, reference }: { result: ModelResult; reference: StatusMeasurementResults['reference'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang === 'en';
  const name = (key: string) => {
    const e = result.definition.elements.find((x) => x.key === key);
    return e ? (en ? e.nameEn : e.nameDa) : key;
  };
  const modelName = t(`statusMeasurement.models.${result.model as 'efei' | 'sof'}`);
  const latest = result.quarters.at(-1);
  const lowest = result.latestLowestElementKeys;
  const levels = reference.levels.filter((l) => l.model === result.model);
  const id = `trend-${result.model}`;
  if (!latest) {
    return (
      <section aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{modelName}</h2>
        <p>{t('statusMeasurement.noResults')}</p>
      </section>
    );
  }
  const series = result.definition.elements.map((e) => ({
    key: e.key, label: en ? e.nameEn : e.nameDa, highlighted: lowest.includes(e.key),
    values: result.quarters.map((q) => q.elements.find((x) => x.elementKey === e.key)?.mean ?? null),
  }));
  const description = t('statusMeasurement.chartDescription', {
    from: quarterLabel(result.quarters[0]!.quarter, lang), to: quarterLabel(latest.quarter, lang),
    latest: series.map((s) => `${s.label} ${formatMean(s.values.at(-1) ?? null, lang)}`).join('; '),
    lowest: lowest.map(name).join(', '),
  });
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-8">
      <h2 id={`${id}-heading`}>{modelName}</h2>
      <Alert variant="warning" heading={t('statusMeasurement.lowestHeading', { quarter: quarterLabel(latest.quarter, lang) })} headingLevel={3}>
        <p className="alert-text" data-testid={`lowest-${result.model}`}>
          {lowest.map((key) => t('statusMeasurement.lowestText', { name: name(key), mean: formatMean(latest.elements.find((e) => e.elementKey === key)?.mean ?? null, lang) })).join(' ')}
        </p>
      </Alert>
      <TrendChart id={id} title={t('statusMeasurement.chartTitle', { model: modelName })} description={description}
        quarters={result.quarters.map((q) => quarterLabel(q.quarter, lang))} series={series} />
      <ul className="nobullet-list status-measurement-legend">
        {series.map((s, i) => {
          const style = seriesStyles[i % seriesStyles.length]!;
          return (
            <li key={s.key}>
              <svg width="36" height="12" aria-hidden="true" focusable="false">
                <line x1="0" x2="36" y1="6" y2="6" stroke={style.colour} strokeWidth={s.highlighted ? 4 : 2} strokeDasharray={style.dash || undefined} />
              </svg>{' '}
              {s.highlighted ? <strong>{s.label} ({t('statusMeasurement.lowestMark')})</strong> : s.label}
            </li>
          );
        })}
      </ul>
      <ResponsiveTable>
        <caption>{t('statusMeasurement.tableCaption', { model: modelName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statusMeasurement.quarter')}</th>
            {result.definition.elements.map((e) => <th key={e.key} scope="col">{en ? e.nameEn : e.nameDa}</th>)}
            <th scope="col">{t('statusMeasurement.n')}</th>
          </tr>
        </thead>
        <tbody>
          {result.quarters.map((q) => (
            <tr key={q.quarter}>
              <th scope="row">{quarterLabel(q.quarter, lang)}</th>
              {result.definition.elements.map((e) => {
                const cell = q.elements.find((x) => x.elementKey === e.key);
                const text = `${formatMean(cell?.mean ?? null, lang)} (n=${cell?.n ?? 0})`;
                return <td key={e.key}>{cell?.lowest ? <strong>{text} <span className="sr-only">{t('statusMeasurement.lowestMark')}</span><span aria-hidden="true">▼</span></strong> : text}</td>;
              })}
              <td>{t('statusMeasurement.nText', { n: q.n, cases: q.cases })}</td>
            </tr>
          ))}
        </tbody>
      </ResponsiveTable>
      <h3>{reference.label[en ? 'en' : 'da']}</h3>
      <p className="form-hint">{t('statusMeasurement.referenceNote')}</p>
      <ResponsiveTable>
        <caption>{t('statusMeasurement.referenceCaption', { model: modelName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statusMeasurement.element')}</th>
            {reference.waves.map((w) => (
              <th key={w.key} scope="col">{t(`statusMeasurement.waves.${w.key as 'baseline' | 'midway' | 'end'}`)} ({quarterLabel(w.quarter, lang)})</th>
            ))}
            <th scope="col">{t('statusMeasurement.ownLatest', { quarter: quarterLabel(latest.quarter, lang) })}</th>
            <th scope="col">{t('statusMeasurement.source')}</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => (
            <tr key={l.figureLabel}>
              <th scope="row">{l.elementKey ? name(l.elementKey) : t('statusMeasurement.unnamedElement', { label: l.figureLabel })}</th>
              <td>{formatMean(l.baseline, lang)}</td>
              <td>{formatMean(l.midway, lang)}</td>
              <td>{formatMean(l.end, lang)}</td>
              <td>{l.elementKey ? formatMean(latest.elements.find((e) => e.elementKey === l.elementKey)?.mean ?? null, lang) : '–'}</td>
              <td>{l.source}</td>
            </tr>
          ))}
        </tbody>
      </ResponsiveTable>
    </section>
  );
}

function Results() {
  const { t } = useTranslation();
  const results = useResource(() => statusMeasurementApi.results(), 'status-measurement-results');
  if (results.loading && !results.data) return <Loading />;
  if (results.error) return <LoadError error={results.error} />;
  const data = results.data!;
  return (
    <>
      <h2 className="h1">{t('statusMeasurement.resultsHeading', { department: data.departmentName })}</h2>
      <p>{t('statusMeasurement.resultsIntro')}</p>
      {data.models.map((m) => <ModelResults key={m.model} result={m} reference={data.reference} />)}
    </>
  );
}

/** /status-measurements — the rater's own quarter (cases to rate, own entries) and, for leaders, the department's results. */
export function StatusMeasurementsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('statusMeasurement.title'));
  const mine = useResource(() => statusMeasurementApi.mine(), 'status-measurement-mine');
  const data = mine.data;
  const lang = i18n.language;
  return (
    <>
      <h1>{t('statusMeasurement.title')}</h1>
      <p>{t('statusMeasurement.intro')}</p>
      {mine.loading && !data && <Loading />}
      {mine.error && <LoadError error={mine.error} />}
      {data && (
        <>
          <h2>{t('statusMeasurement.toRateHeading', { quarter: quarterLabel(data.due.quarter, lang) })}</h2>
          <p>{t('statusMeasurement.dueBy', { date: formatDate(data.due.dueBy, lang) })}</p>
          {data.toRate.length === 0 ? <p>{t('statusMeasurement.nothingToRate')}</p> : (
            <ul>
              {data.toRate.map((c) => (
                <li key={c.caseId}>
                  <Link to={`/cases/${c.caseId}/status-measurement`}>{t('statusMeasurement.rateCase', { number: c.caseNumber, model: t(`statusMeasurement.models.${c.model as 'efei' | 'sof'}`) })}</Link>
                </li>
              ))}
            </ul>
          )}
          {data.measurements.length > 0 && (
            <ResponsiveTable>
              <caption>{t('statusMeasurement.mineCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('statusMeasurement.quarter')}</th>
                  <th scope="col">{t('statusMeasurement.case')}</th>
                  <th scope="col">{t('statusMeasurement.elementMeans')}</th>
                </tr>
              </thead>
              <tbody>
                {data.measurements.slice(0, 40).map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{quarterLabel(m.quarter, lang)}</th>
                    <td><Link to={`/cases/${m.caseId}/status-measurement`}>{m.caseNumber}</Link></td>
                    <td>{m.elementMeans.map((e) => formatMean(e.mean, lang)).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </ResponsiveTable>
          )}
          {data.abilities.canSeeResults && <Results />}
        </>
      )}
    </>
  );
}
