import { useTranslation } from 'react-i18next';
import type { AnnualWheel } from '../worklist/api';
import { activityLabel, monthName } from './labels';

const size = 640;
const centre = size / 2;
const outer = 300;
const inner = 96;

function point(radius: number, angle: number): [number, number] {
  return [centre + radius * Math.sin(angle), centre - radius * Math.cos(angle)];
}

/** One month field: a ring segment from angle a0 to a1 (radians, clockwise from 12 o'clock). */
function segment(a0: number, a1: number): string {
  const [x0, y0] = point(outer, a0);
  const [x1, y1] = point(outer, a1);
  const [x2, y2] = point(inner, a1);
  const [x3, y3] = point(inner, a0);
  return `M ${x0} ${y0} A ${outer} ${outer} 0 0 1 ${x1} ${y1} L ${x2} ${y2} A ${inner} ${inner} 0 0 0 ${x3} ${y3} Z`;
}

const short = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The årshjul drawn as a circle of 12 month fields (001:862), January at the top, clockwise. Black on white with
 * the current month shaded, so it prints well; the table below it is the accessible text version.
 */
export function WheelSvg({ wheel, currentMonth }: { wheel: AnnualWheel; currentMonth: number | null }) {
  const { t } = useTranslation();
  const total = wheel.months.reduce((sum, m) => sum + m.activities.length, 0);
  const step = (2 * Math.PI) / 12;
  return (
    <svg className="annual-wheel-svg" viewBox={`0 0 ${size} ${size}`} role="img" aria-labelledby="wheel-title wheel-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="wheel-title">{t('annualWheel.svgTitle', { family: wheel.familyName, year: wheel.year })}</title>
      <desc id="wheel-desc">{t('annualWheel.svgDesc', { count: total })}</desc>
      {wheel.months.map(({ month, activities }) => {
        const a0 = (month - 1) * step;
        const mid = a0 + step / 2;
        const [lx, ly] = point(outer - 30, mid);
        const lines = activities.slice(0, 4).map((a) => short(activityLabel(t, a)));
        const [tx, ty] = point((outer + inner) / 2 + 8, mid);
        return (
          <g key={month}>
            <path d={segment(a0, a0 + step)} fill={month === currentMonth ? '#e6e6e6' : '#ffffff'} stroke="#000000" strokeWidth={1.5} />
            <text x={lx} y={ly} textAnchor="middle" dominantBaseline="middle" fontSize={15} fontWeight={700} fill="#000000">{monthName(t, month)}</text>
            {lines.map((line, i) => (
              <text key={i} x={tx} y={ty - 14 + i * 13} textAnchor="middle" fontSize={10} fill="#000000">{line}</text>
            ))}
            {activities.length > 4 && (
              <text x={tx} y={ty - 14 + 4 * 13} textAnchor="middle" fontSize={10} fill="#000000">{t('annualWheel.more', { count: activities.length - 4 })}</text>
            )}
          </g>
        );
      })}
      <circle cx={centre} cy={centre} r={inner} fill="#ffffff" stroke="#000000" strokeWidth={1.5} />
      <text x={centre} y={centre - 10} textAnchor="middle" fontSize={28} fontWeight={700} fill="#000000">{wheel.year}</text>
      <text x={centre} y={centre + 18} textAnchor="middle" fontSize={12} fill="#000000">{short(wheel.familyName, 24)}</text>
    </svg>
  );
}
