import type { ReactNode } from 'react';

/**
 * Accessible SVG charts (role="img" with a title and a description) that always come with a table alternative: the
 * table is the source of truth for screen readers and for copying the figures, the chart is for the eye.
 */

export interface Bar { key: string; label: string; value: number; tone?: 'ok' | 'warn' | 'bad' }

const toneColour = { ok: '#0059b3', warn: '#b35c00', bad: '#a6192e' } as const;

/** Horizontal bars with an optional target band (e.g. the caseload target 20-25). */
export function BarChart({ id, title, description, bars, band, max: maxIn, unit = '' }: {
  id: string; title: string; description: string; bars: Bar[]; band?: { min: number; max: number; label: string }; max?: number; unit?: string;
}) {
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 640;
  const plot = width - labelWidth - 60;
  const max = Math.max(maxIn ?? 0, band?.max ?? 0, ...bars.map((b) => b.value), 1) * 1.1;
  const x = (v: number) => labelWidth + (v / max) * plot;
  const height = Math.max(bars.length, 1) * rowHeight + 30;
  return (
    <svg className="leader-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {band && (
        <g>
          <rect x={x(band.min)} y={0} width={Math.max(x(band.max) - x(band.min), 2)} height={height - 24} fill="#e6f0e6" />
          <text x={x(band.min)} y={height - 8} fontSize="11" fill="#1a1a1a">{band.label}</text>
        </g>
      )}
      {bars.map((b, i) => {
        const y = i * rowHeight + 4;
        return (
          <g key={b.key}>
            <text x={labelWidth - 6} y={y + 15} fontSize="12" textAnchor="end" fill="#1a1a1a">{b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}</text>
            <rect x={labelWidth} y={y} width={Math.max(x(b.value) - labelWidth, 1)} height={rowHeight - 8} fill={toneColour[b.tone ?? 'ok']} />
            <text x={x(b.value) + 4} y={y + 14} fontSize="12" fill="#1a1a1a">{`${b.value}${unit}`}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** A line over months (0-100 %), one point per month; months without data leave a gap. */
export function LineChart({ id, title, description, points }: { id: string; title: string; description: string; points: Array<{ label: string; value: number | null }> }) {
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const step = points.length > 1 ? (width - left - 20) / (points.length - 1) : 0;
  const y = (v: number) => 10 + (1 - v / 100) * (height - bottom - 10);
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) { if (current) segments.push(current); current = ''; return; }
    current += `${current ? ' L' : 'M'} ${left + i * step} ${y(p.value)}`;
  });
  if (current) segments.push(current);
  return (
    <svg className="leader-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={left} x2={width - 10} y1={y(v)} y2={y(v)} stroke="#ccc" />
          <text x={left - 6} y={y(v) + 4} fontSize="11" textAnchor="end" fill="#1a1a1a">{`${v} %`}</text>
        </g>
      ))}
      {segments.map((d, i) => <path key={i} d={d} fill="none" stroke="#0059b3" strokeWidth="2" />)}
      {points.map((p, i) => (
        <g key={p.label}>
          {p.value !== null && <circle cx={left + i * step} cy={y(p.value)} r="4" fill="#0059b3" />}
          <text x={left + i * step} y={height - 10} fontSize="10" textAnchor="middle" fill="#1a1a1a">{p.label}</text>
        </g>
      ))}
    </svg>
  );
}

/** A chart followed by its table, the table in a disclosure so both are reachable. */
export function ChartWithTable({ chart, table, tableLabel }: { chart: ReactNode; table: ReactNode; tableLabel: string }) {
  return (
    <figure className="leader-figure">
      {chart}
      <details className="mt-3">
        <summary>{tableLabel}</summary>
        {table}
      </details>
    </figure>
  );
}
