/**
 * An accessible SVG line chart of element means (scale 1-6) per quarter: role="img" with a title and a description,
 * one line per core element told apart by colour AND dash pattern AND marker shape (never by colour alone), the
 * lowest element of the latest quarter drawn thicker. The page always shows the same figures as a table.
 */
export interface TrendSeries { key: string; label: string; values: Array<number | null>; highlighted: boolean }

export const seriesStyles = [
  { colour: '#0059b3', dash: '', marker: 'circle' },
  { colour: '#2e6b30', dash: '8 4', marker: 'square' },
  { colour: '#8a4b00', dash: '2 3', marker: 'triangle' },
  { colour: '#a6192e', dash: '10 3 2 3', marker: 'diamond' },
] as const;

function Marker({ x, y, shape, colour }: { x: number; y: number; shape: string; colour: string }) {
  if (shape === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
  if (shape === 'triangle') return <polygon points={`${x},${y - 5} ${x - 5},${y + 4} ${x + 5},${y + 4}`} fill={colour} />;
  if (shape === 'diamond') return <polygon points={`${x},${y - 5} ${x - 5},${y} ${x},${y + 5} ${x + 5},${y}`} fill={colour} />;
  return <circle cx={x} cy={y} r={4} fill={colour} />;
}

export function TrendChart({ id, title, description, quarters, series }: {
  id: string; title: string; description: string; quarters: string[]; series: TrendSeries[];
}) {
  const width = 680;
  const height = 260;
  const left = 36;
  const right = 44;
  const top = 12;
  const bottom = 34;
  const step = quarters.length > 1 ? (width - left - right) / (quarters.length - 1) : 0;
  const x = (i: number) => left + (quarters.length > 1 ? i * step : (width - left - right) / 2);
  const y = (v: number) => top + ((6 - v) / 5) * (height - top - bottom);
  return (
    <svg className="status-measurement-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%"
      preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {[1, 2, 3, 4, 5, 6].map((v) => (
        <g key={v}>
          <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} stroke="#d9d9d9" />
          <text x={left - 8} y={y(v) + 4} fontSize="12" textAnchor="end" fill="#1a1a1a">{v}</text>
        </g>
      ))}
      {quarters.map((q, i) => (
        (quarters.length <= 12 || i % 2 === 0) && <text key={q} x={x(i)} y={height - 12} fontSize="11" textAnchor="middle" fill="#1a1a1a">{q}</text>
      ))}
      {series.map((s, si) => {
        const style = seriesStyles[si % seriesStyles.length]!;
        const segments: string[] = [];
        let current = '';
        s.values.forEach((v, i) => {
          if (v === null) { if (current) segments.push(current); current = ''; return; }
          current += `${current ? ' L' : 'M'} ${x(i)} ${y(v)}`;
        });
        if (current) segments.push(current);
        return (
          <g key={s.key}>
            {segments.map((d) => (
              <path key={d} d={d} fill="none" stroke={style.colour} strokeWidth={s.highlighted ? 4 : 2} strokeDasharray={style.dash || undefined} />
            ))}
            {s.values.map((v, i) => (v === null ? null : <Marker key={i} x={x(i)} y={y(v)} shape={style.marker} colour={style.colour} />))}
          </g>
        );
      })}
    </svg>
  );
}
