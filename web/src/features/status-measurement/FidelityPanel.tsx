import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { statusMeasurementApi } from './api';
import { formatMean, quarterLabel } from './format';

/**
 * Fidelity per core element for the leader dashboard's `fidelity` slot (issue 9 item 8): the latest quarter's mean
 * per element per model as bars (1-6) with the lowest element marked, a table with the same figures and the national
 * evaluation's end level, and a link to the full trend (/status-measurements). Sits under the slot's h2.
 */
export function FidelityPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang === 'en';
  const results = useResource(() => statusMeasurementApi.results(), 'fidelity-panel');
  if (results.loading && !results.data) return <Loading />;
  if (results.error) return <LoadError error={results.error} />;
  const data = results.data!;
  return (
    <>
      {data.models.map((m) => {
        const latest = m.quarters.at(-1);
        const modelName = t(`statusMeasurement.models.${m.model as 'efei' | 'sof'}`);
        if (!latest) return <p key={m.model}>{modelName}: {t('statusMeasurement.noResults')}</p>;
        const rows = m.definition.elements.map((e) => {
          const cell = latest.elements.find((x) => x.elementKey === e.key);
          return { key: e.key, name: en ? e.nameEn : e.nameDa, mean: cell?.mean ?? null, n: cell?.n ?? 0, lowest: cell?.lowest ?? false,
            reference: data.reference.levels.find((l) => l.model === m.model && l.elementKey === e.key)?.end ?? null };
        });
        const width = 560;
        const label = 210;
        const x = (v: number) => label + ((v - 1) / 5) * (width - label - 50);
        const id = `fidelity-${m.model}`;
        return (
          <div key={m.model} className="mb-6">
            <h3>{t('statusMeasurement.panelHeading', { model: modelName, quarter: quarterLabel(latest.quarter, lang) })}</h3>
            <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${rows.length * 28 + 8}`} width="100%" preserveAspectRatio="xMinYMin meet">
              <title id={`${id}-title`}>{t('statusMeasurement.panelChartTitle', { model: modelName })}</title>
              <desc id={`${id}-desc`}>{rows.map((r) => `${r.name} ${formatMean(r.mean, lang)}${r.lowest ? ` (${t('statusMeasurement.lowestMark')})` : ''}`).join('; ')}</desc>
              {rows.map((r, i) => (
                <g key={r.key}>
                  <text x={label - 6} y={i * 28 + 20} fontSize="12" textAnchor="end" fill="#1a1a1a">{r.name}</text>
                  <rect x={label} y={i * 28 + 6} width={Math.max((r.mean === null ? 1 : x(r.mean)) - label, 1)} height={18} fill={r.lowest ? '#a6192e' : '#0059b3'} />
                  <text x={(r.mean === null ? label : x(r.mean)) + 4} y={i * 28 + 20} fontSize="12" fill="#1a1a1a">
                    {formatMean(r.mean, lang)}{r.lowest ? ` ▼ ${t('statusMeasurement.lowestMark')}` : ''}
                  </text>
                </g>
              ))}
            </svg>
            <ResponsiveTable>
              <caption>{t('statusMeasurement.panelCaption', { model: modelName, quarter: quarterLabel(latest.quarter, lang) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('statusMeasurement.element')}</th>
                  <th scope="col">{t('statusMeasurement.mean')}</th>
                  <th scope="col">{t('statusMeasurement.referenceEnd')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.lowest ? <strong>{r.name} ({t('statusMeasurement.lowestMark')})</strong> : r.name}</th>
                    <td>{formatMean(r.mean, lang)} (n={r.n})</td>
                    <td>{formatMean(r.reference, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </ResponsiveTable>
          </div>
        );
      })}
      <p><Link to="/status-measurements">{t('statusMeasurement.panelLink')}</Link></p>
    </>
  );
}
