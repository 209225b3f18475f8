import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { casesLink, exportLink, leaderApi, type Dashboard, type Figures } from './api';
import { BarChart, ChartWithTable, LineChart } from './charts';

/** A share as a whole percentage, or a dash when nothing was due. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

/** A number that links to the cases behind it (issue 9: every figure drills down). */
function FigureLink({ to, value, label }: { to: string; value: number | string; label: string }) {
  return <Link to={to}>{value}<span className="sr-only">{` – ${label}`}</span></Link>;
}

function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(language === 'en' ? 'en-GB' : 'da-DK', { month: 'short', year: '2-digit', timeZone: 'UTC' });
}

function Caseload({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const { min, max } = data.settings.caseloadTarget;
  const byId = new Map(data.caseload.coordinators.map((c) => [c.userId, c]));
  const suggestion = (model: 'efei' | 'sof') => {
    const id = data.caseload.suggestion[model];
    return id ? byId.get(id)?.name ?? '' : t('leader.caseload.noSuggestion');
  };
  return (
    <section aria-labelledby="leader-caseload" className="mt-7">
      <h2 id="leader-caseload">{t('leader.caseload.heading')}</h2>
      <p>{t('leader.caseload.intro', { min, max, efei: data.settings.caseloadWeights.efei, sof: data.settings.caseloadWeights.sof, complex: data.settings.caseloadWeights.complex })}</p>
      <p>
        <strong>{t('leader.caseload.next')}</strong>{' '}
        {t('leader.caseload.nextEfei', { name: suggestion('efei') })} · {t('leader.caseload.nextSof', { name: suggestion('sof') })}
      </p>
      {/* The table below is the chart's text alternative (the same figures, each a link to its cases). */}
      <figure className="leader-figure">
        <BarChart
          id="chart-caseload" title={t('leader.caseload.chartTitle')} description={t('leader.caseload.chartDesc', { min, max })}
          band={{ min, max, label: t('leader.caseload.band', { min, max }) }}
          bars={data.caseload.coordinators.map((c) => ({ key: c.userId, label: c.name, value: c.weighted, tone: c.status === 'over' ? 'bad' : 'ok' }))}
        />
      </figure>
      <ResponsiveTable>
        <caption>{t('leader.caseload.tableCaption', { min, max })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('leader.caseload.col.name')}</th>
            <th scope="col" className="text-align-right">{t('leader.caseload.col.cases')}</th>
            <th scope="col" className="text-align-right">EFEI</th>
            <th scope="col" className="text-align-right">SOF</th>
            <th scope="col" className="text-align-right">{t('leader.caseload.col.complex')}</th>
            <th scope="col" className="text-align-right">{t('leader.caseload.col.weighted')}</th>
            <th scope="col">{t('leader.caseload.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {data.caseload.coordinators.map((c) => (
            <tr key={c.userId}>
              <th scope="row">{c.name}{c.hasAuthority && <span className="d-block small-text">{t('leader.caseload.authority')}</span>}</th>
              <td className="text-align-right">
                <FigureLink to={casesLink({ filter: 'caseload', userId: c.userId })} value={c.cases} label={t('leader.caseload.casesOf', { name: c.name })} />
                {c.otherDepartments > 0 && <span className="d-block small-text">{t('leader.caseload.otherDepartments', { count: c.otherDepartments })}</span>}
              </td>
              <td className="text-align-right">{c.efei}</td>
              <td className="text-align-right">{c.sof}</td>
              <td className="text-align-right">{c.complex}</td>
              <td className="text-align-right">{c.weighted}</td>
              <td>{t(`leader.caseload.status.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </ResponsiveTable>
      <details className="mt-4">
        <summary>{t('leader.caseload.history')}</summary>
        <ResponsiveTable>
          <caption>{t('leader.caseload.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('leader.month')}</th>
              <th scope="col" className="text-align-right">{t('leader.caseload.col.total')}</th>
              <th scope="col" className="text-align-right">{t('leader.caseload.col.average')}</th>
            </tr>
          </thead>
          <tbody>
            {data.caseload.history.map((h) => (
              <tr key={h.month}>
                <th scope="row">{h.month}</th>
                <td className="text-align-right">{h.total}</td>
                <td className="text-align-right">{h.weightedAverage ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      </details>
      <p className="mt-3"><a href={exportLink('caseload')} download>{t('leader.export.caseload')}</a></p>
    </section>
  );
}

function FigureCells({ f, userId, unassigned, name }: { f: Figures; userId?: string | null; unassigned?: boolean; name: string }) {
  const { t } = useTranslation();
  const q = { userId: userId ?? null, unassigned };
  return (
    <>
      <td className="text-align-right"><FigureLink to={casesLink({ filter: 'due', ...q })} value={f.counted} label={t('leader.compliance.dueOf', { name })} /></td>
      <td className="text-align-right"><FigureLink to={casesLink({ filter: 'on_time', ...q })} value={f.onTime} label={t('leader.compliance.onTimeOf', { name })} /></td>
      <td className="text-align-right"><FigureLink to={casesLink({ filter: 'late', ...q })} value={f.late + f.overdue} label={t('leader.compliance.lateOf', { name })} /></td>
      <td className="text-align-right"><FigureLink to={casesLink({ filter: 'overdue', ...q })} value={f.overdue} label={t('leader.compliance.overdueOf', { name })} /></td>
      <td className="text-align-right">{percent(f.share)}</td>
    </>
  );
}

function Compliance({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const head = (
    <>
      <th scope="col" className="text-align-right">{t('leader.compliance.col.due')}</th>
      <th scope="col" className="text-align-right">{t('leader.compliance.col.onTime')}</th>
      <th scope="col" className="text-align-right">{t('leader.compliance.col.late')}</th>
      <th scope="col" className="text-align-right">{t('leader.compliance.col.overdue')}</th>
      <th scope="col" className="text-align-right">{t('leader.compliance.col.share')}</th>
    </>
  );
  return (
    <section aria-labelledby="leader-compliance" className="mt-7">
      <h2 id="leader-compliance">{t('leader.compliance.heading')}</h2>
      <p>{t('leader.compliance.intro')}</p>
      <ResponsiveTable>
        <caption>{t('leader.compliance.tableCaption')}</caption>
        <thead><tr><th scope="col">{t('leader.compliance.col.who')}</th>{head}</tr></thead>
        <tbody>
          <tr>
            <th scope="row">{t('leader.compliance.team', { department: data.departmentName })}</th>
            <FigureCells f={data.compliance.team} name={data.departmentName} />
          </tr>
          {data.compliance.coordinators.map((c) => (
            <tr key={c.userId ?? 'none'}>
              <th scope="row">{c.name ?? t('leader.compliance.noLead')}</th>
              <FigureCells f={c} userId={c.userId} unassigned={c.userId === null} name={c.name ?? t('leader.compliance.noLead')} />
            </tr>
          ))}
        </tbody>
      </ResponsiveTable>
      <h3 className="mt-5">{t('leader.compliance.trend')}</h3>
      <ChartWithTable
        tableLabel={t('leader.showTable')}
        chart={(
          <LineChart
            id="chart-trend" title={t('leader.compliance.trendTitle')} description={t('leader.compliance.trendDesc')}
            points={data.compliance.trend.map((m) => ({ label: monthLabel(m.month, i18n.language), value: m.share === null ? null : Math.round(m.share * 100) }))}
          />
        )}
        table={(
          <ResponsiveTable>
            <caption>{t('leader.compliance.trendTitle')}</caption>
            <thead><tr><th scope="col">{t('leader.month')}</th>{head}</tr></thead>
            <tbody>
              {data.compliance.trend.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  <td className="text-align-right"><FigureLink to={casesLink({ filter: 'due', month: m.month })} value={m.counted} label={t('leader.compliance.dueIn', { month: m.month })} /></td>
                  <td className="text-align-right"><FigureLink to={casesLink({ filter: 'on_time', month: m.month })} value={m.onTime} label={t('leader.compliance.onTimeIn', { month: m.month })} /></td>
                  <td className="text-align-right"><FigureLink to={casesLink({ filter: 'late', month: m.month })} value={m.late + m.overdue} label={t('leader.compliance.lateIn', { month: m.month })} /></td>
                  <td className="text-align-right"><FigureLink to={casesLink({ filter: 'overdue', month: m.month })} value={m.overdue} label={t('leader.compliance.overdueIn', { month: m.month })} /></td>
                  <td className="text-align-right">{percent(m.share)}</td>
                </tr>
              ))}
            </tbody>
          </ResponsiveTable>
        )}
      />
      <p className="mt-3"><a href={exportLink('compliance')} download>{t('leader.export.compliance')}</a></p>
    </section>
  );
}

function Overdue({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="leader-overdue" className="mt-7">
      <h2 id="leader-overdue">{t('leader.overdue.heading')} <span className="weight-normal">({data.overdueTotal})</span></h2>
      {data.overdue.length === 0 ? <p>{t('leader.overdue.none')}</p> : (
        <ResponsiveTable>
          <caption className="sr-only">{t('leader.overdue.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('leader.overdue.col.case')}</th>
              <th scope="col">{t('leader.overdue.col.due')}</th>
              <th scope="col" className="text-align-right">{t('leader.overdue.col.days')}</th>
              <th scope="col">{t('leader.overdue.col.lead')}</th>
              <th scope="col">{t('leader.overdue.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {data.overdue.map((o) => (
              <tr key={o.caseId}>
                <th scope="row">
                  <Link to={`/cases/${o.caseId}`}>{o.childName}</Link>
                  <span className="d-block small-text">{o.familyName} · {o.caseNumber}</span>
                </th>
                <td>{formatDate(o.dueOn, i18n.language)}</td>
                <td className="text-align-right">{o.daysOverdue}{o.escalated && <span className="d-block small-text">{t('leader.overdue.escalated')}</span>}</td>
                <td>{o.leadName ?? t('leader.compliance.noLead')}</td>
                <td>
                  <Link to={`/cases/${o.caseId}/handover`}>{t('leader.overdue.handover')}<span className="sr-only">{`: ${o.childName}`}</span></Link>
                </td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {data.overdueTotal > data.overdue.length && (
        <p className="mt-3"><Link to={casesLink({ filter: 'overdue' })}>{t('leader.overdue.all', { shown: data.overdue.length, count: data.overdueTotal })}</Link></p>
      )}
      <p className="mt-3"><a href={exportLink('overdue')} download>{t('leader.export.overdue')}</a></p>
    </section>
  );
}

/**
 * The leader dashboard at /leader (issue 9 item 8). `fidelity` is the slot for the fidelity-per-element plot
 * (issue 9 item 7, src/modules/status-measurement): pass the component there; without it a placeholder says it is not there yet.
 */
export function LeaderDashboardPage({ fidelity }: { fidelity?: ReactNode } = {}) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('leader.title'));
  const dashboard = useResource(() => leaderApi.dashboard(), 'leader-dashboard');
  const data = dashboard.data;
  return (
    <>
      <h1>{t('leader.title')}</h1>
      {dashboard.loading && !data && <Loading />}
      {dashboard.error && <LoadError error={dashboard.error} />}
      {data && (
        <>
          <p className="font-lead">{t('leader.intro', { department: data.departmentName, date: formatDate(data.today, i18n.language) })}</p>
          <ul className="nobullet-list" aria-label={t('leader.keyFigures')}>
            <li>
              {t('leader.figures.compliance')}: <strong>{percent(data.compliance.team.share)}</strong>{' '}
              (<FigureLink to={casesLink({ filter: 'on_time' })} value={data.compliance.team.onTime} label={t('leader.compliance.onTimeOf', { name: data.departmentName })} />
              {' / '}<FigureLink to={casesLink({ filter: 'due' })} value={data.compliance.team.counted} label={t('leader.compliance.dueOf', { name: data.departmentName })} />)
            </li>
            <li>{t('leader.figures.overdue')}: <strong><FigureLink to={casesLink({ filter: 'overdue' })} value={data.overdueTotal} label={t('leader.figures.overdue')} /></strong></li>
            <li>
              {t('leader.figures.escalations')}: <strong><Link to="/leader/escalations">{data.escalations.open}<span className="sr-only">{` – ${t('leader.escalations.title')}`}</span></Link></strong>
              {' '}{t('leader.figures.escalationRule', { days: data.settings.escalationAfterDays })}
            </li>
          </ul>
          {data.escalations.open > 0 && (
            <Alert variant="warning" heading={t('leader.escalations.alert', { count: data.escalations.open })} headingLevel={2}>
              <p><Link to="/leader/escalations">{t('leader.escalations.open')}</Link></p>
            </Alert>
          )}
          <Overdue data={data} />
          <Compliance data={data} />
          <Caseload data={data} />
          <section aria-labelledby="leader-fidelity" className="mt-7" data-slot="fidelity">
            <h2 id="leader-fidelity">{t('leader.fidelity.heading')}</h2>
            {fidelity ?? <p>{t('leader.fidelity.placeholder')}</p>}
          </section>
        </>
      )}
    </>
  );
}
