import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { phases, type ByPhase, type Phase, type Reference, type TestResult } from './api';

/**
 * Charts like the national evaluation's (evaluation.md §6): horizontal bars on the 1-6 scale, three per row
 * (baseline grey, midway light blue, end dark blue), value labels with one decimal. Each chart is an SVG with a
 * title and description for screen readers, followed by the same figures as a table (the accessible alternative),
 * with the national evaluation's figures beside the municipality's own, labelled as such.
 */

export interface ChartRow { key: string; label: string; byPhase: ByPhase; test: TestResult | null; pairedTest?: TestResult | null; reference: Reference | null }

const colours: Record<Phase, string> = { baseline: '#8c8c8c', midway: '#7fb2dc', end: '#0b3d78' };
const fmt = (value: number | null, language: string) => (value === null ? '–' : value.toLocaleString(language === 'en' ? 'en-GB' : 'da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

export function BarChart({ title, rows }: { title: string; rows: ChartRow[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const labelWidth = 260;
  const plot = 380;
  const bar = 9;
  const rowHeight = bar * 3 + 14;
  const height = rows.length * rowHeight + 40;
  const x = (value: number) => labelWidth + (value / 6) * plot;
  const short = (text: string) => (text.length > 42 ? `${text.slice(0, 40)}…` : text);
  return (
    <figure className="survey-chart">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${labelWidth + plot + 50} ${height}`} width="100%" style={{ maxWidth: 720 }}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t('survey.results.chartDescription')}</desc>
        {[1, 2, 3, 4, 5, 6].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 30} stroke="#d0d0d0" />
            <text x={x(tick)} y={height - 14} fontSize="11" textAnchor="middle">{tick}</text>
          </g>
        ))}
        {rows.map((row, r) => (
          <g key={row.key} transform={`translate(0, ${r * rowHeight + 6})`}>
            <text x={0} y={bar * 1.5 + 4} fontSize="11">{short(row.label)}</text>
            {phases.map((phase, p) => {
              const mean = row.byPhase[phase].mean;
              return (
                <g key={phase}>
                  {mean !== null && <rect x={labelWidth} y={p * bar} width={x(mean) - labelWidth} height={bar - 1} fill={colours[phase]} />}
                  <text x={mean !== null ? x(mean) + 4 : labelWidth + 4} y={p * bar + bar - 1} fontSize="9">
                    {mean !== null ? `${fmt(mean, i18n.language)}${phase === 'end' && row.test?.significant ? '*' : ''}` : t('survey.results.tooFewShort')}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="survey-legend">
          {phases.map((phase) => (
            <li key={phase}><span className="survey-swatch" style={{ background: colours[phase] }} aria-hidden="true" /> {t(`survey.phases.${phase}`)}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export function ResultTable({ caption, rows, showPaired }: { caption: string; rows: ChartRow[]; showPaired?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ResponsiveTable>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('survey.results.question')}</th>
          {phases.map((phase) => <th scope="col" key={phase}>{t(`survey.phases.${phase}`)} (n)</th>)}
          <th scope="col">{t('survey.results.pValue')}</th>
          {showPaired && <th scope="col">{t('survey.results.pairedP')}</th>}
          <th scope="col">{t('survey.results.national')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {phases.map((phase) => (
              <td key={phase}>{row.byPhase[phase].tooFew ? t('survey.results.tooFewShort') : `${fmt(row.byPhase[phase].mean, i18n.language)} (${row.byPhase[phase].n})`}</td>
            ))}
            <td>{row.test ? row.test.pText : '–'}</td>
            {showPaired && <td>{row.pairedTest ? row.pairedTest.pText : '–'}</td>}
            <td>{row.reference ? (row.reference.baseline !== null ? phases.map((p) => fmt(row.reference![p], i18n.language)).join(' / ') : '') + (row.reference.p ? ` (p ${row.reference.p})` : '') : '–'}</td>
          </tr>
        ))}
      </tbody>
    </ResponsiveTable>
  );
}
