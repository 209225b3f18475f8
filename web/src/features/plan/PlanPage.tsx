import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Flash } from '../../components/Flash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import { ChildVoicePanel } from '../child-voice/ChildVoicePanel';
import { planApi, type Plan, type PlanDiff } from './api';
import { GoalCard } from './GoalCard';
import { PlanErrors } from './PlanErrors';
import './plan.css';

/** The family's joint plan (000:736-760): the shown version's goals beside the child's voice, the versions, and compare. */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const { familyId = '' } = useParams();
  const [params] = useSearchParams();
  const versionParam = Number(params.get('version')) || undefined;
  const plan = useResource(() => planApi.get(familyId, versionParam), `${familyId}:${versionParam ?? 'latest'}`);
  const data = plan.data;
  const title = data ? t('plan.titleFor', { name: data.familyName }) : t('plan.title');
  usePageTitle(title);
  const backTo = data?.accessReason === 'parent' ? '/my-family' : `/families/${familyId}`;

  return (
    <>
      <Breadcrumbs items={[
        data?.accessReason === 'parent' ? { label: t('ownFamily.title'), to: '/my-family' } : { label: data?.familyName ?? t('family.title'), to: backTo },
        { label: t('plan.title') },
      ]} />
      <h1>{title}</h1>
      <Flash />
      {plan.loading && !data && <Loading />}
      {plan.error && <LoadError error={plan.error} />}
      {data && !data.version && (
        <>
          <p className="font-lead">{t('plan.none')}</p>
          {data.abilities.canCreate && <p><Link className="button button-primary" to={`/families/${familyId}/plan/edit`}>{t('plan.create')}</Link></p>}
          {data.childVoice.length > 0 && <ChildVoicePanel children={data.childVoice} />}
        </>
      )}
      {data?.version && <PlanBody data={data} familyId={familyId} language={i18n.language} />}
    </>
  );
}

function PlanBody({ data, familyId, language }: { data: Plan; familyId: string; language: string }) {
  const { t } = useTranslation();
  const version = data.version!;
  const agreement = version.agreement;
  return (
    <>
      <section aria-labelledby="plan-version" className="plan-version-box">
        <h2 id="plan-version">{t('plan.versionOf', { number: version.number, latest: data.latestVersion })}</h2>
        {!version.latest && (
          <Alert variant="warning" heading={t('plan.oldVersionHeading')} headingLevel={3}>
            <p className="alert-text">{t('plan.oldVersionText')} <Link to={`/families/${familyId}/plan`}>{t('plan.showLatest')}</Link></p>
          </Alert>
        )}
        <p>
          <span className={agreement ? 'tag tag-success' : 'tag'}>{agreement ? t('plan.state.agreed') : t('plan.state.draft')}</span>{' '}
          {agreement
            ? t('plan.agreedWith', { date: formatDate(agreement.agreedOn, language), names: agreement.parties.map((p) => p.name).join(', ') })
            : t('plan.notAgreed')}
        </p>
        <p>{t('plan.createdBy', { name: version.createdBy, at: formatDateTime(version.createdAt, language) })}<br />
          <strong>{t('plan.reason')}:</strong> {version.reason}</p>
        <ul className="nobullet-list plan-actions">
          {data.abilities.canRevise && <li><Link className="button button-primary" to={`/families/${familyId}/plan/edit`}>{t('plan.revise')}</Link></li>}
          {data.abilities.canUpdateStatus && <li><Link className="button button-secondary" to={`/families/${familyId}/plan/status`}>{t('plan.updateStatus')}</Link></li>}
          {data.abilities.canAgree && <li><Link className="button button-secondary" to={`/families/${familyId}/plan/agree`}>{t('plan.agree')}</Link></li>}
          <li><Link className="button button-secondary" to={`/families/${familyId}/plan/print?version=${version.number}`}>{t('plan.printView')}</Link></li>
          <li><a className="button button-secondary" href={planApi.pdfUrl(familyId, version.number)} download>{t('plan.pdf')}</a></li>
        </ul>
      </section>
      <div className="row">
        <section className={data.accessReason === 'parent' ? 'col-12' : 'col-12 col-lg-8'} aria-labelledby="plan-goals">
          <h2 id="plan-goals">{t('plan.goals')}</h2>
          {version.goals.length === 0 && <p>{t('plan.noGoals')}</p>}
          {version.goals.map((goal, index) => <GoalCard key={goal.goalKey} goal={goal} index={index} />)}
        </section>
        {data.accessReason !== 'parent' && (
          <div className="col-12 col-lg-4"><ChildVoicePanel children={data.childVoice} /></div>
        )}
      </div>
      <Versions data={data} familyId={familyId} language={language} />
    </>
  );
}

function Versions({ data, familyId, language }: { data: Plan; familyId: string; language: string }) {
  const { t } = useTranslation();
  const numbers = data.versions.map((v) => v.number);
  const [from, setFrom] = useState(String(numbers[1] ?? numbers[0] ?? ''));
  const [to, setTo] = useState(String(numbers[0] ?? ''));
  const [diff, setDiff] = useState<PlanDiff | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const compare = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setDiff(await planApi.compare(familyId, Number(from), Number(to)));
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  const value = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined || v === '' ? t('app.dash') : String(v));
  return (
    <section aria-labelledby="plan-versions">
      <h2 id="plan-versions">{t('plan.versions')}</h2>
      <ResponsiveTable>
        <caption className="sr-only">{t('plan.versionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.version')}</th>
            <th scope="col">{t('plan.stateLabel')}</th>
            <th scope="col">{t('plan.reason')}</th>
            <th scope="col">{t('plan.by')}</th>
            <th scope="col">{t('plan.when')}</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => (
            <tr key={v.number}>
              <th scope="row"><Link to={`/families/${familyId}/plan?version=${v.number}`}>{t('plan.versionN', { number: v.number })}</Link></th>
              <td>{v.state === 'agreed' ? `${t('plan.state.agreed')} ${formatDate(v.agreedOn, language) ?? ''}` : t('plan.state.draft')}</td>
              <td>{v.reason}</td>
              <td>{v.createdBy}</td>
              <td>{formatDateTime(v.createdAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </ResponsiveTable>
      {numbers.length > 1 && (
        <form onSubmit={(event) => void compare(event)} noValidate className="plan-compare">
          <h3>{t('plan.compare')}</h3>
          <PlanErrors error={error} />
          <div className="plan-compare-fields">
            <div className="form-group">
              <label className="form-label" htmlFor="compare-from">{t('plan.compareFrom')}</label>
              <select id="compare-from" className="form-select" value={from} onChange={(e) => setFrom(e.target.value)}>
                {numbers.map((n) => <option key={n} value={n}>{t('plan.versionN', { number: n })}</option>)}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="compare-to">{t('plan.compareTo')}</label>
              <select id="compare-to" className="form-select" value={to} onChange={(e) => setTo(e.target.value)}>
                {numbers.map((n) => <option key={n} value={n}>{t('plan.versionN', { number: n })}</option>)}
              </select>
            </div>
          </div>
          <button type="submit" className="button button-secondary">{t('plan.compareButton')}</button>
        </form>
      )}
      {diff && (
        <div role="status" className="plan-diff">
          <h3>{t('plan.diffHeading', { from: diff.from, to: diff.to })}</h3>
          {diff.added.length + diff.removed.length + diff.changed.length === 0 && <p>{t('plan.diffNone')}</p>}
          {diff.added.length > 0 && <><h4>{t('plan.diffAdded')}</h4><ul>{diff.added.map((g) => <li key={g.goalKey}>{g.title}</li>)}</ul></>}
          {diff.removed.length > 0 && <><h4>{t('plan.diffRemoved')}</h4><ul>{diff.removed.map((g) => <li key={g.goalKey}>{g.title}</li>)}</ul></>}
          {diff.changed.map((g) => (
            <div key={g.goalKey}>
              <h4>{t('plan.diffChanged', { title: g.title })}</h4>
              <ResponsiveTable>
                <thead>
                  <tr><th scope="col">{t('plan.diffField')}</th><th scope="col">{t('plan.diffBefore')}</th><th scope="col">{t('plan.diffAfter')}</th></tr>
                </thead>
                <tbody>
                  {g.changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row">{fieldLabel(t, c.field)}</th>
                      <td className="preserve-lines">{value(c.before)}</td>
                      <td className="preserve-lines">{value(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </ResponsiveTable>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

const diffFields = ['title', 'concernsPersonId', 'horizon', 'specific', 'measurable', 'accepted', 'realistic', 'startsOn', 'endsOn', 'evaluation', 'familyWords',
  'professionalAssessment', 'status', 'statusNote', 'statusMeetingId', 'owners', 'measures', 'departments', 'activities'] as const;

function fieldLabel(t: TFunction, field: string): string {
  return (diffFields as readonly string[]).includes(field) ? t(`plan.diffFields.${field as (typeof diffFields)[number]}`) : field;
}
